"""Working days in England, checked against counts worked out by hand on a calendar.

Convention: working_days_between(a, b) counts working days d with a < d <= b.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import numpy as np
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from csc_scorecard.model.calendar import (
    add_working_days,
    add_working_days_array,
    calendar_frame,
    england_bank_holidays,
    working_days_between,
    working_days_between_arrays,
)

FIRST = date(1990, 1, 1)
LAST = date(2040, 12, 31)


def test_bank_holidays_2022_include_substitutes_and_one_offs() -> None:
    # 1 Jan was a Saturday (listed, substitute Mon 3 Jan); Spring bank holiday moved to Thu 2 Jun
    # with the Platinum Jubilee on Fri 3 Jun; state funeral Mon 19 Sep; Christmas fell on a Sunday,
    # so Tue 27 Dec is its substitute.
    assert england_bank_holidays(2022, 2022) == tuple(
        date(2022, m, d)
        for m, d in [
            (1, 1), (1, 3), (4, 15), (4, 18), (5, 2), (6, 2), (6, 3),
            (8, 29), (9, 19), (12, 25), (12, 26), (12, 27),
        ]
    )  # fmt: skip


def test_bank_holidays_one_off_days_and_moves() -> None:
    days = set(england_bank_holidays(2020, 2023))
    assert date(2020, 5, 8) in days  # VE Day 75: the early May bank holiday moved to a Friday
    assert date(2020, 5, 4) not in days  # ... so the first Monday in May 2020 was a working day
    assert date(2023, 5, 8) in days  # coronation of Charles III
    assert date(2021, 12, 27) in days  # Christmas Day (Sat) substitute
    assert date(2021, 12, 28) in days  # Boxing Day (Sun) substitute


def test_bank_holidays_reject_reversed_years() -> None:
    with pytest.raises(ValueError, match="after"):
        england_bank_holidays(2025, 2024)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # Same day: the DfE "started and finished the same day" bucket.
        (date(2024, 3, 6), date(2024, 3, 6), 0),
        # Fri -> Mon: only Monday is after the start.
        (date(2024, 3, 8), date(2024, 3, 11), 1),
        # Fri -> Sat and Fri -> Sun: no working day after Friday yet.
        (date(2024, 3, 8), date(2024, 3, 9), 0),
        (date(2024, 3, 8), date(2024, 3, 10), 0),
        # Start on Sat or Sun: counted from Monday, which is 1.
        (date(2024, 3, 9), date(2024, 3, 11), 1),
        (date(2024, 3, 10), date(2024, 3, 11), 1),
        # Mon -> next Mon: Tue..Fri + Mon = 5.
        (date(2024, 3, 4), date(2024, 3, 11), 5),
        # Christmas 2021: Sat 25 and Sun 26 are substituted by Mon 27 and Tue 28, so Fri 24 ->
        # Wed 29 is just Wednesday = 1.
        (date(2021, 12, 24), date(2021, 12, 29), 1),
        # Over the year end: Wed 29, Thu 30, Fri 31 Dec; Mon 3 Jan 2022 is New Year's substitute;
        # then Tue 4 Jan = 4.
        (date(2021, 12, 24), date(2022, 1, 4), 4),
        # Easter 2024: Good Friday 29 Mar and Easter Monday 1 Apr, so Thu 28 Mar -> Tue 2 Apr = 1.
        (date(2024, 3, 28), date(2024, 4, 2), 1),
        # State funeral Mon 19 Sep 2022: Fri 16 -> Tue 20 = 1.
        (date(2022, 9, 16), date(2022, 9, 20), 1),
        # May 2023: May Day Mon 1 and coronation Mon 8, so Fri 28 Apr -> Fri 12 May is two short
        # weeks of 4 = 8.
        (date(2023, 4, 28), date(2023, 5, 12), 8),
        # Start on a bank holiday (coronation Monday) -> Tuesday = 1.
        (date(2023, 5, 8), date(2023, 5, 9), 1),
        # VE Day 2020: Fri 8 May holiday, Mon 4 May not: Fri 1 -> Tue 5 = Mon + Tue = 2,
        # Thu 7 -> Mon 11 = Mon only = 1.
        (date(2020, 5, 1), date(2020, 5, 5), 2),
        (date(2020, 5, 7), date(2020, 5, 11), 1),
        # Leap day: Wed 28 Feb 2024 -> Fri 1 Mar = Thu 29 Feb + Fri 1 Mar = 2; 2023 has no 29th:
        # Tue 28 Feb -> Wed 1 Mar = 1.
        (date(2024, 2, 28), date(2024, 3, 1), 2),
        (date(2023, 2, 28), date(2023, 3, 1), 1),
        # Negative spans mirror: -(working days in (end, start]).
        (date(2024, 3, 11), date(2024, 3, 8), -1),  # (Fri, Mon] holds Mon
        (date(2024, 3, 11), date(2024, 3, 9), -1),  # (Sat, Mon] holds Mon
        (date(2024, 3, 9), date(2024, 3, 8), 0),  # (Fri, Sat] holds nothing
        (date(2022, 1, 4), date(2021, 12, 24), -4),
    ],
)
def test_working_days_between(start: date, end: date, expected: int) -> None:
    assert working_days_between(start, end) == expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2024, 3, 8), 1, date(2024, 3, 11)),  # Fri + 1 = Mon
        (date(2024, 3, 9), 1, date(2024, 3, 11)),  # Sat + 1 = Mon
        (date(2021, 12, 24), 1, date(2021, 12, 29)),  # over the Christmas substitutes
        (date(2024, 3, 9), 0, date(2024, 3, 9)),  # zero days: the start itself
        (date(2024, 3, 11), -1, date(2024, 3, 8)),  # Mon - 1 = Fri
        # Sat - 1 = Thu, not Fri: between(Sat, Fri) is 0 since (Fri, Sat] holds no working day,
        # while (Thu, Sat] holds Friday, so between(Sat, Thu) == -1.
        (date(2024, 3, 9), -1, date(2024, 3, 7)),
        # 45-working-day deadline for an assessment started Tue 2 Apr 2024: Apr 3-30 has 20
        # working days; May has 23 weekdays less May Day (6) and Spring (27) = 21, total 41;
        # Mon 3..Thu 6 Jun make 45.
        (date(2024, 4, 2), 45, date(2024, 6, 6)),
    ],
)
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert add_working_days(start, n) == expected
    assert working_days_between(start, expected) == n


def test_arrays_broadcast_and_match_hand_counts() -> None:
    starts = np.array(["2024-03-08", "2021-12-24", "2024-03-11"], dtype="datetime64[D]")
    ends = np.array(["2024-03-11", "2022-01-04", "2024-03-08"], dtype="datetime64[D]")
    assert working_days_between_arrays(starts, ends).tolist() == [1, 4, -1]
    # One start against many ends broadcasts like any numpy operation: Fri 8 Mar 2024 to itself,
    # to Mon 11 and to Fri 15.
    one = np.array(["2024-03-08"], dtype="datetime64[D]")
    week = np.array(["2024-03-08", "2024-03-11", "2024-03-15"], dtype="datetime64[D]")
    assert working_days_between_arrays(one, week).tolist() == [0, 1, 5]
    moved = add_working_days_array(starts, np.array([1, 4, -1]))
    assert moved.tolist() == [date(2024, 3, 11), date(2022, 1, 4), date(2024, 3, 8)]


def test_arrays_empty_and_missing() -> None:
    empty = np.array([], dtype="datetime64[D]")
    assert working_days_between_arrays(empty, empty).shape == (0,)
    assert add_working_days_array(empty, np.array([], dtype=np.int64)).shape == (0,)
    missing = np.array(["NaT", "2024-03-09"], dtype="datetime64[D]")
    with pytest.raises(ValueError, match="missing date"):
        working_days_between_arrays(missing, missing)
    # An unknown start has an unknown deadline.
    moved = add_working_days_array(missing, np.array([1, 1]))
    assert np.isnat(moved[0])
    assert moved[1] == np.datetime64("2024-03-11")


def test_calendar_frame_over_christmas_2021() -> None:
    frame = calendar_frame(date(2021, 12, 24), date(2022, 1, 4))
    assert frame.schema == pl.Schema(
        {
            "cal_date": pl.Date,
            "cal_is_working_day": pl.Boolean,
            "cal_working_day_number": pl.Int64,
            "cal_month_end": pl.Date,
        }
    )
    # Fri 24 works; Sat 25 - Tue 28 do not (weekend + two substitutes); Wed 29 - Fri 31 work;
    # Sat 1 - Mon 3 Jan do not; Tue 4 works.
    working = [True, False, False, False, False, True, True, True, False, False, False, True]
    assert frame["cal_is_working_day"].to_list() == working
    assert frame["cal_working_day_number"].to_list() == [1, 1, 1, 1, 1, 2, 3, 4, 4, 4, 4, 5]
    assert frame["cal_month_end"].to_list() == [date(2021, 12, 31)] * 8 + [date(2022, 1, 31)] * 4


def test_calendar_frame_covers_every_day() -> None:
    # 51 years of 365 days plus 13 leap days (1992, 1996, ..., 2040).
    assert calendar_frame(FIRST, LAST).height == 51 * 365 + 13
    with pytest.raises(ValueError, match="after"):
        calendar_frame(date(2024, 1, 2), date(2024, 1, 1))


@cache
def _numbers() -> dict[date, int]:
    frame = calendar_frame(FIRST, LAST)
    return dict(zip(frame["cal_date"], frame["cal_working_day_number"], strict=True))


dates = st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 31))


@given(st.lists(st.tuples(dates, dates), min_size=1, max_size=20))
def test_arrays_agree_with_scalars_and_calendar_numbers(pairs: list[tuple[date, date]]) -> None:
    starts = np.array([a for a, _ in pairs], dtype="datetime64[D]")
    ends = np.array([b for _, b in pairs], dtype="datetime64[D]")
    counts = working_days_between_arrays(starts, ends).tolist()
    numbers = _numbers()
    for (a, b), count in zip(pairs, counts, strict=True):
        assert count == working_days_between(a, b) == numbers[b] - numbers[a]
        assert working_days_between(b, a) == -count


@given(dates, st.integers(min_value=-300, max_value=300))
def test_add_is_the_earliest_inverse_of_between(start: date, n: int) -> None:
    result = add_working_days(start, n)
    assert working_days_between(start, result) == n
    assert add_working_days_array(np.array([start]), np.array([n]))[0] == np.datetime64(result)
    if n != 0:
        # The result is a working day, and the day before it is one working day less.
        assert _numbers()[result] - _numbers()[result - timedelta(days=1)] == 1
        assert working_days_between(start, result - timedelta(days=1)) == n - 1
