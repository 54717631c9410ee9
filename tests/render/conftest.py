"""Hand-made figures for council Z01 at November 2024, shaped like seed 000's rows.

- re-referrals (low is good, key, target 21%): rolling 12 months 24.1%, rolling 6 months 22.0%,
  and 22.5% for the 6 months to November 2023; published 2023-24 figures LA 23, SN 23, region
  20, England 21, band Higher.
- referrals rate (no good direction, no target): 722.2 and 726.0.
- agency social workers (monthly only, low is good, target 20%): 30.0% in December 2023 and
  28.0% in November 2024 (seed 000's "30% (Jan24)" and "28% (Sep24)").
- children in need (month-end snapshot): 464.0 in November 2023 and 445.0 in November 2024.

The tests that compare ways of making the same reports use synthetic stores instead
(``synthetic_store``), and count the engine's calls (``engine_calls``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from csc_scorecard.assess.council import AssessedIndicator, assess_council
from csc_scorecard.config.models import CouncilConfig
from csc_scorecard.demo import catalogue_manual_specs
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.compute import RESULT_SCHEMA
from csc_scorecard.render import from_store
from csc_scorecard.render.layout import Layout, load_layout
from csc_scorecard.render.model import Report
from csc_scorecard.render.scorecard import RigFigure, build_scorecard
from csc_scorecard.store.commentary import Commentary
from csc_scorecard.synth import synthesise_store

NOV = date(2024, 11, 30)
NOV_2023 = date(2023, 11, 30)
DEC_2023 = date(2023, 12, 31)
IDS = ("re_referrals_12m_pct", "referrals_rate_per_10k", "agency_sw_pct", "cin_rate_per_10k")

LAYOUT_TOML = """
title = "Children's Social Care Performance Scorecard"
intro = ["Latest 6 months to {month} against {year_ago}; published statistics {published_year}."]
key_legend = "Key indicator."
footnotes = ["* rolling 12 months data."]

[[section]]
title = "Top indicators"
kind = "rolling"

[[section.rows]]
no = 1
indicator = "referrals_rate_per_10k"
mark = "*"

[[section.rows]]
no = 2
indicator = "re_referrals_12m_pct"
label = "Re-referrals within 12 months (%)"
mark = "*"

[[section.rows]]
no = 6
indicator = "agency_sw_pct"

[[section]]
title = "ChAT"
kind = "chat"
rows = [{ no = 13, indicator = "cin_rate_per_10k", mark = "**" }]

