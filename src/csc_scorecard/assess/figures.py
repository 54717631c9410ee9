"""Reading one indicator's figures for one council out of the tidy results.

The engine returns every indicator, council, period and breakdown in one frame
(:data:`~csc_scorecard.engine.compute.RESULT_SCHEMA`); assessment needs a council's
whole-council figures by period, and series of one kind in date order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from csc_scorecard.assess.direction import Point
from csc_scorecard.engine.periods import Period, PeriodKind, month_end


@dataclass(frozen=True)
class Figure:
    """The council's figure for one period (value None when undefined, e.g. nothing to divide)."""

    period: Period
    value: float | None
    numerator: float | None
    denominator: float | None


def year_earlier(end: date) -> date:
    """The month end twelve months before ``end``."""
    return month_end(date(end.year - 1, end.month, 1))


def whole_council(results: pl.DataFrame, indicator_id: str, la_code: str) -> pl.DataFrame:
    """The council's whole-council rows of one indicator (breakdown empty or null)."""
    return results.filter(
        (pl.col("indicator_id") == indicator_id)
        & (pl.col("la_code") == la_code)
        & (pl.col("breakdown").is_null() | (pl.col("breakdown") == ""))
    )


def figures_by_period(rows: pl.DataFrame) -> dict[tuple[PeriodKind, date], Figure]:
    """Each row of ``rows`` as a :class:`Figure`, keyed by period kind and end."""
    found: dict[tuple[PeriodKind, date], Figure] = {}
    for row in rows.iter_rows(named=True):
        period = Period.of(PeriodKind(row["period_kind"]), row["period_end"])
        found[period.kind, period.end] = Figure(
            period, row["value"], row["numerator"], row["denominator"]
        )
    return found


def point_of(figure: Figure | None) -> Point | None:
    """The figure as a series point; None when missing or undefined."""
    if figure is None or figure.value is None:
        return None
    return Point(figure.period.end, figure.value)


def series_of(
    figures: dict[tuple[PeriodKind, date], Figure], kind: PeriodKind, month: date
) -> list[Point]:
    """The defined figures of ``kind`` up to ``month``, oldest first."""
    points = [point_of(f) for (k, end), f in figures.items() if k is kind and end <= month]
    return sorted((p for p in points if p is not None), key=lambda p: p.end)
