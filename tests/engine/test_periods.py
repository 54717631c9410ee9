"""Reporting periods: boundaries, labels, reporting years and the period tables, worked by hand."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from csc_scorecard.engine.periods import (
    Period,
    PeriodKind,
    month_end,
    month_ends,
    parse_month,
    period_months_frame,
    periods_ending,
    periods_frame,
)

K = PeriodKind
NOV_2024 = date(2024, 11, 30)


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2024, 2, 1), date(2024, 2, 29)),  # leap year
        (date(2023, 2, 28), date(2023, 2, 28)),
        (date(2024, 12, 25), date(2024, 12, 31)),  # December rolls into the next year internally
        (date(2024, 4, 30), date(2024, 4, 30)),
    ],
)
def test_month_end(d: date, expected: date) -> None:
    assert month_end(d) == expected


def test_month_ends_span_whole_months_over_a_year_end() -> None:
    assert month_ends(date(2023, 11, 15), date(2024, 2, 3)) == [
        date(2023, 11, 30),
        date(2023, 12, 31),
        date(2024, 1, 31),
        date(2024, 2, 29),
    ]
    assert month_ends(NOV_2024, NOV_2024) == [NOV_2024]
    with pytest.raises(ValueError, match="after"):
        month_ends(date(2024, 2, 1), date(2024, 1, 1))


def test_parse_month() -> None:
    assert parse_month("2024-11") == NOV_2024
    assert parse_month(" 2024-02 ") == date(2024, 2, 29)
    for bad in ["2024-13", "2024-00", "2024-1", "Nov 2024", "2024-11-30", ""]:
        with pytest.raises(ValueError, match="YYYY-MM"):
            parse_month(bad)


@pytest.mark.parametrize(
    ("kind", "end", "start", "months"),
    [
        (K.MONTH, NOV_2024, date(2024, 11, 1), 1),
        # Rolling windows count back whole months including the end month: Sep-Nov, Jun-Nov,
        # Dec 2023-Nov 2024.
        (K.ROLLING_3M, NOV_2024, date(2024, 9, 1), 3),
        (K.ROLLING_6M, NOV_2024, date(2024, 6, 1), 6),
        (K.ROLLING_12M, NOV_2024, date(2023, 12, 1), 12),
        # 12 months to leap day 29 Feb 2024: Mar 2023 - Feb 2024.
        (K.ROLLING_12M, date(2024, 2, 29), date(2023, 3, 1), 12),
        # Financial Q3 is Oct-Dec; Q4 is Jan-Mar of the calendar year after the FY starts.
        (K.QUARTER, date(2024, 12, 31), date(2024, 10, 1), 3),
        (K.QUARTER, date(2025, 3, 31), date(2025, 1, 1), 3),
        # Year to date starts on 1 April: Apr-Nov is 8 months; at April it is one month; in
        # January it still starts the previous April.
        (K.YTD, NOV_2024, date(2024, 4, 1), 8),
        (K.YTD, date(2024, 4, 30), date(2024, 4, 1), 1),
        (K.YTD, date(2025, 1, 31), date(2024, 4, 1), 10),
        (K.FY, date(2024, 3, 31), date(2023, 4, 1), 12),
        (K.SNAPSHOT, NOV_2024, NOV_2024, 0),
    ],
)
def test_period_boundaries(kind: PeriodKind, end: date, start: date, months: int) -> None:
    period = Period.of(kind, end)
    assert (period.kind, period.start, period.end, period.months) == (kind, start, end, months)


@pytest.mark.parametrize(
    ("kind", "end"),
    [
        (K.QUARTER, NOV_2024),  # quarters end Jun, Sep, Dec, Mar only
        (K.FY, date(2024, 12, 31)),  # financial years end in March only
        (K.MONTH, date(2024, 11, 29)),  # not a month end
        (K.SNAPSHOT, date(2024, 2, 28)),  # 2024 is a leap year
    ],
)
def test_period_of_rejects_invalid_ends(kind: PeriodKind, end: date) -> None:
    with pytest.raises(ValueError, match="end"):
        Period.of(kind, end)


def test_period_cannot_be_built_with_a_wrong_start() -> None:
    with pytest.raises(ValueError, match="starts on 2024-11-01"):
        Period(K.MONTH, date(2024, 10, 1), NOV_2024)


@pytest.mark.parametrize(
    ("kind", "end", "label"),
    [
        (K.MONTH, NOV_2024, "Nov 2024"),
        (K.ROLLING_12M, NOV_2024, "Dec23 - Nov24"),
        (K.ROLLING_6M, NOV_2024, "Jun24 - Nov24"),
        (K.ROLLING_3M, date(2025, 1, 31), "Nov24 - Jan25"),
        (K.QUARTER, date(2024, 12, 31), "2024-25 Q3"),
        (K.QUARTER, date(2024, 6, 30), "2024-25 Q1"),
        (K.QUARTER, date(2025, 3, 31), "2024-25 Q4"),
        (K.YTD, NOV_2024, "2024-25 Apr-Nov"),
        (K.YTD, date(2024, 4, 30), "2024-25 Apr"),
        (K.FY, date(2024, 3, 31), "2023-24"),
        (K.FY, date(2000, 3, 31), "1999-00"),
        (K.SNAPSHOT, NOV_2024, "30 Nov 2024"),
    ],
)
def test_labels(kind: PeriodKind, end: date, label: str) -> None:
    assert Period.of(kind, end).label == label


@pytest.mark.parametrize(
    ("end", "reporting_year"),
    [
        (NOV_2024, 2025),  # Nov 2024 falls in the year ending 31 March 2025
        (date(2025, 3, 31), 2025),  # 31 March is the last day of reporting year 2025
        (date(2025, 4, 30), 2026),  # from 1 April it is the next one
        (date(2025, 1, 31), 2025),
    ],
)
def test_reporting_and_population_year(end: date, reporting_year: int) -> None:
    for kind in (K.MONTH, K.ROLLING_12M, K.SNAPSHOT):
        period = Period.of(kind, end)
        assert period.reporting_year == reporting_year
        # DfE rates for year Y use the ONS mid-(Y-1) estimate.
        assert period.population_year == reporting_year - 1


@pytest.mark.parametrize(
    ("kind", "end", "factor"),
    [
        (K.MONTH, NOV_2024, 12.0),
        (K.ROLLING_3M, NOV_2024, 4.0),
        (K.ROLLING_6M, NOV_2024, 2.0),  # the seeds' "6-month count x 2"
        (K.ROLLING_12M, NOV_2024, 1.0),
        (K.QUARTER, date(2024, 12, 31), 4.0),
        (K.YTD, NOV_2024, 12 / 8),  # Apr-Nov is 8 months
        (K.FY, date(2025, 3, 31), 1.0),
        (K.SNAPSHOT, NOV_2024, 1.0),  # a count at a date is not scaled
    ],
)
def test_annualisation(kind: PeriodKind, end: date, factor: float) -> None:
    assert Period.of(kind, end).annualisation == factor


def test_periods_ending_skips_kinds_that_do_not_end_there() -> None:
    ends = [date(2024, 2, 29), date(2024, 3, 31)]
    periods = periods_ending(ends, [K.QUARTER, K.FY, K.MONTH])
    # Quarter and FY end only at March; months end at both: 1 + 1 + 2, kind by kind.
    assert [(p.kind, p.end) for p in periods] == [
        (K.QUARTER, date(2024, 3, 31)),
        (K.FY, date(2024, 3, 31)),
        (K.MONTH, date(2024, 2, 29)),
        (K.MONTH, date(2024, 3, 31)),
    ]
    with pytest.raises(ValueError, match="month end"):
        periods_ending([date(2024, 3, 15)], [K.FY])


def test_periods_frame_for_march_2024() -> None:
    periods = periods_ending([date(2024, 3, 31)], [K.ROLLING_6M, K.YTD, K.SNAPSHOT])
    frame = periods_frame(periods)
    assert frame.schema == pl.Schema(
        {
            "period_kind": pl.String,
            "period_start": pl.Date,
            "period_end": pl.Date,
            "period_months": pl.Int64,
            "annualisation": pl.Float64,
            "population_year": pl.Int64,
            "period_label": pl.String,
        }
    )
    # 31 Mar 2024 is in reporting year 2024, so population year 2023.
    assert frame.rows() == [
        ("rolling_6m", date(2023, 10, 1), date(2024, 3, 31), 6, 2.0, 2023, "Oct23 - Mar24"),
        ("ytd", date(2023, 4, 1), date(2024, 3, 31), 12, 1.0, 2023, "2023-24 Apr-Mar"),
        ("snapshot", date(2024, 3, 31), date(2024, 3, 31), 0, 1.0, 2023, "31 Mar 2024"),
    ]


def test_periods_frame_agrees_with_period_properties() -> None:
    # The frame computes months, annualisation and population year as polars expressions; every
    # kind at every month end over two financial years must match the Period properties.
    periods = periods_ending(month_ends(date(2023, 4, 1), date(2025, 3, 31)), list(K))
    expected = [
        (
            p.kind.value,
            p.start,
            p.end,
            p.months,
            p.annualisation,
            p.population_year,
            p.label,
        )
        for p in periods
    ]
    # 24 month ends x 6 kinds that end every month, 8 quarters and 2 financial years.
    assert len(expected) == 24 * 6 + 8 + 2
    assert periods_frame(periods).rows() == expected


def test_period_months_frame() -> None:
    periods = [
        Period.of(K.ROLLING_3M, date(2024, 1, 31)),
        Period.of(K.YTD, date(2024, 5, 31)),
        Period.of(K.SNAPSHOT, date(2024, 5, 31)),
    ]
    frame = period_months_frame(periods)
    assert frame.schema == pl.Schema(
        {"period_kind": pl.String, "period_end": pl.Date, "month_end": pl.Date}
    )
    # Rolling 3 months to Jan 2024 covers Nov, Dec, Jan over the year end; YTD to May covers Apr,
    # May; the snapshot covers only its own month end: 3 + 2 + 1 rows.
    assert frame.rows() == [
        ("rolling_3m", date(2024, 1, 31), date(2023, 11, 30)),
        ("rolling_3m", date(2024, 1, 31), date(2023, 12, 31)),
        ("rolling_3m", date(2024, 1, 31), date(2024, 1, 31)),
        ("ytd", date(2024, 5, 31), date(2024, 4, 30)),
        ("ytd", date(2024, 5, 31), date(2024, 5, 31)),
        ("snapshot", date(2024, 5, 31), date(2024, 5, 31)),
    ]


def test_period_months_frame_row_count_is_months_per_period() -> None:
    periods = periods_ending(month_ends(date(2024, 3, 1), date(2024, 4, 30)), list(K))
    frame = period_months_frame(periods)
    # One row per month covered, a snapshot counting as one: at Mar and Apr 2024 that is
    # month 1+1, rolling_3m 3+3, rolling_6m 6+6, rolling_12m 12+12, quarter (Mar only) 3,
    # ytd 12 (Apr 2023-Mar 2024) + 1, fy (Mar only) 12, snapshot 1+1 = 74.
    assert frame.height == sum(max(p.months, 1) for p in periods) == 74


def test_empty_period_frames() -> None:
    assert periods_frame([]).height == 0
    assert period_months_frame([]).height == 0
