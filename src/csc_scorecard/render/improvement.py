"""The improvement-plan tolerance scorecard (seed 001) as a renderer-neutral :class:`Report`.

Each measure of the improvement action plan gets one row: its plan reference, regional and
national averages, the council's RI / Good / Outstanding tolerance bands, the year-end target,
last year's figure (the baseline), the four quarters of this financial year, the year end, the
change on the baseline and a comment. Every figure is shaded by the band it falls in, and the
latest one's band is also written out, so the page reads the same in black and white.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

import polars as pl

from csc_scorecard.assess.bands import ToleranceBand, place_in_bands
from csc_scorecard.assess.council import AssessedIndicator
from csc_scorecard.assess.figures import Figure, figures_by_period, whole_council
from csc_scorecard.config.models import CouncilConfig, IndicatorSettings
from csc_scorecard.engine.catalogue.entry import Polarity, Unit
from csc_scorecard.engine.periods import PeriodKind, financial_year_label, month_end
from csc_scorecard.narrative.numbers import NO_FIGURE
from csc_scorecard.narrative.phrases import month_year
from csc_scorecard.render import cells
from csc_scorecard.render.appendix import data_source_section
from csc_scorecard.render.model import Align, Cell, Column, Report, Section
from csc_scorecard.render.report_layouts import ImprovementLayout, PlanRow
from csc_scorecard.render.scorecard import REGION_SHORT
from csc_scorecard.render.tolerance import (
    BAND_COLUMNS,
    band_rag,
    band_text,
    change_text,
    quarter_ends,
)
from csc_scorecard.store.commentary import Commentary

NOT_APPLICABLE = "NA"
"""Seed 001's mark for a measure with no year-end figure (audits, point-in-time measures)."""


def _year_end_kind(row: PlanRow, periods: Sequence[PeriodKind]) -> PeriodKind | None:
    """The financial year's own figure, or a March snapshot; None for audits and monthly-only."""
    if PeriodKind.FY in periods:
        return PeriodKind.FY
    return PeriodKind.SNAPSHOT if row.period is PeriodKind.SNAPSHOT else None


class _Rows:
    """Builds the measures' rows; holds what every row needs."""

    def __init__(
        self,
        config: CouncilConfig,
        assessed: Mapping[str, AssessedIndicator],
        results: pl.DataFrame,
        commentary: Mapping[str, Commentary],
        month: date,
    ) -> None:
        self.config = config
        self.assessed = assessed
        self.results = results
        self.commentary = commentary
        self.month = month
        self.quarters = quarter_ends(month)
        self.previous_march = month_end(date(self.quarters[-1].year - 1, 3, 1))

    def columns(self) -> tuple[Column, ...]:
        region = self.config.council.region
        year = financial_year_label(self.quarters[-1].year)
        last_year = financial_year_label(self.quarters[-1].year - 1)
        quarters = f"{year} quarters"
        columns = [
            Column("Ref", "number", width=5, align=Align.CENTRE),
            Column("Measure", "indicator", width=38),
            Column(f"{REGION_SHORT.get(region, region)} Av*", "figure", "Averages", 7, Align.RIGHT),
            Column("National Av**", "figure", "Averages", 8, Align.RIGHT),
            *(
                Column(title, "band", "Tolerance bands", 8, Align.CENTRE)
                for title, _ in BAND_COLUMNS
            ),
            Column("Year end target", "figure", width=7, align=Align.RIGHT),
            Column(f"Baseline {last_year}", "figure", width=8, align=Align.RIGHT),
            *(Column(f"Q{n}", "figure", quarters, 7, Align.RIGHT) for n in range(1, 5)),
            Column(f"Year end {year}", "figure", width=8, align=Align.RIGHT),
            Column("Change", "figure", width=8, align=Align.RIGHT),
            Column("Latest band", "band", width=10, align=Align.CENTRE),
            Column("Comments", "analysis", width=52),
        ]
        return tuple(columns)

    def section(self, layout: ImprovementLayout, title: str) -> Section:
        """Every theme's measures in one table, as seed 001 prints them: the references
        (1.1, 2.4 ...) carry the themes, and one table keeps the page from breaking per theme."""
        rows = tuple(self._row(r) for theme in layout.section for r in theme.rows)
        caption = "; ".join(theme.title for theme in layout.section)
        return Section(title, self.columns(), rows, f"Themes: {caption}.")

    def _row(self, row: PlanRow) -> tuple[Cell, ...]:
        a = self.assessed[row.indicator]
        unit = a.indicator.unit
        settings = self.config.indicators.get(row.indicator) or IndicatorSettings()
        bands = tuple(settings.bands)
        found = figures_by_period(
            whole_council(self.results, row.indicator, self.config.council.la_code)
        )
        end_kind = _year_end_kind(row, a.indicator.periods)
        baseline = found.get((end_kind or row.period, self.previous_march))
        quarters = [
            None if end > self.month else found.get((row.period, end)) for end in self.quarters
        ]
        year_end = None
        if end_kind is not None and self.quarters[-1] <= self.month:
            year_end = found.get((end_kind, self.quarters[-1]))
        shown = [f for f in (*quarters, year_end) if f is not None and f.value is not None]
        latest = year_end if year_end is not None else (shown[-1] if shown else None)
        b = a.benchmarks
        cells_ = [
            cells.text(row.ref, Align.CENTRE),
            cells.text(row.label),
            cells.figure(b.region if b else None, unit),
            cells.figure(b.england if b else None, unit),
            *self._band_cells(
                bands, a.assessment.polarity if a.assessment else a.indicator.polarity
            ),
            cells.figure(a.target, unit),
            self._shaded(baseline, unit, bands),
            *(
                cells.text("", Align.RIGHT) if end > self.month else self._shaded(f, unit, bands)
                for f, end in zip(quarters, self.quarters, strict=True)
            ),
            self._year_end_cell(end_kind, year_end, unit, bands),
            cells.text(change_text(_value(baseline), _value(latest), unit), Align.RIGHT),
            cells.text(
                band_rag(place_in_bands(_value(latest), bands))[1] or NO_FIGURE, Align.CENTRE
            ),
            cells.text(self._comment(a)),
        ]
        return tuple(cells_)

    def _band_cells(self, bands: Sequence[ToleranceBand], polarity: Polarity) -> list[Cell]:
        by_name = {band.label.lower(): band for band in bands}
        if not bands:
            aim = {Polarity.HIGH_GOOD: "Increase", Polarity.LOW_GOOD: "Reduction"}.get(polarity, "")
            return [cells.text(aim, Align.CENTRE), cells.text(""), cells.text("")]
        return [
            cells.text(
                band_text(next((by_name[n] for n in names if n in by_name), None)), Align.CENTRE
            )
            for _, names in BAND_COLUMNS
        ]

    def _shaded(self, found: Figure | None, unit: Unit, bands: Sequence[ToleranceBand]) -> Cell:
        value = _value(found)
        rag, words = band_rag(place_in_bands(value, bands))
        shaded = cells.figure(value, unit, fill=rag)
        return replace(shaded, note=words) if words else shaded

    def _year_end_cell(
        self,
        kind: PeriodKind | None,
        found: Figure | None,
        unit: Unit,
        bands: Sequence[ToleranceBand],
    ) -> Cell:
        if kind is None:
            return cells.text(NOT_APPLICABLE, Align.RIGHT)
        if self.quarters[-1] > self.month:
            return cells.text("", Align.RIGHT)
        return self._shaded(found, unit, bands)

    def _comment(self, a: AssessedIndicator) -> str:
        written = self.commentary.get(a.indicator.id)
        if written is not None and written.written_for is not None:
            return written.text
        return " ".join(a.draft.sentences[:2])


