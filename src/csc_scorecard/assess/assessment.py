"""One indicator's assessment for one council and month: every judgement a report shows.

:func:`assess_indicator` reads the indicator's tidy results (all periods, :data:`RESULT_SCHEMA`)
and the council's settings as plain values, so it does not depend on how configuration or
benchmarks are loaded. The result is a frozen :class:`Assessment` that narrative and renderers
consume without judging anything again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import polars as pl

from csc_scorecard.assess.bands import BandPlacement, ToleranceBand, place_in_bands
from csc_scorecard.assess.comparisons import (
    BENCHMARK_REFERENCES,
    DEFAULT_LEVEL_MARGIN,
    Comparison,
    Reference,
    benchmark_value,
    compare,
)
from csc_scorecard.assess.direction import DEFAULT_MIN_CHANGE, Change, change_between
from csc_scorecard.assess.facts import Benchmarks
from csc_scorecard.assess.figures import (
    Figure,
    figures_by_period,
    point_of,
    series_of,
    whole_council,
    year_earlier,
)
from csc_scorecard.assess.margin import NO_MARGIN, Margin
from csc_scorecard.assess.rag import DEFAULT_AMBER_MARGIN, Rag, rag_against_target
from csc_scorecard.assess.series import SeriesFacts, series_facts
from csc_scorecard.assess.spc import DEFAULT_BASELINE, SpcResult, spc_signals
from csc_scorecard.engine.catalogue.entry import Indicator, Polarity
from csc_scorecard.engine.periods import PeriodKind

HEADLINE_ORDER = (
    PeriodKind.ROLLING_12M,
    PeriodKind.SNAPSHOT,
    PeriodKind.MONTH,
    PeriodKind.ROLLING_6M,
    PeriodKind.ROLLING_3M,
    PeriodKind.QUARTER,
    PeriodKind.YTD,
    PeriodKind.FY,
)
"""The kind a scorecard leads with, first available wins: seed 000 leads with rolling 12 months."""


class DirectionBasis(StrEnum):
    """Which two figures the direction of travel compares (seed 000's two halves)."""

    SIX_VS_TWELVE = "rolling 6 months against rolling 12 months"
    CHAT_YEAR_ON_YEAR = "latest 6 months against the same 6 months a year earlier"
    YEAR_ON_YEAR = "now against the same period a year earlier"
    LAST_MONTH = "now against the month before"


@dataclass(frozen=True)
class Settings:
    """Thresholds a council may tune; the defaults are documented where each is defined."""

    amber_margin: Margin = DEFAULT_AMBER_MARGIN
    min_change: Margin = DEFAULT_MIN_CHANGE
    level_margin: Margin = DEFAULT_LEVEL_MARGIN
    spc_baseline: int = DEFAULT_BASELINE


@dataclass(frozen=True)
class Assessment:
    """Everything judged about one indicator, one council, one month.

    Attributes:
        indicator: the catalogue entry (title, unit, definition).
        la_code: the council.
        month: the month end assessed.
        polarity: the good direction used (the council's override, else the catalogue's).
        target: the target for the month's reporting year, if any.
        headline_kind: the kind the scorecard leads with (see :data:`HEADLINE_ORDER`).
        figures: this month's figure of each kind computed, in :data:`HEADLINE_ORDER`.
        chat_year_ago: the rolling 6 months ending 12 months earlier (ChAT comparison).
        chat_change: from ``chat_year_ago`` to this month's rolling 6 months.
        year_on_year: the headline figure against the same period a year earlier.
        direction: the scorecard's direction of travel, compared as ``direction_basis`` says.
        rag: the headline figure against the target.
        band: the tolerance band the headline figure falls in.
        comparisons: rolling 12 and 6 months (or the headline) against the target and each
            published benchmark, and rolling 6 against rolling 12 months.
        benchmarks: the published comparators used, if any.
        trend: the headline kind's series.
        monthly: the in-month (or snapshot) series, for charts and SPC.
        spc: the XmR chart and signals of ``monthly``; None when the series is too short.
    """

    indicator: Indicator
    la_code: str
    month: date
    polarity: Polarity
    target: float | None
    headline_kind: PeriodKind | None
    figures: tuple[Figure, ...]
    chat_year_ago: Figure | None
    chat_change: Change | None
    year_on_year: Change | None
    direction: Change | None
    direction_basis: DirectionBasis | None
    rag: Rag
    band: BandPlacement | None
    comparisons: tuple[Comparison, ...]
    benchmarks: Benchmarks | None
    trend: SeriesFacts | None
    monthly: SeriesFacts | None
    spc: SpcResult | None

    def figure(self, kind: PeriodKind) -> Figure | None:
        """This month's figure of ``kind``, if computed."""
        return next((f for f in self.figures if f.period.kind is kind), None)

    @property
    def headline(self) -> Figure | None:
        """The figure the scorecard leads with."""
        return None if self.headline_kind is None else self.figure(self.headline_kind)


def _direction(
    now: dict[PeriodKind, Figure],
    fallbacks: Sequence[tuple[Change | None, DirectionBasis]],
    polarity: Polarity,
    min_change: Margin,
) -> tuple[Change | None, DirectionBasis | None]:
    """Seed 000: key indicators compare rolling 6 with 12 months, ChAT ones year on year."""
    twelve = point_of(now.get(PeriodKind.ROLLING_12M))
    six = point_of(now.get(PeriodKind.ROLLING_6M))
    if twelve is not None and six is not None:
        return change_between(twelve, six, polarity, min_change), DirectionBasis.SIX_VS_TWELVE
    return next(((c, basis) for c, basis in fallbacks if c is not None), (None, None))


def _comparisons(
    now: dict[PeriodKind, Figure],
    target: float | None,
    benchmarks: Benchmarks | None,
    *,
    polarity: Polarity,
    settings: Settings,
) -> tuple[Comparison, ...]:
    """Rolling 12 and 6 months (else the headline) against target and benchmarks; 6 vs 12."""
    rolling = [k for k in (PeriodKind.ROLLING_12M, PeriodKind.ROLLING_6M) if k in now]
    subjects = rolling or list(now)[:1]
    references: list[tuple[Reference, float | None, Margin]] = [
        (Reference.TARGET, target, NO_MARGIN)
    ]
    if benchmarks is not None:
        references += [
            (ref, benchmark_value(benchmarks, ref), settings.level_margin)
            for ref in BENCHMARK_REFERENCES
        ]
    found = [
        compare(kind, now[kind].value, ref, value, polarity=polarity, level_margin=margin)
        for kind in subjects
        for ref, value, margin in references
    ]
    if len(rolling) == 2:
        six, twelve = now[PeriodKind.ROLLING_6M].value, now[PeriodKind.ROLLING_12M].value
        found.append(
            compare(
                PeriodKind.ROLLING_6M,
                six,
                Reference.ROLLING_12M,
                twelve,
                polarity=polarity,
                level_margin=settings.min_change,
            )
        )
    return tuple(c for c in found if c is not None)


def assess_indicator(
    results: pl.DataFrame,
    indicator: Indicator,
    la_code: str,
    *,
    month: date | None = None,
    target: float | None = None,
    bands: Sequence[ToleranceBand] = (),
    polarity: Polarity | None = None,
    benchmarks: Benchmarks | None = None,
    settings: Settings = Settings(),
) -> Assessment | None:
    """Assess ``indicator`` for ``la_code`` at ``month`` (default: the latest month in results).

    Args:
        results: tidy results (:data:`RESULT_SCHEMA`), any indicators, councils and periods;
            only this indicator's whole-council rows are read.
        target: the target for the month's reporting year.
        bands: the council's tolerance bands for the indicator.
        polarity: the council's override of the catalogue's good direction.
        benchmarks: published comparators for the latest published year.

    Returns:
        None when the results hold no row of the indicator for the council.
    """
    rows = whole_council(results, indicator.id, la_code)
    if rows.is_empty():
        return None
    good = indicator.polarity if polarity is None else polarity
    figures = figures_by_period(rows)
    at = month if month is not None else max(end for _, end in figures)
    now = {k: figures[k, at] for k in HEADLINE_ORDER if (k, at) in figures}
    headline = next(iter(now), None)
    chat_year_ago = figures.get((PeriodKind.ROLLING_6M, year_earlier(at)))
    chat = change_between(
        point_of(chat_year_ago), point_of(now.get(PeriodKind.ROLLING_6M)), good, settings.min_change
    )
    trend = (
        None
        if headline is None
        else series_facts(headline, series_of(figures, headline, at), good, settings.min_change)
    )
    year_on_year = None
    if headline is not None:
        earlier = point_of(figures.get((headline, year_earlier(at))))
        year_on_year = change_between(earlier, point_of(now[headline]), good, settings.min_change)
    last_month = trend.last_move if trend is not None and trend.latest.end == at else None
    fallbacks = (
        (chat, DirectionBasis.CHAT_YEAR_ON_YEAR),
        (year_on_year, DirectionBasis.YEAR_ON_YEAR),
        (last_month, DirectionBasis.LAST_MONTH),
    )
    direction, basis = _direction(now, fallbacks, good, settings.min_change)
    monthly_kind = (
        PeriodKind.MONTH if any(k is PeriodKind.MONTH for k, _ in figures) else PeriodKind.SNAPSHOT
    )
    monthly_points = series_of(figures, monthly_kind, at)
    monthly = series_facts(monthly_kind, monthly_points, good, settings.min_change)
    headline_value = None if headline is None else now[headline].value
    return Assessment(
        indicator=indicator,
        la_code=la_code,
        month=at,
        polarity=good,
        target=target,
        headline_kind=headline,
        figures=tuple(now.values()),
        chat_year_ago=chat_year_ago,
        chat_change=chat,
        year_on_year=year_on_year,
        direction=direction,
        direction_basis=basis,
        rag=rag_against_target(headline_value, target, good, settings.amber_margin),
        band=place_in_bands(headline_value, bands),
        comparisons=_comparisons(now, target, benchmarks, polarity=good, settings=settings),
        benchmarks=benchmarks,
        trend=trend,
        monthly=monthly,
        spc=spc_signals(monthly_points, settings.spc_baseline),
    )
