"""Everything the dashboard shows, computed once per version of the store.

Computing every indicator for every month takes seconds to minutes; a page must take
milliseconds. So the whole results table is computed once (in the background, see
:mod:`csc_scorecard.web.cache`) and each page filters it, assesses one indicator or builds one
month's scorecard from it: pure functions over frames already in memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from csc_scorecard.assess.benchmarks import load_benchmarks
from csc_scorecard.assess.council import AssessedIndicator, assess_council
from csc_scorecard.config import CouncilConfig
from csc_scorecard.engine.catalogue import Indicator, load_catalogue
from csc_scorecard.engine.run import compute_store, councils_in_store
from csc_scorecard.reference.tables import RIG, read_table
from csc_scorecard.render.from_store import council_config, latest_rig
from csc_scorecard.render.layout import Layout
from csc_scorecard.render.model import Report
from csc_scorecard.render.scorecard import build_scorecard
from csc_scorecard.render.suppression import Rule
from csc_scorecard.store.commentary import Commentary, commentary_for
from csc_scorecard.web.gate import Mode, StoreGate
from csc_scorecard.web.published import mark_scorecard, viewer_rule, withhold


@dataclass(frozen=True)
class Snapshot:
    """One version of the store, computed: ``public`` is ``results`` with small numbers
    withheld under ``rule`` (the council's, as its published reports use), for viewers."""

    config: CouncilConfig
    example: bool
    layout: Layout
    results: pl.DataFrame
    public: pl.DataFrame
    benchmarks: pl.DataFrame | None
    rig: pl.DataFrame
    rule: Rule

    @property
    def la_code(self) -> str:
        """The council shown."""
        return self.config.council.la_code

    @property
    def months(self) -> tuple[date, ...]:
        """Month ends with figures, newest first."""
        ends = self.results.get_column("period_end").unique().sort(descending=True)
        return tuple(ends.to_list())

    def figures(self, public: bool) -> pl.DataFrame:
        """The results a reader sees: withheld small numbers unless unsuppressed."""
        return self.public if public else self.results

    def assess(
        self, indicators: Sequence[Indicator], month: date, public: bool
    ) -> dict[str, AssessedIndicator]:
        """``indicators`` judged for ``month`` on the figures the reader sees."""
        assessed = assess_council(
            self.figures(public),
            indicators,
            la_code=self.la_code,
            month=month,
            config=self.config,
            benchmarks=self.benchmarks,
        )
        return {a.indicator.id: a for a in assessed}


def choose_council(gate: StoreGate, config: CouncilConfig | None) -> tuple[CouncilConfig, bool]:
    """The configuration given, else the shipped example for the store's only council.

    Raises:
        ValueError: when the store does not hold the configured council, or holds several and
            no configuration says which.
    """
    with gate.hold(Mode.READ):
        councils = councils_in_store(gate.db)
    return council_config(councils, config)


def load_snapshot(gate: StoreGate, config: CouncilConfig | None, layout: Layout) -> Snapshot:
    """Compute every indicator at every month end for the council, with its references."""
    chosen, is_example = choose_council(gate, config)
    with gate.hold(Mode.READ):
        results = compute_store(gate.db, all_months=True)
    results = results.filter(pl.col("la_code") == chosen.council.la_code)
    if results.is_empty():
        raise ValueError(f"no figures for council {chosen.council.la_code}")
    with gate.connect(Mode.WRITE) as con:  # the readers say CREATE IF NOT EXISTS: no change
        neighbours = chosen.council.statistical_neighbours
        benchmarks = load_benchmarks(
            con, {chosen.council.la_code: neighbours} if neighbours else None
        )
        rig = read_table(con, RIG)
    rule = viewer_rule(chosen)
    return Snapshot(
        chosen,
        is_example,
        layout,
        results,
        withhold(results, rule),
        None if benchmarks.is_empty() else benchmarks,
        rig,
        rule,
    )


def commentary(
    gate: StoreGate, snapshot: Snapshot, assessed: dict[str, AssessedIndicator], month: date
) -> dict[str, Commentary]:
    """The analysts' commentary (or the draft) for each assessed indicator."""
    with gate.connect(Mode.WRITE) as con:  # commentary_for says CREATE IF NOT EXISTS
        return {
            key: commentary_for(con, key, snapshot.la_code, month, a.draft.text)
            for key, a in assessed.items()
        }


def build_month(gate: StoreGate, snapshot: Snapshot, month: date, public: bool) -> Report:
    """The scorecard for ``month``. Viewers get it from withheld figures, marked as withheld,
    with drafted text only (an analyst's commentary may mention a child) and no breakdown
    sheets."""
    layout = snapshot.layout
    assessed = snapshot.assess(load_catalogue().select(layout.indicator_ids), month, public)
    texts = None if public else commentary(gate, snapshot, assessed, month)
    breakdowns = None if public else snapshot.results.filter(pl.col("period_end") == month)
    report = build_scorecard(
        layout,
        list(assessed.values()),
        month=month,
        config=snapshot.config,
        commentary=texts,
        rig=latest_rig(snapshot.rig, month),
        results=breakdowns,
        source=[("Configuration", "shipped example" if snapshot.example else "given")],
    )
    return mark_scorecard(report, layout, assessed, snapshot.public, month) if public else report
