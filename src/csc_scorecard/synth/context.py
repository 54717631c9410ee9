"""What every generator stage shares: the council, its time window, random streams, ids and dates.

Dates are numpy ``datetime64[D]`` arrays throughout; NaT marks "did not happen". Each stage draws
from its own random stream, derived from the seed, the council and the stage's name, so a change to
one stage's draws leaves the others' output unchanged.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from csc_scorecard.synth.profile import CouncilProfile

DAY = np.timedelta64(1, "D")
NAT = np.datetime64("NaT", "D")
DAYS_PER_YEAR = 365.25
# History simulated before the window so that the stocks at its start (children in care for
# years, care leavers in their twenties) are already populated.
BURN_IN_YEARS = 12
# Contacts and referrals by calendar month: an autumn rise after schools return, dips in August
# and December (school holidays).
MONTH_WEIGHTS = np.array([1.0, 1.02, 1.04, 0.97, 1.02, 1.0, 1.0, 0.78, 1.12, 1.18, 1.14, 0.82])
# Referrals arrive mostly on working days; police and hospitals refer at weekends too.
WEEKEND_WEIGHT = 0.25


@dataclass(frozen=True)
class Council:
    """One synthetic council and the window its records cover.

    Attributes:
        la_code: synthetic LA code (``Z01`` ...), also the prefix of every id.
        index: position among the councils generated, part of every random stream's seed.
        children: children aged 0-17 living in the council.
        profile: the rates its journeys follow.
        start: first day of the window (records open on or after it are written).
        end: last day of the window (the last month end).
        seed: the run's seed.
    """

    la_code: str
    index: int
    children: int
    profile: CouncilProfile
    start: date
    end: date
    seed: int

    def rng(self, stage: str) -> np.random.Generator:
        """The random stream of one generator stage."""
        return np.random.default_rng([self.seed, self.index, zlib.crc32(stage.encode())])

    @property
    def start_day(self) -> np.datetime64:
        return np.datetime64(self.start, "D")

    @property
    def end_day(self) -> np.datetime64:
        return np.datetime64(self.end, "D")

    @property
    def sim_start(self) -> np.datetime64:
        """Where the simulated history begins, well before the window."""
        return np.datetime64(date(self.start.year - BURN_IN_YEARS, 1, 1), "D")

    def ids(
        self, kind: str, numbers: np.ndarray, width: int = 7, present: np.ndarray | None = None
    ) -> pl.Series:
        """Synthetic ids such as ``Z01P0000123``: council, letters for the kind, a number.

        Where ``present`` is given, the id is null wherever it is False (no linked record).
        """
        digits = pl.Series(numbers, dtype=pl.Int64).cast(pl.String).str.zfill(width)
        ids = f"{self.la_code}{kind}" + digits
        if present is None:
            return ids
        return maybe_series(ids, present)


def days(values: np.ndarray) -> np.ndarray:
    """Whole days from a float array (rounded down), as ``timedelta64[D]``."""
    whole: np.ndarray = np.floor(values).astype(np.int64) * DAY
    return whole


def seasonal_dates(
    rng: np.random.Generator, n: int, first: np.datetime64, last: np.datetime64
) -> np.ndarray:
    """``n`` dates in ``[first, last]`` following the seasonal and weekday pattern of contacts."""
    calendar = np.arange(first, last + DAY)
    months = calendar.astype("datetime64[M]").astype(np.int64) % 12
    weekday = (calendar.astype(np.int64) + 3) % 7  # 0 = Monday
    weights = MONTH_WEIGHTS[months] * np.where(weekday >= 5, WEEKEND_WEIGHT, 1.0)
    cumulative = np.cumsum(weights)
    picks = np.searchsorted(cumulative, rng.random(n) * cumulative[-1], side="right")
    return np.sort(calendar[np.minimum(picks, calendar.size - 1)])


def span_days(first: np.datetime64, last: np.datetime64) -> int:
    """Days from ``first`` to ``last``."""
    return int((last - first) / DAY)


def years_between(first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """Exact years from ``first`` to ``last`` (as a float), for ages and durations."""
    years: np.ndarray = ((last - first) / DAY) / DAYS_PER_YEAR
    return years


def pick(rng: np.random.Generator, codes: Mapping[str, float], n: int) -> np.ndarray:
    """``n`` codes drawn with the given relative weights."""
    keys = np.array(list(codes))
    weights = np.array(list(codes.values()), dtype=np.float64)
    return keys[rng.choice(keys.size, size=n, p=weights / weights.sum())]


def when(mask: np.ndarray, dates: np.ndarray) -> np.ndarray:
    """``dates`` where ``mask`` holds, NaT elsewhere."""
    return np.where(mask, dates, NAT)


def birthday(dob: np.ndarray, age: int) -> np.ndarray:
    """The date of the ``age``-th birthday (29 February birthdays fall on 1 March)."""
    month = dob.astype("datetime64[M]")
    day_of_month = dob - month.astype("datetime64[D]")
    day: np.ndarray = (month + np.timedelta64(12 * age, "M")).astype("datetime64[D]") + day_of_month
    return day


def maybe(values: np.ndarray, present: np.ndarray) -> pl.Series:
    """``values`` where ``present`` holds, null elsewhere."""
    return maybe_series(pl.Series(values), present)


def maybe_series(series: pl.Series, present: np.ndarray) -> pl.Series:
    """``series`` where ``present`` holds, null elsewhere."""
    nulls = pl.Series(series.name, [None] * series.len(), dtype=series.dtype)
    return series.zip_with(pl.Series(present, dtype=pl.Boolean), nulls)


def month_ends(first: date, last: date) -> np.ndarray:
    """Every month end from the month of ``first`` to ``last`` (itself a month end)."""
    months = np.arange(np.datetime64(first, "M"), np.datetime64(last, "M") + 1)
    return (months + 1).astype("datetime64[D]") - DAY
