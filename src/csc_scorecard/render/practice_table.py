"""A practice report topic's table: April to March of the year, then the annual trend.

Seed 004 prints one row per month of the financial year the report falls in, months still to
come left blank (so the reader sees how far through the year the figures are), a target row
above them, and one row per financial year below: full years, then the current year to date.
Each column is one indicator figure; a percentage may carry its numerator / denominator in the
column before it ("76 / 104"), because a committee asks "out of how many?".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from csc_scorecard.assess.figures import Figure
from csc_scorecard.engine.catalogue.entry import Indicator, Unit
from csc_scorecard.engine.periods import Period, PeriodKind, financial_year_label, month_end
from csc_scorecard.narrative.numbers import NO_FIGURE, format_value
from csc_scorecard.render import cells
from csc_scorecard.render.model import Align, Cell, Column, Section
from csc_scorecard.render.practice_layout import PracticeColumn

IN_MONTH = "In month performance"
ANNUAL_TREND = "Annual trend"
TARGET_ROW = "Target"


@dataclass(frozen=True)
class ColumnFigures:
    """A layout column with what it shows: its indicator, period kind, figures and target."""

    layout: PracticeColumn
    indicator: Indicator
    kind: PeriodKind
    figures: Mapping[tuple[PeriodKind, date], Figure]
    target: float | None

    @property
    def title(self) -> str:
        """The heading: the council's code, then the label ("CSC 022 Monthly % ...")."""
        label = self.layout.label or self.indicator.title
        return f"{self.layout.code} {label}" if self.layout.code else label


def year_months(month: date) -> list[date]:
    """The month ends of the financial year ``month`` falls in, April to March."""
    first_year = Period.of(PeriodKind.MONTH, month).reporting_year - 1
    return [month_end(date(first_year + (m > 12), (m - 1) % 12 + 1, 1)) for m in range(4, 16)]


def table_columns(shown: Sequence[ColumnFigures]) -> tuple[Column, ...]:
    """The row-label column, then each figure (after its numerator / denominator if asked).

    A fraction and its percentage share a banner with the column's title; otherwise the
    layout's group (if any) is the banner and the title heads the column.
    """
    columns = [Column("", "period", width=9)]
    for c in shown:
        if c.layout.fraction:
            banner = c.layout.group or c.title
            columns.append(Column("Num / Den", "fraction", banner, 8, Align.RIGHT))
            columns.append(
                Column("%" if c.layout.group == "" else c.title, "figure", banner, 7, Align.RIGHT)
            )
        else:
            columns.append(Column(c.title, "figure", c.layout.group, 9, Align.RIGHT))
    return tuple(columns)


def _fraction(figure: Figure | None) -> Cell:
    if figure is None or figure.numerator is None or figure.denominator is None:
        return cells.text(NO_FIGURE, Align.RIGHT)
    parts = (format_value(n, Unit.COUNT) for n in (figure.numerator, figure.denominator))
    return cells.text(" / ".join(parts), Align.RIGHT)


def _cells(c: ColumnFigures, figure: Figure | None) -> list[Cell]:
    value = cells.figure(None if figure is None else figure.value, c.indicator.unit)
    return [_fraction(figure), value] if c.layout.fraction else [value]


def _blank(c: ColumnFigures) -> list[Cell]:
    return [cells.text("", Align.RIGHT)] * (2 if c.layout.fraction else 1)


def _target(c: ColumnFigures) -> list[Cell]:
    if not c.layout.target or c.target is None:
        return _blank(c)
    return [*_blank(c)[1:], cells.figure(c.target, c.indicator.unit)]


def in_month_section(shown: Sequence[ColumnFigures], month: date) -> Section:
    """The target row (when any column has a target), then April to March.

    Months after ``month`` are blank; a month with no figure shows "-".
    """
    rows: list[tuple[Cell, ...]] = []
    if any(c.layout.target and c.target is not None for c in shown):
        targets = [cell for c in shown for cell in _target(c)]
        rows.append((cells.text(TARGET_ROW), *targets))
    for end in year_months(month):
        label = cells.text(Period.of(PeriodKind.MONTH, end).label)
        if end > month:
            rows.append((label, *(cell for c in shown for cell in _blank(c))))
        else:
            found = [cell for c in shown for cell in _cells(c, c.figures.get((c.kind, end)))]
            rows.append((label, *found))
    return Section(IN_MONTH, table_columns(shown), tuple(rows))


def trend_figure(c: ColumnFigures, year_end: date, month: date) -> Figure | None:
    """A column's figure for the financial year ending ``year_end``.

    A past year shows the full year (an in-month column's financial year total or rate; any
    other kind as at March). The current year shows the year to date at ``month`` (an
    in-month column) or the column's own figure at ``month``.
    """
    current = year_end >= month
    at = month if current else year_end
    if c.kind is PeriodKind.MONTH:
        kind = PeriodKind.YTD if current and month != year_end else PeriodKind.FY
        return c.figures.get((kind, at)) or c.figures.get((PeriodKind.YTD, at))
    return c.figures.get((c.kind, at))


def trend_section(shown: Sequence[ColumnFigures], month: date, years: int) -> Section:
    """One row per financial year, the oldest first, ending with the current year to date."""
    last = Period.of(PeriodKind.MONTH, month).reporting_year
    rows: list[tuple[Cell, ...]] = []
    for year in range(last - years + 1, last + 1):
        year_end = date(year, 3, 31)
        label = financial_year_label(year)
        if year == last and month != year_end:
            label = Period.of(PeriodKind.YTD, month).label
        found = [cell for c in shown for cell in _cells(c, trend_figure(c, year_end, month))]
        rows.append((cells.text(label), *found))
    return Section(ANNUAL_TREND, table_columns(shown), tuple(rows))
