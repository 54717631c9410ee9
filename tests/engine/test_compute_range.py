"""The default range starts where the extract's history really starts."""

from __future__ import annotations

from datetime import date

import polars as pl

from csc_scorecard.engine.compute import covered_range
from csc_scorecard.engine.periods import month_ends


def _monthly(counts: list[int], first: date) -> pl.DataFrame:
    ends = month_ends(first, date(2100, 1, 1))[: len(counts)]
    return pl.DataFrame(
        {"month_end": ends, "referrals": counts}, schema_overrides={"referrals": pl.Int64}
    )


def test_old_open_cases_before_the_history_are_left_out() -> None:
    # Jan-Mar 2022: a few old referrals of cases still open (3, 0 as a gap, 40); from April,
    # the real history at about 100 a month. The latest year's median is 100; half is 50, so
    # March (40) is the last thin month and the range starts in April.
    counts = [3, 0, 40, 100, 95, 110, 100, 90, 105, 100, 100, 98, 102, 100, 97, 100, 101]
    span = covered_range(_monthly(counts, date(2022, 1, 31)))
    assert span.first == date(2022, 4, 30)
    assert span.last == date(2023, 5, 31)


def test_a_complete_history_keeps_its_first_month() -> None:
    span = covered_range(_monthly([80, 90, 100, 100], date(2024, 1, 31)))
    assert (span.first, span.last) == (date(2024, 1, 31), date(2024, 4, 30))


def test_a_quiet_last_month_does_not_empty_the_range() -> None:
    # Only the last month is thin (a partial extract month): the range is that month alone.
    span = covered_range(_monthly([100, 100, 100, 10], date(2024, 1, 31)))
    assert (span.first, span.last) == (date(2024, 4, 30), date(2024, 4, 30))
