"""The England working-day calendar: bank holidays, working-day counts and a calendar table, and
the months' names as reports and stored commentary print them.

Timeliness indicators (assessments within 45 working days, ICPCs within 15 working days, visits and
reviews within timescales) count *working days*: Monday to Friday, excluding England bank holidays.
Bank holidays come from the ``holidays`` package, which knows the substitute days (Christmas falling
on a weekend) and the one-off days (2020-05-08 VE Day move, 2022-09-19 state funeral, 2023-05-08
coronation); England and Wales share the same list.

One rule serves every caller. The scalar functions run through the numpy array functions, and
:func:`calendar_frame` numbers working days so that the same counts can be computed inside set-based
SQL on any database engine (``number(end) - number(start)``).

The convention, from the DfE C2 assessment buckets ("started and finished the same day", then "1 to
10 days"), is **start-exclusive, end-inclusive**: the working days ``d`` with ``start < d <= end``.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from functools import cache

import holidays
import numpy as np
import polars as pl

# Every calculation covers at least these years, so ordinary calls share one cached calendar.
_DEFAULT_FIRST_YEAR = 1990
_DEFAULT_LAST_YEAR = 2040
# Fewer working days than any real year has (about 250-253): a safe bound on years spanned by n.
_MIN_WORKING_DAYS_PER_YEAR = 200
_ONE_DAY = np.timedelta64(1, "D")


MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
"""English names, January first: not the locale's, so every machine prints the same words."""


def month_year(day: date) -> str:
    """The month ``day`` falls in, as the seeds write it: "November 2024"."""
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


@cache
def england_bank_holidays(first_year: int, last_year: int) -> tuple[date, ...]:
    """England bank holidays from 1 January ``first_year`` to 31 December ``last_year``, sorted.

    Includes weekend-dated days (e.g. Christmas on a Saturday) as well as their weekday substitutes;
    the weekend-dated ones are harmless because weekends are excluded anyway.

    Raises:
        ValueError: if ``first_year`` is after ``last_year``.
    """
    if first_year > last_year:
        raise ValueError(f"first_year {first_year} is after last_year {last_year}")
    days = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
    return tuple(sorted(days))


@cache
def _busday_calendar(first_year: int, last_year: int) -> np.busdaycalendar:
    """Mon-Fri calendar with England bank holidays, covering at least the default years."""
    first = min(first_year, _DEFAULT_FIRST_YEAR)
    last = max(last_year, _DEFAULT_LAST_YEAR)
    days = np.array(england_bank_holidays(first, last), dtype="datetime64[D]")
    return np.busdaycalendar(weekmask="1111100", holidays=days)


def _year(day: np.datetime64) -> int:
    return int(day.astype("datetime64[Y]").astype(np.int64)) + 1970


def _as_days(values: np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype="datetime64[D]")