[[breakdown]]
title = "Re-referrals by service"
indicator = "re_referrals_12m_pct"
by = "service"
periods = ["rolling_12m"]
"""


SYNTHETIC_BOROUGH = {
    "name": "Synthetic Borough",
    "la_code": "Z01",
    "ons_code": "E06999001",
    "region": "North West",
}

RowBuilder = Callable[..., dict[str, object]]
ConfigBuilder = Callable[..., CouncilConfig]
StoreBuilder = Callable[..., Path]


def _result_row(
    indicator: str,
    kind: str,
    end: date,
    value: float | None,
    counts: tuple[float, float] | None = None,
    *,
    breakdown: tuple[str, str] | None = None,
) -> dict[str, object]:
    """One figure of council Z01 as the engine returns it: the whole council unless
    ``breakdown`` names a dimension and value; ``counts`` are numerator and denominator."""
    return {
        "la_code": "Z01",
        "indicator_id": indicator,
        "period_kind": kind,
        "period_start": None,
        "period_end": end,
        "breakdown": breakdown[0] if breakdown else None,
        "breakdown_value": breakdown[1] if breakdown else None,
        "numerator": counts[0] if counts else None,
        "denominator": counts[1] if counts else None,
        "value": value,
    }


@pytest.fixture
def result_row() -> RowBuilder:
    """The row builder, for test modules that make their own figures (pytest hands fixtures
    to every module in this folder, which is not a package to import from)."""
    return _result_row


@pytest.fixture
def results(result_row: RowBuilder) -> pl.DataFrame:
    rows = [
        result_row("re_referrals_12m_pct", "rolling_12m", NOV, 24.1, counts=(241, 1000)),
        result_row("re_referrals_12m_pct", "rolling_6m", NOV, 22.0),
        result_row("re_referrals_12m_pct", "rolling_6m", NOV_2023, 22.5),
        result_row(
            "re_referrals_12m_pct",
            "rolling_12m",
            NOV,
            30.0,
            breakdown=("service", "North"),
            counts=(3, 10),
        ),
        result_row(
            "re_referrals_12m_pct",
            "rolling_12m",
            NOV,
            23.4,
            breakdown=("service", "South"),
            counts=(9, 38),
        ),
        result_row("referrals_rate_per_10k", "rolling_12m", NOV, 722.2),
        result_row("referrals_rate_per_10k", "rolling_6m", NOV, 726.0),
        result_row("agency_sw_pct", "month", DEC_2023, 30.0),
        result_row("agency_sw_pct", "month", NOV, 28.0),
        result_row("cin_rate_per_10k", "snapshot", NOV_2023, 464.0),
        result_row("cin_rate_per_10k", "snapshot", NOV, 445.0),
    ]
    return pl.DataFrame(rows, schema=RESULT_SCHEMA)


@pytest.fixture
def borough_config() -> ConfigBuilder:
    """Synthetic Borough's configuration (council Z01, North West unless ``region`` says), with
    the settings of ``indicators`` (none unless given)."""

    def build(
        indicators: dict[str, dict[str, object]] | None = None, *, region: str = "North West"
    ) -> CouncilConfig:
        council = SYNTHETIC_BOROUGH | {"region": region}
        return CouncilConfig.model_validate({"council": council, "indicators": indicators or {}})

    return build


@pytest.fixture
def config(borough_config: ConfigBuilder) -> CouncilConfig:
    return borough_config(
        {
            "re_referrals_12m_pct": {"target": 21, "key": True},
            "agency_sw_pct": {"target": 20, "key": True},
        }
    )


@pytest.fixture
def assessed(results: pl.DataFrame, config: CouncilConfig) -> tuple[AssessedIndicator, ...]:
    benchmarks = pl.DataFrame(
        [
            {
                "indicator_id": "re_referrals_12m_pct",
                "year": 2024,
                "la_code": "Z01",
                "published_la": 23.0,
                "statistical_neighbours": 23.0,
                "region": 20.0,
                "england": 21.0,
                "lower_quartile": 18.0,
                "upper_quartile": 22.5,
                "quartile_band": "Higher",
                "synthetic": True,
            }
        ]
    )
    indicators = load_catalogue().select(IDS)
    return assess_council(
        results, indicators, la_code="Z01", month=NOV, config=config, benchmarks=benchmarks
    )


@pytest.fixture
def layout(tmp_path: Path) -> Layout:
    path = tmp_path / "layout.toml"
    path.write_text(LAYOUT_TOML, encoding="utf-8")
    return load_layout(path)


@pytest.fixture
def report(
    layout: Layout,
    assessed: tuple[AssessedIndicator, ...],
    config: CouncilConfig,
    results: pl.DataFrame,
) -> Report:
    return build_scorecard(
        layout,
        assessed,
        month=NOV,
        config=config,
        commentary={"referrals_rate_per_10k": Commentary("Referrals fell slightly in November.")},
        rig={"re_referrals_12m_pct": RigFigure("2024-25 Q1", 24.0, 22.2)},
        results=results,
        source=[("Store", "store.duckdb")],
    )


@pytest.fixture(scope="session")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> StoreBuilder:
    """Builds a store of synthetic councils (``Z01``, ``Z02`` ...) over two years to November 2024,
    with figures for every manual indicator, each in a folder of its own: call it with
    ``children`` (in all) and ``councils`` (default 1)."""

    def build(*, children: int, councils: int = 1) -> Path:
        return synthesise_store(
            tmp_path_factory.mktemp("councils"),
            children=children,
            councils=councils,
            years=2,
            end_month=NOV,
            manual=catalogue_manual_specs(),
        ).path

    return build


@pytest.fixture
def engine_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every call the reports make to the engine, by its arguments."""
    calls: list[dict[str, Any]] = []
    compute: Callable[..., pl.DataFrame] = from_store.compute_store

    def counted(db: Path, **options: Any) -> pl.DataFrame:
        calls.append(options)
        return compute(db, **options)

    monkeypatch.setattr(from_store, "compute_store", counted)
    return calls
