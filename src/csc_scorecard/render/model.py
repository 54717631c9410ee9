"""The renderer-neutral report: what a report says, cell by cell, before any file format.

The builders (:mod:`csc_scorecard.render.scorecard`) decide every word, number and colour once;
the Excel, HTML and PDF renderers only lay this value out. So the three outputs cannot disagree,
and a test can check a row's cells without opening a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from csc_scorecard.assess.rag import Rag


class Align(StrEnum):
    """Horizontal alignment: text reads from the left, figures line up on the right."""

    LEFT = "left"
    CENTRE = "centre"
    RIGHT = "right"


@dataclass(frozen=True)
class Cell:
    """One table cell.

    Attributes:
        text: what is printed (figures already formatted by ``narrative.numbers``).
        align: horizontal alignment.
        fill: background colour (a figure against its target); NONE for no fill.
        ink: text colour (a direction-of-travel arrow); NONE for ordinary text.
        note: the words a colour or symbol stands for ("up, worsening"), for screen readers
            and anyone not seeing colour; empty when the text says it all.
        symbolic: ``text`` is a symbol (an arrow, the key mark) that ``note`` says in words,
            so a screen reader reads the note instead of the symbol.
        caption: a short visible line under the text (the arrow's "worse").
        number: the figure as shown (rounded as ``text``), so a spreadsheet can hold a number.
        decimals: the places ``text`` shows, for the spreadsheet's number format.
        suffix: what follows the figure in ``text`` ("%"), for the same.
    """

    text: str
    align: Align = Align.LEFT
    fill: Rag = Rag.NONE
    ink: Rag = Rag.NONE
    note: str = ""
    symbolic: bool = False
    caption: str = ""
    number: float | None = None
    decimals: int = 0
    suffix: str = ""


@dataclass(frozen=True)
class Column:
    """A table column.

    Attributes:
        title: the header text.
        key: a stable name for styling ("indicator", "analysis", "figure" ...).
        group: a banner over consecutive columns sharing it ("Latest published statistics
            (2023-24)"); empty for none.
        width: the width in characters a spreadsheet gives it.
        align: how its cells align.
    """

    title: str
    key: str
    group: str = ""
    width: float = 10
    align: Align = Align.LEFT


@dataclass(frozen=True)
class Section:
    """A titled table: the scorecard's halves, a breakdown sheet, the notes.

    Attributes:
        title: shown above the table; a breakdown's title is also its sheet name.
        columns: the columns, left to right.
        rows: each row's cells, one per column.
        caption: what the table holds, in a sentence, where the title is too short to say it.
    """

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""

    def __post_init__(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"{self.title}: row {number} has {len(row)} cells for {len(self.columns)} "
                    "columns"
                )

    @property
    def groups(self) -> tuple[tuple[str, int], ...]:
        """Consecutive columns sharing a group, as (group, span): the header's banner row."""
        spans: list[tuple[str, int]] = []
        for column in self.columns:
            if spans and spans[-1][0] == column.group:
                spans[-1] = (column.group, spans[-1][1] + 1)
            else:
                spans.append((column.group, 1))
        return tuple(spans)


class LineKind(StrEnum):
    """What a chart's horizontal line marks."""

    TARGET = "target"
    CENTRE = "centre"
    """The SPC centre line (the baseline's mean)."""
    LIMIT = "limit"
    """An SPC process limit."""


@dataclass(frozen=True)
class ChartLine:
    """A horizontal line across a chart, with its legend label ("Target 90.0%")."""

    kind: LineKind
    label: str
    value: float


@dataclass(frozen=True)
class ChartPoint:
    """One month's figure on a chart: its axis label, value and the value as printed."""

    label: str
    value: float
    text: str


@dataclass(frozen=True)
class Chart:
    """A monthly line chart against reference lines.

    Attributes:
        title: what is charted ("CSC 022: Monthly % of referrals completed within 1 day").
        summary: the chart in words (latest value, target, limits): its text alternative.
        points: the figures, oldest first.
        lines: target and SPC lines.
        suffix: what follows each axis figure ("%").
    """

    title: str
    summary: str
    points: tuple[ChartPoint, ...]
    lines: tuple[ChartLine, ...] = ()
    suffix: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph led by a bold label (seed 004's "Referrals: 78.0% of referrals ...")."""

    lead: str
    text: str


@dataclass(frozen=True)
class Topic:
    """A practice report topic: definition and analysis in words, then its tables and charts.

    Attributes:
        title: "REFERRALS: TIMELINESS".
        definition: what the figures count, as paragraphs.
        analysis: the analysts' (or drafted) commentary, a paragraph per indicator led by
            its name when the topic has several.
        tables: tables sharing one set of columns, shown as one table with a banner row
            before each (seed 004's "In Month Performance" and "Annual Trend").
        charts: the charts under the table.
    """

    title: str
    definition: tuple[str, ...]
    analysis: tuple[Paragraph, ...]
    tables: tuple[Section, ...]
    charts: tuple[Chart, ...] = ()


@dataclass(frozen=True)
class Appendix:
    """A page of tables behind a report (the data-quality summary): its own sheet in a workbook,
    its own page in a document.

    Attributes:
        title: the heading, and the sheet's name.
        text: paragraphs before the tables (what they count, or that there is nothing to count).
        sections: the tables, in order; none when there is nothing to show.
    """

    title: str
    text: tuple[str, ...]
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Report:
    """A whole report.

    Attributes:
        title: the banner ("Children's Social Care Performance Scorecard").
        council: the council's name.
        subtitle: the as-at line ("Data as at end of November 2024").
        intro: paragraphs above the tables.
        key_legend: what the key-indicator mark means.
        sections: the main tables, in order.
        footnotes: lines under the main tables.
        breakdowns: tables behind the main ones (their own sheets in a workbook).
        notes: each indicator's definition and source.
        data_source: where the figures came from (store, dates, code version).
        label: a line on the cover naming the audience ("Scrutiny"); empty for none.
        summary_title: the heading over ``summary``.
        summary: one paragraph per topic, before the topics.
        topics: the practice report's topic pages.
        data_quality: what ingest rejected and the completeness checks, after the data source;
            none for a report that does not show it.
    """

    title: str
    council: str
    subtitle: str
    intro: tuple[str, ...]
    key_legend: str
    sections: tuple[Section, ...]
    footnotes: tuple[str, ...]
    breakdowns: tuple[Section, ...]
    notes: Section
    data_source: Section
    label: str = ""
    summary_title: str = ""
    summary: tuple[Paragraph, ...] = ()
    topics: tuple[Topic, ...] = ()
    data_quality: Appendix | None = None