def _value(found: Figure | None) -> float | None:
    return None if found is None else found.value


def _notes(layout: ImprovementLayout, by_id: Mapping[str, AssessedIndicator]) -> Section:
    """Each measure's catalogue title and id, definition and source."""
    columns = (
        Column("Ref", "number", width=5, align=Align.CENTRE),
        Column("Measure", "indicator", width=40),
        Column("Definition", "analysis", width=80),
        Column("Source", "analysis", width=50),
    )
    rows = []
    for theme in layout.section:
        for row in theme.rows:
            indicator = by_id[row.indicator].indicator
            rows.append(
                (
                    cells.text(row.ref, Align.CENTRE),
                    cells.text(f"{indicator.title} ({indicator.id})"),
                    cells.text(indicator.definition),
                    cells.text(indicator.source),
                )
            )
    return Section("Notes", columns, tuple(rows), "What each measure counts, and its source.")


def build_improvement(
    layout: ImprovementLayout,
    assessed: Sequence[AssessedIndicator],
    results: pl.DataFrame,
    *,
    month: date,
    config: CouncilConfig,
    commentary: Mapping[str, Commentary] | None = None,
    source: Sequence[tuple[str, str]] = (),
) -> Report:
    """The improvement-plan scorecard for ``month``.

    Args:
        layout: the plan's themes and measures.
        assessed: every measure's indicator, assessed for ``month`` (benchmarks, target, draft).
        results: engine results for every month of this and last financial year, whole council.
        config: the council: its name, region, bands and targets.
        commentary: analysts' comments by indicator id; a measure without one shows the first
            two sentences of its drafted analysis.
        source: lines for the Data Source table, as (item, detail).

    Raises:
        ValueError: when a measure's indicator was not assessed.
    """
    by_id = {a.indicator.id: a for a in assessed}
    missing = sorted(set(layout.indicator_ids) - set(by_id))
    if missing:
        raise ValueError(f"not assessed: {', '.join(missing)}")
    builder = _Rows(config, by_id, results, commentary or {}, month)
    words = {"month": month_year(month), "year": financial_year_label(builder.quarters[-1].year)}
    notes = _notes(layout, by_id)
    facts = [
        ("Council", f"{config.council.name} ({config.council.la_code})"),
        ("Reporting month", month_year(month)),
        *source,
    ]
    footnotes = [t.format_map(words) for t in layout.footnotes]
    if any(a.benchmarks is not None and a.benchmarks.synthetic for a in assessed):
        footnotes.append("Published statistics are synthetic demonstration figures, not DfE's.")
    return Report(
        title=layout.title.format_map(words),
        council=config.council.name,
        subtitle=f"{words['year']}: data to the end of {words['month']}",
        intro=tuple(t.format_map(words) for t in layout.intro),
        key_legend="",
        sections=(builder.section(layout, f"Improvement action plan measures, {words['year']}"),),
        footnotes=tuple(footnotes),
        breakdowns=(),
        notes=notes,
        data_source=data_source_section(facts),
    )
