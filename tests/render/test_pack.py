"""The report pack: one computation for four reports, each the same as the report made alone.

The store is a synthetic council (Z01) of 2,000 children over two years to November 2024: the
tests compare two ways of making the same reports, so any council will do.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from polars.testing import assert_frame_equal

from csc_scorecard.render import from_store
from csc_scorecard.render.dashboard_html import render_dashboard_html
from csc_scorecard.render.from_store import Needs, council_figures, scorecard_from_store
from csc_scorecard.render.html import PRACTICE_TEMPLATE, render_html
from csc_scorecard.render.pack import PackLayouts, pack_from_store
from csc_scorecard.render.practice_from_store import practice_report_from_store
from csc_scorecard.render.report_layouts import dashboard_ids
from csc_scorecard.render.store_reports import dashboard_from_store, improvement_from_store


@pytest.fixture(scope="module")
def store(synthetic_store: Callable[..., Path]) -> Path:
    return synthetic_store(children=2_000)


def test_needs_join_in_order_without_repeats() -> None:
    first = Needs(("referrals_count", "assessments_45wd_pct"), ("service",))
    second = Needs(("assessments_45wd_pct", "s47_enquiries_count"), ("team", "service"))
    assert first | second == Needs(
        ("referrals_count", "assessments_45wd_pct", "s47_enquiries_count"), ("service", "team")
    )


def test_the_shipped_pack_needs_every_reports_indicators_and_the_scorecards_sheets() -> None:
    layouts = PackLayouts.shipped()
    needs = layouts.needs
    assert needs.breakdowns == ("service",)  # the scorecard's two sheets, both by service
    assert set(needs.indicator_ids) == {
        *layouts.scorecard.indicator_ids,
        "assessments_45wd_pct",  # the sheets' indicators
        "s47_enquiries_count",
        *layouts.practice.indicator_ids,
        *dashboard_ids(layouts.dashboard),
        *layouts.improvement.indicator_ids,
    }
    assert len(needs.indicator_ids) == len(set(needs.indicator_ids))


def test_a_pack_asks_the_engine_once(store: Path, engine_calls: list[dict[str, Any]]) -> None:
    layouts = PackLayouts.shipped()
    pack_from_store(store, layouts=layouts)
    assert len(engine_calls) == 1
    [call] = engine_calls
    assert call["indicator_ids"] == layouts.needs.indicator_ids
    assert call["breakdowns"] == ("service",) and call["all_months"] is True


def test_each_report_alone_asks_the_engine_once_for_its_own(
    store: Path, engine_calls: list[dict[str, Any]]
) -> None:
    layouts = PackLayouts.shipped()
    scorecard_from_store(store, layout=layouts.scorecard)
    practice_report_from_store(store, layout=layouts.practice)
    dashboard_from_store(store, layout=layouts.dashboard)
    improvement_from_store(store, layout=layouts.improvement)
    assert [(call["indicator_ids"], call["breakdowns"]) for call in engine_calls] == [
        (from_store.scorecard_needs(layouts.scorecard).indicator_ids, ("service",)),
        (layouts.practice.indicator_ids, ()),
        (dashboard_ids(layouts.dashboard), ()),
        (layouts.improvement.indicator_ids, ()),
    ]


def test_a_packs_reports_are_the_reports_made_alone(store: Path) -> None:
    layouts = PackLayouts.shipped()
    pack = pack_from_store(store, layouts=layouts, month=date(2024, 9, 30))
    month = {"month": date(2024, 9, 30)}
    scorecard = scorecard_from_store(store, layout=layouts.scorecard, **month)
    practice = practice_report_from_store(store, layout=layouts.practice, **month)
    dashboard = dashboard_from_store(store, layout=layouts.dashboard, **month)
    improvement = improvement_from_store(store, layout=layouts.improvement, **month)
    assert pack.scorecard.report == scorecard.report
    assert pack.practice.report == practice.report
    assert pack.dashboard.report == dashboard.report
    assert pack.improvement.report == improvement.report
    assert render_html(pack.scorecard.report) == render_html(scorecard.report)
    assert render_html(pack.practice.report, PRACTICE_TEMPLATE) == render_html(
        practice.report, PRACTICE_TEMPLATE
    )
    assert render_dashboard_html(pack.dashboard.report) == render_dashboard_html(dashboard.report)
    # What a scorecard run records is the same figures, whichever way it was made.
    assert_frame_equal(pack.scorecard.figures, scorecard.figures)
    assert pack.scorecard.month == date(2024, 9, 30)


def test_a_report_refuses_figures_computed_for_another(store: Path) -> None:
    figures = council_figures(store, None, Needs(("referrals_count",)), None)
    with pytest.raises(ValueError, match="not computed: re_referrals_12m_pct, service"):
        figures.of(Needs(("referrals_count", "re_referrals_12m_pct"), ("service",)))
    whole = figures.of(Needs(("referrals_count",)))
    assert whole["breakdown"].null_count() == whole.height > 0