def working_days_between_arrays(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Element-wise :func:`working_days_between` over ``datetime64[D]`` arrays.

    ``numpy.busday_count(a, b)`` counts working days in ``[a, b)``; shifting both ends by one day
    gives ``(start, end]``, which is right whether or not ``start`` is itself a working day. For
    ``end < start`` numpy would count ``(b, a]`` (inclusive at the other end), so the count is taken
    between the earlier and later date and negated here instead.

    Raises:
        ValueError: if any date is NaT (filter missing dates first) or the shapes do not broadcast.
    """
    begin = _as_days(starts) + _ONE_DAY
    end = _as_days(ends) + _ONE_DAY
    if np.isnat(begin).any() or np.isnat(end).any():
        raise ValueError("cannot count working days to or from a missing date (NaT)")
    if begin.size == 0 or end.size == 0:
        return np.zeros(np.broadcast_shapes(begin.shape, end.shape), dtype=np.int64)
    lowest = min(begin.min(), end.min())
    highest = max(begin.max(), end.max())
    calendar = _busday_calendar(_year(lowest), _year(highest))
    forward = np.busday_count(np.minimum(begin, end), np.maximum(begin, end), busdaycal=calendar)
    return np.where(end < begin, -forward, forward).astype(np.int64)


def add_working_days_array(starts: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Element-wise :func:`add_working_days` over a ``datetime64[D]`` array and integer offsets.

    ``numpy.busday_offset`` first rolls a non-working start *backward* to the previous working day
    ``p``; since no working day lies in ``(p, start]``, counting from ``p`` is the same as counting
    from ``start`` in the start-exclusive convention, for positive and negative ``n`` alike.
    ``n == 0`` returns ``start`` itself. NaT starts give NaT.
    """
    days = _as_days(starts)
    offsets = np.asarray(n, dtype=np.int64)
    if days.size == 0 or offsets.size == 0:
        return np.empty(np.broadcast_shapes(days.shape, offsets.shape), dtype="datetime64[D]")
    known = days[~np.isnat(days)]
    spread = math.ceil(int(np.abs(offsets).max()) / _MIN_WORKING_DAYS_PER_YEAR) + 1
    if known.size == 0:
        calendar = _busday_calendar(_DEFAULT_FIRST_YEAR, _DEFAULT_LAST_YEAR)
    else:
        calendar = _busday_calendar(_year(known.min()) - spread, _year(known.max()) + spread)
    moved = np.busday_offset(days, offsets, roll="backward", busdaycal=calendar)
    return np.where(offsets == 0, days, moved)


def working_days_between(start: date, end: date) -> int:
    """Working days from ``start`` to ``end``: the count of working days ``start < d <= end``.

    Start-exclusive because the DfE counts an assessment started and finished on the same day as 0
    days, and a Friday-to-Monday gap as 1; a start on a weekend or bank holiday is counted from the
    next working day (Saturday to the following Monday is 1). When ``end`` is before ``start`` the
    result is the negated count from ``end`` to ``start``, so ``between(a, b) == -between(b, a)``.
    """
    starts = np.array([start], dtype="datetime64[D]")
    ends = np.array([end], dtype="datetime64[D]")
    return int(working_days_between_arrays(starts, ends)[0])


def add_working_days(start: date, n: int) -> date:
    """The date ``n`` working days after ``start`` (before it when ``n`` is negative).

    The inverse of :func:`working_days_between`: ``working_days_between(start, result) == n``. For
    ``n != 0`` the result is a working day (the earliest such date, e.g. the 45-working-day deadline
    of an assessment); ``n == 0`` returns ``start``.
    """
    moved = add_working_days_array(np.array([start], dtype="datetime64[D]"), np.array([n]))
    result: date = moved[0].astype(date)
    return result


def calendar_frame(first: date, last: date) -> pl.DataFrame:
    """One row per calendar day from ``first`` to ``last`` inclusive, for working days in SQL.

    Columns: ``cal_date``; ``cal_is_working_day``; ``cal_working_day_number``, the count of working
    days from ``first`` up to and including ``cal_date``, so that for any ``a``, ``b`` in range
    ``number(b) - number(a) == working_days_between(a, b)``; and ``cal_month_end``, the last day of
    the month, for joining days to reporting periods.

    Raises:
        ValueError: if ``first`` is after ``last``.
    """
    if first > last:
        raise ValueError(f"calendar first day {first} is after last day {last}")
    days = np.arange(
        np.datetime64(first, "D"),
        np.datetime64(last + timedelta(days=1), "D"),
        dtype="datetime64[D]",
    )
    calendar = _busday_calendar(first.year, last.year)
    is_working = np.is_busday(days, busdaycal=calendar)
    return pl.DataFrame(
        {
            "cal_date": pl.Series(days, dtype=pl.Date),
            "cal_is_working_day": pl.Series(is_working, dtype=pl.Boolean),
            "cal_working_day_number": pl.Series(np.cumsum(is_working), dtype=pl.Int64),
        }
    ).with_columns(cal_month_end=pl.col("cal_date").dt.month_end())
