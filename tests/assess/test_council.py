"""A council's month assessed: configuration, benchmarks and drafts meet the results.

Referrals rate per 10,000 (polarity none) and re-referrals % (low is good) for council Z01, with
rolling 12 and 6 months at October and November 2024. Published figures exist for 2022-23 and
2023-24; a November 2024 scorecard shows 2023-24's (the latest before its own year 2024-25).
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from csc_scorecard.assess.assessment import Assessment
from csc_scorecard.assess.council import assess_council, latest_published_year
from csc_scorecard.assess.facts import QuartileBand
from csc_scorecard.assess.rag import Rag
from csc_scorecard.config.models import CouncilConfig
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.compute import RESULT_SCHEMA

NOV, OCT = date(2024, 11, 30), date(2024, 10, 31)


def _rows(indicator: str, figures: dict[tuple[str, date], float]) -> list[dict[str, object]]:
    return [
        {
            "la_code": "Z01",
            "indicator_id": indicator,
            "period_kind": kind,
            "period_start": None,
            "period_end": end,
            "breakdown": None,
            "breakdown_value": None,
            "numerator": None,
            "denominator": None,
            "value": value,
        }
        for (kind, end), value in figures.items()
    ]


@pytest.fixture
def results() -> pl.DataFrame:
    rows = _rows(
        "re_referrals_12m_pct",
        {("rolling_12m", OCT): 24.5, ("rolling_12m", NOV): 24.1, ("rolling_6m", NOV): 22.0},
    ) + _rows("referrals_rate_per_10k", {("rolling_12m", NOV): 722.2, ("rolling_6m", NOV): 726.0})
    return pl.DataFrame(rows, schema=RESULT_SCHEMA)


@pytest.fixture
def benchmarks() -> pl.DataFrame:
    def row(year: int, value: float) -> dict[str, object]:
        return {
            "indicator_id": "re_referrals_12m_pct",
            "year": year,
            "la_code": "Z01",
            "published_la": value,
            "statistical_neighbours": 23.0,
            "region": 20.0,
            "england": 21.0,
            "lower_quartile": 18.0,
            "upper_quartile": 22.5,
            "quartile_band": "Higher",
            "synthetic": True,
        }

    return pl.DataFrame([row(2023, 25.0), row(2024, 23.0)])


def _config(indicators: dict[str, object]) -> CouncilConfig:
    """Council Z01 with these indicator settings."""
    council = {
        "name": "Synthetic",
        "la_code": "Z01",
        "ons_code": "E06999001",
        "region": "Synthetic region",
    }
    return CouncilConfig.model_validate({"council": council, "indicators": indicators})


def test_latest_published_year_is_before_the_months_own_year(benchmarks: pl.DataFrame) -> None:
    assert latest_published_year(benchmarks, "Z01", NOV) == 2024
    assert latest_published_year(benchmarks, "Z01", date(2024, 3, 31)) == 2023
    assert latest_published_year(benchmarks, "Z99", NOV) is None


def test_each_indicator_is_judged_with_its_settings(
    results: pl.DataFrame, benchmarks: pl.DataFrame
) -> None:
    config = _config({"re_referrals_12m_pct": {"target": {"2024-25": 21.0}, "key": True}})
    catalogue = load_catalogue()
    chosen = [catalogue["re_referrals_12m_pct"], catalogue["referrals_rate_per_10k"]]
    rereferrals, referrals = assess_council(
        results, chosen, la_code="Z01", month=NOV, config=config, benchmarks=benchmarks
    )
    # Re-referrals: target 21% for 2024-25; 24.1% is more than 5% above it, and low is good.
    assert rereferrals.target == 21.0 and rereferrals.key
    assert isinstance(rereferrals.assessment, Assessment)
    assert rereferrals.assessment.rag is Rag.RED
    assert rereferrals.benchmarks is not None
    assert rereferrals.benchmarks.year == "2023-24"
    assert rereferrals.benchmarks.published_la == 23.0
    assert rereferrals.benchmarks.quartile_band is QuartileBand.HIGHER
    assert "24.1%" in rereferrals.draft.text
    # Referrals: no settings, no published row: no target, no colour, empty comparators.
    assert referrals.target is None and not referrals.key
    assert referrals.assessment is not None and referrals.assessment.rag is Rag.NONE
    assert referrals.benchmarks is not None and referrals.benchmarks.published_la is None


def test_an_indicator_without_results_is_still_listed(results: pl.DataFrame) -> None:
    (assessed,) = assess_council(results, [load_catalogue()["cla_count"]], la_code="Z01", month=NOV)
    assert assessed.assessment is None
    assert assessed.draft.text


def test_the_configured_bands_are_the_ones_judged(results: pl.DataFrame) -> None:
    bands = [
        {"label": "Requires improvement", "min": 20, "max": 25},
        {"label": "Good", "min": 15, "max": 19},
    ]
    config = _config({"re_referrals_12m_pct": {"bands": bands}})
    (rereferrals,) = assess_council(
        results, [load_catalogue()["re_referrals_12m_pct"]], la_code="Z01", month=NOV, config=config
    )
    # The rolling 12-month 24.1% lies in 20-25: the configuration's own band, not a copy.
    configured = config.indicators["re_referrals_12m_pct"].bands[0]
    assert rereferrals.assessment is not None and rereferrals.assessment.band is not None
    assert rereferrals.assessment.band.value == 24.1
    assert rereferrals.assessment.band.band is configured
