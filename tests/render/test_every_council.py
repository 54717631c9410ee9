"""A report for every council of a store from one computation, each the report made alone.

The store is three synthetic councils (Z01-Z03, 3,000 children in all) over two years to
November 2024: what is tested is that slicing one computation of every council gives each
council exactly what computing it alone gives, so small councils will do.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from polars.testing import assert_frame_equal

from csc_scorecard.quality import summarise
from csc_scorecard.render.dashboard_html import render_dashboard_html
from csc_scorecard.render.from_store import (
    Needs,
    council_figures,
    every_council_figures,
    example_config,
)
from csc_scorecard.render.html import PRACTICE_TEMPLATE, render_html
from csc_scorecard.render.pack import PackLayouts, pack_from_figures, pack_from_store
from csc_scorecard.store.database import open_store

COUNCILS = ["Z01", "Z02", "Z03"]
MONTH = date(2024, 11, 30)


@pytest.fixture(scope="module")
def store(synthetic_store: Callable[..., Path]) -> Path:
    return synthetic_store(children=3_000, councils=len(COUNCILS))


def test_every_council_from_one_engine_call(
    store: Path, engine_calls: list[dict[str, Any]]
) -> None:
    needs = Needs(("referrals_count", "assessments_45wd_pct"), ("service",))
    every = every_council_figures(store, needs, None)
    assert len(engine_calls) == 1
    assert engine_calls[0]["indicator_ids"] == needs.indicator_ids
    assert engine_calls[0]["breakdowns"] == ("service",) and engine_calls[0]["all_months"]
    assert [figures.la_code for figures in every] == COUNCILS
    for figures in every:
        # No council's own configuration given: each uses the example, under its own code.
        assert figures.example_config and figures.config == example_config(figures.la_code)
        assert figures.results["la_code"].unique().to_list() == [figures.la_code]
        assert figures.month == MONTH and figures.needs == needs


def test_each_councils_figures_are_its_figures_computed_alone(store: Path) -> None:
    needs = Needs(("referrals_count", "assessments_45wd_pct"), ("service",))
    for figures in every_council_figures(store, needs, date(2024, 9, 30)):
        alone = council_figures(store, example_config(figures.la_code), needs, date(2024, 9, 30))
        assert figures.month == alone.month == date(2024, 9, 30)
        assert not figures.results.is_empty()
        assert_frame_equal(figures.results, alone.results)


def test_each_councils_pack_is_the_pack_made_for_it_alone(store: Path) -> None:
    layouts = PackLayouts.shipped()
    configs = [example_config(code) for code in COUNCILS]
    own = configs[1].model_copy(
        update={"council": configs[1].council.model_copy(update={"name": "Testshire"})}
    )
    configs[1] = own
    every = every_council_figures(store, layouts.needs, None, configs)
    assert [(f.la_code, f.example_config) for f in every] == [(c, False) for c in COUNCILS]
    assert every[1].config.council.name == "Testshire"
    for figures, config in zip(every, configs, strict=True):
        pack = pack_from_figures(figures, layouts=layouts)
        alone = pack_from_store(store, layouts=layouts, config=config)
        assert pack.scorecard.report == alone.scorecard.report, figures.la_code
        assert pack.practice.report == alone.practice.report, figures.la_code
        assert pack.dashboard.report == alone.dashboard.report, figures.la_code
        assert pack.improvement.report == alone.improvement.report, figures.la_code
        assert render_html(pack.scorecard.report) == render_html(alone.scorecard.report)
        assert render_html(pack.practice.report, PRACTICE_TEMPLATE) == render_html(
            alone.practice.report, PRACTICE_TEMPLATE
        )
        assert render_dashboard_html(pack.dashboard.report) == render_dashboard_html(
            alone.dashboard.report
        )
        assert_frame_equal(pack.scorecard.figures, alone.scorecard.figures)
    # Each council's figures are its own, not one council's three times.
    assert len({f.results["value"].sum() for f in every}) == len(COUNCILS)


def test_a_configuration_for_a_council_the_store_does_not_hold_is_refused(store: Path) -> None:
    with pytest.raises(ValueError, match=r"no children of council Z09 \(it holds Z01, Z02, Z03\)"):
        every_council_figures(store, Needs(("referrals_count",)), None, [example_config("Z09")])


def test_two_configurations_for_one_council_are_refused(store: Path) -> None:
    twice = [example_config("Z02"), example_config("Z02")]
    with pytest.raises(ValueError, match="two configurations for council Z02"):
        every_council_figures(store, Needs(("referrals_count",)), None, twice)


def test_a_store_with_no_councils_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    open_store(empty).close()
    with pytest.raises(ValueError, match="holds no councils"):
        every_council_figures(empty, Needs(("referrals_count",)), None)


def test_no_store_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        every_council_figures(tmp_path / "missing.duckdb", Needs(("referrals_count",)), None)


def test_one_councils_quality_summary_is_its_slice_of_every_councils(store: Path) -> None:
    """A scorecard's data-quality appendix reads only its council's rows (filtered in SQL, so a
    report per council of a national store does not check every council once per council)."""
    every = summarise(store, MONTH)
    assert {check.la_code for check in every.checks} == set(COUNCILS)
    for council in COUNCILS:
        one = summarise(store, MONTH, council)
        assert one.checks == tuple(c for c in every.checks if c.la_code == council)
        assert one.loaded == tuple(t for t in every.loaded if t.la_code == council)
        assert one.checks and one.loaded
