"""The monthly Performance Scorecard (seed 000) as a renderer-neutral :class:`Report`.

The builder reads judgements, it does not make them: figures, targets, directions, colours and
benchmark bands all come from :func:`csc_scorecard.assess.council.assess_council`. What it
decides is presentation: which figure goes in which column, as the layout orders the rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from csc_scorecard.assess.council import AssessedIndicator
from csc_scorecard.assess.figures import Figure, year_earlier
from csc_scorecard.assess.rag import Rag
from csc_scorecard.config.models import CouncilConfig
from csc_scorecard.engine.periods import Period, PeriodKind
from csc_scorecard.narrative.draft import Focus, draft_analysis
from csc_scorecard.narrative.phrases import month_year
from csc_scorecard.render import cells
from csc_scorecard.render.appendix import breakdown_section, data_source_section, notes_section
from csc_scorecard.render.layout import Layout, LayoutSection, SectionKind
from csc_scorecard.render.model import Align, Appendix, Cell, Column, Report, Section
from csc_scorecard.render.rows import RowFigures, chat_figures, rolling_figures
from csc_scorecard.store.commentary import Commentary

REGION_SHORT = {
    "North East": "NE",
    "North West": "NW",
    "Yorkshire and The Humber": "Y&H",
    "East Midlands": "EM",
    "West Midlands": "WM",
    "East of England": "EoE",
    "South East": "SE",
    "South West": "SW",
}
"""How seed 000 heads the region's column ("NW"); other regions keep their name ("London")."""


@dataclass(frozen=True)
class RigFigure:
    """A regional improvement group's quarterly figures: the council's and the group's."""

    quarter: str
    la_value: float | None
    group_value: float | None


def build_scorecard(
    layout: Layout,
    assessed: Sequence[AssessedIndicator],
    *,
    month: date,
    config: CouncilConfig,
    commentary: Mapping[str, Commentary] | None = None,
    rig: Mapping[str, RigFigure] | None = None,
    results: pl.DataFrame | None = None,
    source: Sequence[tuple[str, str]] = (),
    data_quality: Appendix | None = None,
) -> Report:
    """The scorecard for ``month``.

    Args:
        layout: the rows, sections, text and breakdown sheets.
        assessed: every indicator the layout's rows name, assessed for ``month``.
        config: the council (name, region) the report is for.
        commentary: the analysts' text by indicator id (see ``commentary_for``); an indicator
            without it shows its drafted analysis.
        rig: the latest RIG figures by indicator id; no RIG columns when empty.
        results: engine results holding the breakdown sheets' figures (none when omitted).
        source: lines for the Data Source table (store, data dates ...), as (item, detail).
        data_quality: the data-quality appendix (see ``render.quality_appendix``); none when
            omitted.

    Raises:
        ValueError: when a layout row's indicator was not assessed.
    """
    by_id = {a.indicator.id: a for a in assessed}
    missing = sorted({r.indicator for s in layout.section for r in s.rows} - set(by_id))
    if missing:
        raise ValueError(f"not assessed: {', '.join(missing)}")
    rig = rig or {}
    published = _published_year(assessed)
    words = {
        "month": month_year(month),
        "year_ago": month_year(year_earlier(month)),
        "published_year": published or "not imported",
    }
    table = _Table(config, by_id, commentary or {}, rig, month)
    sections = tuple(table.section(s) for s in layout.section)
    footnotes = [t.format_map(words) for t in layout.footnotes]
    if any(a.benchmarks is not None and a.benchmarks.synthetic for a in assessed):
        footnotes.append("Published statistics are synthetic demonstration figures, not DfE's.")
    breakdowns = tuple(
        breakdown_section(sheet, results, config.council.la_code, month)
        for sheet in layout.breakdown
        if results is not None
    )
    facts = [
        ("Council", f"{config.council.name} ({config.council.la_code})"),
        ("Reporting month", month_year(month)),
        ("Published statistics", published or "none imported"),
        *source,
    ]
    return Report(
        title=layout.title.format_map(words),
        council=config.council.name,
        subtitle=f"Data as at end of {month_year(month)}",
        intro=tuple(t.format_map(words) for t in layout.intro),
        key_legend=layout.key_legend.format_map(words),
        sections=sections,
        footnotes=tuple(footnotes),
        breakdowns=breakdowns,
        notes=notes_section(layout, by_id),
        data_source=data_source_section(facts),
        data_quality=data_quality,
    )


def _published_year(assessed: Sequence[AssessedIndicator]) -> str | None:
    """The year most rows' published statistics are for (seed 000: 2023-24)."""
    years = Counter(
        a.benchmarks.year
        for a in assessed
        if a.benchmarks is not None and a.benchmarks.published_la is not None
    )
    return years.most_common(1)[0][0] if years else None


