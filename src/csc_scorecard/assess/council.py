"""A council's month assessed: every chosen indicator judged against its configuration and
benchmarks, with its drafted analysis. This is what reports and the web app read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from csc_scorecard.assess.assessment import Assessment, Settings, assess_indicator
from csc_scorecard.assess.benchmarks import benchmarks_for
from csc_scorecard.assess.facts import Benchmarks
from csc_scorecard.config.models import CouncilConfig, IndicatorSettings
from csc_scorecard.engine.catalogue import Indicator
from csc_scorecard.engine.periods import Period, PeriodKind, financial_year_label
from csc_scorecard.narrative.draft import Draft, draft_analysis

_NO_SETTINGS = IndicatorSettings()
DEFAULT_SETTINGS = Settings()


@dataclass(frozen=True)
class AssessedIndicator:
    """One indicator's figures judged, with the text drafted from them."""

    indicator: Indicator
    assessment: Assessment | None
    draft: Draft
    target: float | None
    key: bool
    benchmarks: Benchmarks | None


def reporting_year_label(month: date) -> str:
    """The financial year a month falls in, as published: ``2024-25``."""
    return financial_year_label(Period.of(PeriodKind.MONTH, month).reporting_year)


def latest_published_year(benchmarks: pl.DataFrame, la_code: str, month: date) -> int | None:
    """The latest reporting year with published figures for the council before ``month``'s
    own year (a scorecard for November 2024 shows 2023-24's published statistics)."""
    current = Period.of(PeriodKind.MONTH, month).reporting_year
    years = benchmarks.filter(
        (pl.col("la_code") == la_code) & (pl.col("year") < current)
    ).get_column("year")
    return None if years.is_empty() else int(years.max())  # type: ignore[arg-type]


def assess_council(
    results: pl.DataFrame,
    indicators: Sequence[Indicator],
    *,
    la_code: str,
    month: date,
    config: CouncilConfig | None = None,
    benchmarks: pl.DataFrame | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> tuple[AssessedIndicator, ...]:
    """Judge each indicator for ``la_code`` at ``month`` and draft its analysis.

    Args:
        results: engine results covering the months the judgements look back over.
        indicators: the indicators, in the order the caller will show them.
        config: targets, bands, polarity overrides and key flags (none when absent).
        benchmarks: a ``benchmark_frame`` (published comparators), if imported.
    """
    year = reporting_year_label(month)
    published_year = (
        None if benchmarks is None else latest_published_year(benchmarks, la_code, month)
    )
    assessed = []
    for indicator in indicators:
        chosen = (config.indicators.get(indicator.id) if config else None) or _NO_SETTINGS
        comparators = (
            None
            if benchmarks is None or published_year is None
            else benchmarks_for(benchmarks, la_code, indicator.id, published_year)
        )
        target = chosen.target_for(year)
        assessment = assess_indicator(
            results,
            indicator,
            la_code,
            month=month,
            target=target,
            bands=chosen.bands,
            polarity=chosen.polarity,
            benchmarks=comparators,
            settings=settings,
        )
        assessed.append(
            AssessedIndicator(
                indicator, assessment, draft_analysis(assessment), target, chosen.key, comparators
            )
        )
    return tuple(assessed)
