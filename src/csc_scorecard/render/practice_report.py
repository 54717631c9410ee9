"""The quarterly Performance & Practice Report (seed 004) as a renderer-neutral :class:`Report`.

A cover with the quarter, a performance summary of one paragraph per topic, then a page per
topic: what the figures count, the analysis, the April to March table with the annual trend,
and charts of the monthly figures against the target and SPC limits. As in the scorecard, the
judgements (targets, SPC, drafted analysis) come from
:func:`~csc_scorecard.assess.council.assess_council`; the builder only lays them out, reading
the tidy results for the numerators, denominators and year-to-date figures the table prints.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from datetime import date

import polars as pl

from csc_scorecard.assess.council import AssessedIndicator, reporting_year_label
from csc_scorecard.assess.figures import figures_by_period, whole_council
from csc_scorecard.config.models import CouncilConfig
from csc_scorecard.engine.periods import PeriodKind
from csc_scorecard.narrative.phrases import month_year
from csc_scorecard.render import cells
from csc_scorecard.render.appendix import data_source_section
from csc_scorecard.render.model import Align, Column, Paragraph, Report, Section, Topic
from csc_scorecard.render.practice_chart import chart_of
from csc_scorecard.render.practice_layout import PracticeLayout, PracticeTopic, column_kind
from csc_scorecard.render.practice_table import ColumnFigures, in_month_section, trend_section
from csc_scorecard.store.commentary import Commentary

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def quarter_of(month: date) -> tuple[int, str]:
    """The financial quarter ``month`` falls in and its months so far: (2, "Jul-Sep")."""
    quarter = (month.month - 4) % 12 // 3 + 1
    first = (month.month - 1) // 3 * 3 + 1
    names = [calendar.month_abbr[first], calendar.month_abbr[month.month]]
    return quarter, names[0] if first == month.month else "-".join(names)


def build_practice_report(
    layout: PracticeLayout,
    assessed: Sequence[AssessedIndicator],
    results: pl.DataFrame,
    *,
    month: date,
    config: CouncilConfig,
    commentary: Mapping[str, Commentary] | None = None,
    source: Sequence[tuple[str, str]] = (),
) -> Report:
    """The report for the quarter holding ``month``, with figures to the end of ``month``.

    Args:
        layout: the topics and their columns.
        assessed: every indicator the layout names, assessed for ``month``.
        results: engine results for the council: every month, year to date and financial
            year the tables and trend show.
        config: the council the report is for.
        commentary: the analysts' text by indicator id; an indicator without it shows its
            drafted analysis.
        source: lines for the Data Source table, as (item, detail).

    Raises:
        ValueError: when an indicator the layout names was not assessed.
    """
    by_id = {a.indicator.id: a for a in assessed}
    missing = sorted(set(layout.indicator_ids) - set(by_id))
    if missing:
        raise ValueError(f"not assessed: {', '.join(missing)}")
    quarter, months = quarter_of(month)
    year = reporting_year_label(month)
    words = {"month": month_year(month), "quarter": f"Q{quarter} {year}"}
    la_code = config.council.la_code
    figures = {i: figures_by_period(whole_council(results, i, la_code)) for i in by_id}
    texts = {i: _analysis(a, (commentary or {}).get(i)) for i, a in by_id.items()}
    topics = []
    summary = []
    for topic in layout.topic:
        shown = [
            ColumnFigures(
                c,
                by_id[c.indicator].indicator,
                column_kind(c, by_id[c.indicator].indicator) or PeriodKind.MONTH,
                figures[c.indicator],
                by_id[c.indicator].target,
            )
            for c in topic.columns
        ]
        ids = list(dict.fromkeys(c.indicator for c in topic.columns))
        analysis = tuple(
            Paragraph(by_id[i].indicator.title if len(ids) > 1 else "", texts[i])
            for i in ids
            if texts[i]
        )
        topics.append(
            _topic(topic, shown, by_id=by_id, analysis=analysis, month=month, layout=layout)
        )
        summary.append(Paragraph(topic.summary, _headlines(analysis)))
    facts = [
        ("Council", f"{config.council.name} ({la_code})"),
        ("Reporting month", month_year(month)),
        *source,
    ]
    return Report(
        title=layout.title.format_map(words),
        council=config.council.name,
        subtitle=f"{month_year(month)}, Quarter {quarter} {year} ({months})",
        intro=(),
        key_legend="",
        sections=(),
        footnotes=(),
        breakdowns=(),
        notes=_notes(layout, by_id),
        data_source=data_source_section(facts),
        label=layout.label.format_map(words),
        summary_title=layout.summary_title.format_map(words),
        summary=tuple(summary),
        topics=tuple(topics),
    )


def _headlines(analysis: Sequence[Paragraph]) -> str:
    """Each paragraph's first sentence, after its indicator's name: a topic in brief."""
    firsts = (_SENTENCE_END.split(p.text, maxsplit=1)[0] for p in analysis)
    return " ".join(
        f"{p.lead}: {first}" if p.lead else first for p, first in zip(analysis, firsts, strict=True)
    )


def _analysis(a: AssessedIndicator, written: Commentary | None) -> str:
    return written.text if written is not None else a.draft.text


def _topic(
    topic: PracticeTopic,
    shown: Sequence[ColumnFigures],
    *,
    by_id: Mapping[str, AssessedIndicator],
    analysis: tuple[Paragraph, ...],
    month: date,
    layout: PracticeLayout,
) -> Topic:
    if topic.definition is not None:
        definition: tuple[str, ...] = (topic.definition,)
    else:
        definition = tuple(dict.fromkeys(c.indicator.definition for c in shown))
    charts = tuple(
        chart_of(c, by_id[c.indicator.id].assessment, month, layout.chart_months)
        for c in shown
        if c.layout.chart
    )
    tables = (in_month_section(shown, month), trend_section(shown, month, layout.trend_years))
    return Topic(topic.title, definition, analysis, tables, charts)


def _notes(layout: PracticeLayout, by_id: Mapping[str, AssessedIndicator]) -> Section:
    """Each indicator the report shows: the council's codes, catalogue title and id, source."""
    codes: dict[str, list[str]] = {}
    for topic in layout.topic:
        for column in topic.columns:
            found = codes.setdefault(column.indicator, [])
            if column.code and column.code not in found:
                found.append(column.code)
    columns = (
        Column("Code", "number", width=10),
        Column("Indicator", "indicator", width=50),
        Column("Source", "analysis", width=50),
    )
    rows = tuple(
        (
            cells.text(", ".join(found)),
            cells.text(f"{by_id[i].indicator.title} ({i})"),
            cells.text(by_id[i].indicator.source, Align.LEFT),
        )
        for i, found in codes.items()
    )
    return Section("Indicators in this report", columns, rows, "Each figure's definition source.")