class _Table:
    """Builds a section's columns and rows; holds what every row needs."""

    def __init__(
        self,
        config: CouncilConfig,
        assessed: Mapping[str, AssessedIndicator],
        commentary: Mapping[str, Commentary],
        rig: Mapping[str, RigFigure],
        month: date,
    ) -> None:
        self.config = config
        self.assessed = assessed
        self.commentary = commentary
        self.rig = rig
        self.month = month

    def section(self, layout: LayoutSection) -> Section:
        chosen = [self.assessed[r.indicator] for r in layout.rows]
        figures = [self._figures(layout.kind, a) for a in chosen]
        rows = tuple(
            self._row(r.no, r.label or a.indicator.title, r.mark, a, f, kind=layout.kind)
            for r, a, f in zip(layout.rows, chosen, figures, strict=True)
        )
        return Section(layout.title, self._columns(layout.kind, chosen), rows)

    def _figures(self, kind: SectionKind, a: AssessedIndicator) -> RowFigures:
        if kind is SectionKind.ROLLING:
            return rolling_figures(a.assessment, self.month)
        return chat_figures(a.assessment)

    def _columns(
        self, kind: SectionKind, chosen: Sequence[AssessedIndicator]
    ) -> tuple[Column, ...]:
        if kind is SectionKind.ROLLING:
            first, second = (
                f"LA rolling {n}m ({Period.of(k, self.month).label})"
                for n, k in ((12, PeriodKind.ROLLING_12M), (6, PeriodKind.ROLLING_6M))
            )
        else:
            first, second = (
                f"LA {Period.of(PeriodKind.MONTH, m).label} ChAT"
                for m in (year_earlier(self.month), self.month)
            )
        published = _published_year(chosen)
        banner = f"Latest published statistics ({published or 'none imported'})"
        region = self.config.council.region
        columns = [
            Column("No", "number", width=6, align=Align.CENTRE),
            Column("Key", "key", width=6, align=Align.CENTRE),
            Column("Indicator", "indicator", width=36),
            Column(first, "figure", width=13, align=Align.RIGHT),
            Column(second, "figure", width=13, align=Align.RIGHT),
            Column("Direction of travel", "arrow", width=11, align=Align.CENTRE),
            Column("Target", "figure", width=8, align=Align.RIGHT),
            Column("Low/High is good", "polarity", width=8, align=Align.CENTRE),
        ]
        if self.rig:
            quarter = max(f.quarter for f in self.rig.values())
            group = f"RIG {quarter}"
            columns += [
                Column("LA", "figure", group, 8, Align.RIGHT),
                Column(f"RIG {REGION_SHORT.get(region, region)}", "figure", group, 8, Align.RIGHT),
            ]
        columns += [
            Column("LA", "figure", banner, 8, Align.RIGHT),
            Column("SN", "figure", banner, 8, Align.RIGHT),
            Column(REGION_SHORT.get(region, region), "figure", banner, 8, Align.RIGHT),
            Column("Eng", "figure", banner, 8, Align.RIGHT),
            Column("Compared to mid-50% LA", "band", width=12, align=Align.CENTRE),
            Column("Analysis", "analysis", width=76),
        ]
        return tuple(columns)

    def _row(
        self,
        no: int,
        label: str,
        mark: str,
        a: AssessedIndicator,
        shown: RowFigures,
        *,
        kind: SectionKind,
    ) -> tuple[Cell, ...]:
        unit = a.indicator.unit
        assessment = a.assessment
        polarity = assessment.polarity if assessment is not None else a.indicator.polarity
        row = [
            cells.text(str(no), Align.CENTRE),
            cells.key_cell(a.key),
            cells.text(f"{label}{mark}"),
            *(self._figure_cell(a, f, shown.dated) for f in (shown.first, shown.second)),
            cells.arrow(shown.change, polarity),
            cells.figure(a.target, unit),
            cells.polarity_cell(polarity),
        ]
        if self.rig:
            found = self.rig.get(a.indicator.id)
            row += [
                cells.figure(found.la_value if found else None, unit),
                cells.figure(found.group_value if found else None, unit),
            ]
        b = a.benchmarks
        row += [
            cells.figure(b.published_la if b else None, unit),
            cells.figure(b.statistical_neighbours if b else None, unit),
            cells.figure(b.region if b else None, unit),
            cells.figure(b.england if b else None, unit),
            cells.text(b.quartile_band.value if b and b.quartile_band else "-", Align.CENTRE),
            cells.text(self._analysis(a, kind)),
        ]
        return tuple(row)

    def _figure_cell(self, a: AssessedIndicator, shown: Figure | None, dated: bool) -> Cell:
        if shown is None:
            return cells.figure(None, a.indicator.unit)
        assessment = a.assessment
        headline = assessment is not None and (
            shown.period.kind is assessment.headline_kind and shown.period.end == self.month
        )
        fill = assessment.rag if headline and assessment is not None else Rag.NONE
        label = Period.of(PeriodKind.MONTH, shown.period.end).label if dated else ""
        return cells.figure(shown.value, a.indicator.unit, fill=fill, dated=label)

    def _analysis(self, a: AssessedIndicator, kind: SectionKind) -> str:
        written = self.commentary.get(a.indicator.id)
        text = written.text if written is not None else a.draft.text
        if kind is SectionKind.ROLLING or not text.startswith(a.draft.text):
            return text
        # The assessed draft describes the rolling figures; a ChAT row prints the latest 6 months
        # (or snapshot) against a year earlier, so its draft, alone or ahead of an analyst's
        # extension, is redrafted about those. An analyst's replacement is left as written.
        chat = draft_analysis(a.assessment, Focus.CHAT).text
        return chat + text.removeprefix(a.draft.text)
