"""Figures councils enter by hand (``csc_manual_measures``): audits, surveys, supervision.

Which measures to generate is data (``ManualSpec``), not a list kept here, so that every manual
indicator the catalogue declares gets figures without the generator knowing the catalogue. Each
measure is simulated month by month (a sample and how many of it met the standard, or a total),
then summed over every period of each declared kind, so a quarter is the sum of its months and a
year of its quarters, as a council's own spreadsheet would add them up. Each measure has its own
level around the council's practice level, and wanders slowly upwards, as improvement-plan
scorecards show.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, cast, get_args

import numpy as np
import polars as pl

from csc_scorecard.synth.context import Council, month_ends

ManualUnit = Literal["percent", "average", "count"]
ManualPeriodKind = Literal[
    "month", "rolling_3m", "rolling_6m", "rolling_12m", "quarter", "ytd", "fy", "snapshot"
]
MANUAL_UNITS: tuple[ManualUnit, ...] = get_args(ManualUnit)
MANUAL_PERIOD_KINDS: tuple[ManualPeriodKind, ...] = get_args(ManualPeriodKind)
# Months summed into a period ending at a month end; ytd and fy are handled by the month of year.
_WINDOW_MONTHS = {"month": 1, "snapshot": 1, "rolling_3m": 3, "quarter": 3, "rolling_6m": 6}
_YEAR = 12
_APRIL = 3  # month of year, 0-based


@dataclass(frozen=True)
class ManualSpec:
    """One hand-entered measure to generate.

    Attributes:
        indicator_id: the catalogue id the figures are entered under.
        unit: ``percent`` (met / sampled x 100), ``average`` (total / units) or ``count``.
        periods: period kinds a council enters the measure for; one figure is written for every
            period of each kind ending in the window (quarter ends, March for ``fy``, every month
            for ``month``, ``ytd`` and the rolling kinds).
    """

    indicator_id: str
    unit: ManualUnit
    periods: tuple[ManualPeriodKind, ...]

    @classmethod
    def of(cls, indicator_id: str, unit: str, periods: Iterable[str]) -> ManualSpec:
        """A spec from plain strings (a catalogue's unit and period kinds), checked on creation.

        Raises:
            ValueError: for a unit or period kind the generator cannot fill.
        """
        kinds = cast(tuple[ManualPeriodKind, ...], tuple(str(p) for p in periods))
        return cls(indicator_id, cast(ManualUnit, str(unit)), kinds)

    def __post_init__(self) -> None:
        if self.unit not in MANUAL_UNITS:
            raise ValueError(
                f"{self.indicator_id}: unit {self.unit!r} is not one of {MANUAL_UNITS}"
            )
        unknown = set(self.periods) - set(MANUAL_PERIOD_KINDS)
        if unknown:
            raise ValueError(f"{self.indicator_id}: unknown period kinds {sorted(unknown)}")


def manual_measures_frame(council: Council, specs: Sequence[ManualSpec]) -> pl.DataFrame:
    """One row per measure, declared period kind and period ending in the window."""
    frames = [_measure_frame(council, spec) for spec in specs]
    if not frames:
        return pl.DataFrame(schema={"mm_indicator_id": pl.String})
    return pl.concat(frames)


def _measure_frame(council: Council, spec: ManualSpec) -> pl.DataFrame:
    # a year of history before the window, so the first rolling and year figures are whole
    months = month_ends(council.start, council.end)
    numerator, denominator = _monthly(council, spec, _YEAR + months.size)
    top = np.concatenate([[0], np.cumsum(numerator)])
    bottom = np.concatenate([[0], np.cumsum(denominator)])
    month_of_year = months.astype("datetime64[M]").astype(np.int64) % _YEAR
    last = _YEAR + np.arange(months.size) + 1  # cumulative index just past each window month
    parts = []
    for kind in spec.periods:
        length, emitted = _window(kind, month_of_year)
        first = last - length
        num = (top[last] - top[first])[emitted]
        den = (bottom[last] - bottom[first])[emitted]
        parts.append(_rows(spec, kind, months[emitted], num, den))
    return pl.concat(parts)


def _window(kind: ManualPeriodKind, month_of_year: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Months summed into each period ending at each window month, and which months end one."""
    every = np.ones(month_of_year.size, dtype=bool)
    since_april = (month_of_year - _APRIL) % _YEAR + 1
    match kind:
        case "month" | "snapshot" | "rolling_3m" | "rolling_6m":
            return np.full(month_of_year.size, _WINDOW_MONTHS[kind]), every
        case "quarter":
            return np.full(month_of_year.size, 3), (month_of_year + 1) % 3 == 0
        case "rolling_12m":
            return np.full(month_of_year.size, _YEAR), every
        case "ytd":
            return since_april, every
        case "fy":
            return since_april, since_april == _YEAR


def _monthly(council: Council, spec: ManualSpec, months: int) -> tuple[np.ndarray, np.ndarray]:
    """Each month's numerator and denominator (count: the count, and no denominator)."""
    rng = council.rng(f"manual.{spec.indicator_id}")
    practice = council.profile.practice
    trend = np.linspace(-0.05, 0.05, months)
    size = rng.uniform(5, 25)
    match spec.unit:
        case "percent":
            level = practice * rng.uniform(0.85, 1.15)
            share = np.clip(level + trend + rng.normal(0, 0.04, months), 0.2, 0.99)
            sampled = rng.poisson(size, months) + 1
            return rng.binomial(sampled, share).astype(np.float64), sampled.astype(np.float64)
        case "average":
            units = rng.poisson(size, months) + 1
            per_unit = rng.uniform(1.0, 6.0) * (1 - trend)
            return rng.poisson(per_unit * units).astype(np.float64), units.astype(np.float64)
        case "count":
            return rng.poisson(size * (1 + trend)).astype(np.float64), np.zeros(months)


def _rows(
    spec: ManualSpec, kind: str, ends: np.ndarray, num: np.ndarray, den: np.ndarray
) -> pl.DataFrame:
    match spec.unit:
        case "percent":
            value, denominator = num / den * 100, den
        case "average":
            value, denominator = num / den, den
        case "count":
            value, denominator = num, np.full(num.size, np.nan)
    return pl.DataFrame(
        {
            "mm_indicator_id": np.full(ends.size, spec.indicator_id),
            "mm_period_kind": np.full(ends.size, kind),
            "mm_period_end": ends,
            "mm_numerator": num,
            "mm_denominator": pl.Series(denominator).fill_nan(None),
            "mm_value": np.round(value, 1),
        }
    )
