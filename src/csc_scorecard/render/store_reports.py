"""The committee dashboard and the improvement-plan scorecard, read from a store.

The same steps as the scorecard's (:mod:`csc_scorecard.render.from_store`): pick the council,
compute the layout's indicators over every month, assess them at the reporting month, read the
analysts' commentary. The CLI and the demo call these; tests of the reports themselves call the
builders with hand-made values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Generic, TypeVar

import duckdb
import polars as pl

from csc_scorecard.assess.benchmarks import load_benchmarks
from csc_scorecard.assess.council import AssessedIndicator, assess_council
from csc_scorecard.config import CouncilConfig
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.render.dashboard import build_dashboard
from csc_scorecard.render.dashboard_model import Dashboard
from csc_scorecard.render.from_store import (
    CouncilFigures,
    Needs,
    commentary_texts,
    council_figures,
    source_facts,
)
from csc_scorecard.render.improvement import build_improvement
from csc_scorecard.render.model import Report
from csc_scorecard.render.report_layouts import DashboardLayout, ImprovementLayout, dashboard_ids
from csc_scorecard.store.commentary import Commentary


@dataclass(frozen=True)
class _Assessed:
    config: CouncilConfig
    example_config: bool
    month: date
    results: pl.DataFrame
    assessed: tuple[AssessedIndicator, ...]
    commentary: dict[str, Commentary]
    facts: list[tuple[str, str]]


_R = TypeVar("_R", Report, Dashboard)


@dataclass(frozen=True)
class StoreReport(Generic[_R]):
    """A report built from a store, with what the caller should tell the user."""

    report: _R
    month: date
    la_code: str
    example_config: bool


def _assess(
    figures: CouncilFigures, ids: Sequence[str], source: Sequence[tuple[str, str]]
) -> _Assessed:
    chosen, at, la_code = figures.config, figures.month, figures.la_code
    results = figures.of(Needs(tuple(ids)))
    # Opened writable: the commentary and reference readers create their (empty) tables.
    con = duckdb.connect(str(figures.db))
    try:
        neighbours = chosen.council.statistical_neighbours
        benchmarks = load_benchmarks(con, {la_code: neighbours} if neighbours else None)
        assessed = assess_council(
            results,
            load_catalogue().select(ids),
            la_code=la_code,
            month=at,
            config=chosen,
            benchmarks=None if benchmarks.is_empty() else benchmarks,
        )
        commentary = commentary_texts(con, assessed, la_code, at)
        facts = source_facts(con, figures.db, source=source, example=figures.example_config)
    finally:
        con.close()
    return _Assessed(chosen, figures.example_config, at, results, assessed, commentary, facts)


def improvement_from_store(
    db: Path,
    *,
    layout: ImprovementLayout,
    config: CouncilConfig | None = None,
    month: date | None = None,
    source: Sequence[tuple[str, str]] = (),
) -> StoreReport[Report]:
    """The improvement-plan scorecard for ``month`` (default: the data's last month).

    Raises:
        FileNotFoundError: when there is no store at ``db``.
        ValueError: when the store has no data, or not the configured council.
    """
    figures = council_figures(db, config, Needs(layout.indicator_ids), month)
    return improvement_from_figures(figures, layout=layout, source=source)


def improvement_from_figures(
    figures: CouncilFigures, *, layout: ImprovementLayout, source: Sequence[tuple[str, str]] = ()
) -> StoreReport[Report]:
    """The improvement-plan scorecard from figures already computed."""
    found = _assess(figures, layout.indicator_ids, source)
    report = build_improvement(
        layout,
        found.assessed,
        found.results,
        month=found.month,
        config=found.config,
        commentary=found.commentary,
        source=found.facts,
    )
    return StoreReport(report, found.month, found.config.council.la_code, found.example_config)


def dashboard_from_store(
    db: Path,
    *,
    layout: DashboardLayout,
    config: CouncilConfig | None = None,
    month: date | None = None,
    source: Sequence[tuple[str, str]] = (),
) -> StoreReport[Dashboard]:
    """The committee dashboard for ``month`` (default: the data's last month).

    Only whole-council aggregates reach it, and they are suppressed by the council's
    ``public_outputs.suppression_threshold``; the store path is left out of its data source
    lines, since the dashboard is published.

    Raises:
        FileNotFoundError: when there is no store at ``db``.
        ValueError: when the store has no data, or not the configured council.
    """
    figures = council_figures(db, config, Needs(dashboard_ids(layout)), month)
    return dashboard_from_figures(figures, layout=layout, source=source)


def dashboard_from_figures(
    figures: CouncilFigures, *, layout: DashboardLayout, source: Sequence[tuple[str, str]] = ()
) -> StoreReport[Dashboard]:
    """The committee dashboard from figures already computed (suppressed as
    :func:`dashboard_from_store` says)."""
    found = _assess(figures, dashboard_ids(layout), source)
    facts = [(item, detail) for item, detail in found.facts if item != "Store"]
    report = build_dashboard(
        layout,
        found.assessed,
        found.results,
        month=found.month,
        config=found.config,
        commentary=found.commentary,
        source=facts,
    )
    return StoreReport(report, found.month, found.config.council.la_code, found.example_config)
