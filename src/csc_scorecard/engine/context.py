"""The helper tables every indicator query joins: calendar, months, periods and population.

They are small reference frames (tens of thousands of rows at most), built in Python once per
run and handed to the database, so that all child-level work stays set-based in SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from csc_scorecard.engine.periods import (
    Period,
    PeriodKind,
    month_ends,
    period_months_frame,
    periods_ending,
    periods_frame,
)
from csc_scorecard.model.calendar import calendar_frame

CALENDAR_FIRST = date(1990, 1, 1)


@dataclass(frozen=True)
class ComputeRange:
    """The month ends to compute, inclusive; a period starting before ``first``'s month is
    left out, because the data cannot cover it whole."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.first > self.last:
            raise ValueError(f"range starts {self.first} after it ends {self.last}")


def periods_in(compute_range: ComputeRange, kinds: Sequence[PeriodKind]) -> list[Period]:
    """Every period of ``kinds`` ending in the range and lying wholly inside it."""
    ends = month_ends(compute_range.first, compute_range.last)
    earliest_start = compute_range.first.replace(day=1)
    return [p for p in periods_ending(ends, kinds) if p.start >= earliest_start]


def population_lookup(population: pl.DataFrame, periods: pl.DataFrame) -> pl.DataFrame:
    """Children aged 0-17 per council and population year the periods need.

    The DfE divides by the ONS mid-year estimate for the year before the reporting year
    (``population_year``); where that estimate is not loaded yet (the latest months), the
    latest earlier one is used, and before the first loaded year, the first.

    Args:
        population: ``la_code``, ``pop_year``, ``pop_children_0_17`` rows.
        periods: a ``periods_frame`` of the periods computed.
    """
    needed = periods.select(pl.col("population_year").unique().sort())
    councils = population.select("la_code").unique()
    grid = councils.join(needed, how="cross").sort("la_code", "population_year")
    known = population.select(
        "la_code",
        pl.col("pop_year").cast(pl.Int64).alias("population_year"),
        pl.col("pop_children_0_17").cast(pl.Float64).alias("population"),
    ).sort("la_code", "population_year")
    backward = grid.join_asof(
        known, on="population_year", by="la_code", strategy="backward", check_sortedness=False
    )
    forward = grid.join_asof(
        known, on="population_year", by="la_code", strategy="forward", check_sortedness=False
    )
    return backward.with_columns(pl.col("population").fill_null(forward["population"]))


def helper_tables(
    compute_range: ComputeRange,
    kinds: Sequence[PeriodKind],
    population: pl.DataFrame,
    councils: Sequence[str],
) -> dict[str, pl.DataFrame]:
    """The helper tables, by the name the compiled queries use."""
    periods = periods_in(compute_range, kinds)
    table = periods_frame(periods)
    calendar_last = date(compute_range.last.year + 2, 12, 31)
    return {
        "csc_calendar": calendar_frame(CALENDAR_FIRST, calendar_last),
        "csc_month_ends": pl.DataFrame(
            {"month_end": month_ends(compute_range.first, compute_range.last)},
            schema={"month_end": pl.Date},
        ),
        "csc_periods": table,
        "csc_period_months": period_months_frame(periods),
        "csc_population_lookup": population_lookup(population, table),
        "csc_councils": pl.DataFrame({"la_code": sorted(councils)}, schema={"la_code": pl.String}),
        "csc_month_index": month_index_frame(compute_range),
        "csc_distinct_kinds": DISTINCT_KINDS,
    }


DISTINCT_KINDS = pl.DataFrame(
    {
        "period_kind": [k.value for k in PeriodKind],
        "trailing_months": [
            {"month": 1, "rolling_3m": 3, "rolling_6m": 6, "rolling_12m": 12, "snapshot": 1}.get(
                k.value
            )
            for k in PeriodKind
        ],
        "block": [
            {"quarter": "quarter", "ytd": "fy", "fy": "fy"}.get(k.value, "none") for k in PeriodKind
        ],
    },
    schema={"period_kind": pl.String, "trailing_months": pl.Int64, "block": pl.String},
)
"""How each period kind counts distinct units (``distinct.py``): a trailing window of months,
or from the start of its quarter or financial year."""


def month_index_frame(compute_range: ComputeRange) -> pl.DataFrame:
    """Each month end in the range numbered consecutively, with its financial quarter and year.

    ``month_index`` counts months from year 0 (April 2024 is 2024 * 12 + 3); a financial quarter
    or year is the block of months sharing ``(month_index - 3) // 3`` or ``// 12``.
    """
    ends = pl.Series("month_end", month_ends(compute_range.first, compute_range.last), pl.Date)
    index = ends.dt.year().cast(pl.Int64) * 12 + ends.dt.month().cast(pl.Int64) - 1
    return pl.DataFrame(
        {
            "month_end": ends,
            "month_index": index,
            "quarter_block": (index - 3) // 3,
            "fy_block": (index - 3) // 12,
        }
    )
