"""Reporting periods, identified by their month end, and the period tables the engine joins to data.

Councils report monthly on figures over several windows ending at the same month end: the month
itself, rolling 3, 6 and 12 months, the financial quarter, the financial year to date, the whole
financial year (1 April to 31 March), and a snapshot on the month end's day (caseloads "as at").
The DfE reporting year is the year ending 31 March, and rates per 10,000 use the ONS mid-year
population of the previous calendar year (definitions-notes section 0).

:func:`periods_frame` and :func:`period_months_frame` turn periods into small tables so that an
indicator is computed for every period in one set-based query, never by a Python loop over months.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import assert_never

import polars as pl

# Fixed English abbreviations: strftime("%b") would follow the machine's locale.
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_FY_FIRST_MONTH = 4
_MONTH_TEXT = re.compile(r"(\d{4})-(\d{2})")


class PeriodKind(StrEnum):
    """The windows a figure can be reported over, each ending at a month end."""

    MONTH = "month"
    ROLLING_3M = "rolling_3m"
    ROLLING_6M = "rolling_6m"
    ROLLING_12M = "rolling_12m"
    QUARTER = "quarter"
    YTD = "ytd"
    FY = "fy"
    SNAPSHOT = "snapshot"


def month_end(d: date) -> date:
    """The last day of ``d``'s month."""
    next_month_first = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return next_month_first - timedelta(days=1)


def month_ends(first: date, last: date) -> list[date]:
    """The month end of every month from ``first``'s month to ``last``'s month, inclusive.

    Raises:
        ValueError: if ``first`` is after ``last``.
    """
    if first > last:
        raise ValueError(f"first month {first} is after last month {last}")
    ends = pl.date_range(first.replace(day=1), last, interval="1mo", eager=True).dt.month_end()
    return ends.to_list()


def parse_month(text: str) -> date:
    """The month end of a month written ``YYYY-MM`` (``"2024-11"`` is 30 November 2024).

    Raises:
        ValueError: if ``text`` is not a ``YYYY-MM`` month.
    """
    match = _MONTH_TEXT.fullmatch(text.strip())
    if match is None or not 1 <= int(match[2]) <= 12:
        raise ValueError(f"expected a month written YYYY-MM, such as 2024-11; got {text!r}")
    return month_end(date(int(match[1]), int(match[2]), 1))


def _months_back(end: date, months: int) -> date:
    """The first day of the month ``months - 1`` months before ``end``'s month."""
    index = end.year * 12 + end.month - 1 - (months - 1)
    return date(index // 12, index % 12 + 1, 1)


def _fy_start(end: date) -> date:
    """1 April of the financial year that ``end`` falls in."""
    year = end.year if end.month >= _FY_FIRST_MONTH else end.year - 1
    return date(year, _FY_FIRST_MONTH, 1)


def _require_month_end(d: date) -> None:
    if d != month_end(d):
        raise ValueError(f"a period ends at a month end; {d} is not one")


def _ends_at(kind: PeriodKind, end: date) -> bool:
    """Whether a period of ``kind`` ends at month end ``end``."""
    match kind:
        case PeriodKind.QUARTER:
            return end.month % 3 == 0
        case PeriodKind.FY:
            return end.month == _FY_FIRST_MONTH - 1
        case (
            PeriodKind.MONTH
            | PeriodKind.ROLLING_3M
            | PeriodKind.ROLLING_6M
            | PeriodKind.ROLLING_12M
            | PeriodKind.YTD
            | PeriodKind.SNAPSHOT
        ):
            return True
        case _:
            assert_never(kind)


def _start_of(kind: PeriodKind, end: date) -> date:
    """First day of the period of ``kind`` ending at month end ``end``.

    Raises:
        ValueError: if ``end`` is not a month end, or no period of ``kind`` ends there.
    """
    _require_month_end(end)
    if not _ends_at(kind, end):
        raise ValueError(
            f"no {kind} period ends at {end}: quarters end in Jun, Sep, Dec and Mar, "
            "financial years in Mar"
        )
    match kind:
        case PeriodKind.MONTH:
            return _months_back(end, 1)
        case PeriodKind.ROLLING_3M | PeriodKind.QUARTER:
            return _months_back(end, 3)
        case PeriodKind.ROLLING_6M:
            return _months_back(end, 6)
        case PeriodKind.ROLLING_12M:
            return _months_back(end, 12)
        case PeriodKind.YTD | PeriodKind.FY:
            return _fy_start(end)
        case PeriodKind.SNAPSHOT:
            return end
        case _:
            assert_never(kind)


def financial_year_label(reporting_year: int) -> str:
    """The label of the year ending 31 March ``reporting_year``: 2025 → ``2024-25``."""
    return f"{reporting_year - 1}-{reporting_year % 100:02d}"


@dataclass(frozen=True)
class Period:
    """A reporting period: a window of whole months (or a snapshot day) ending at a month end.

    Build one with :meth:`Period.of`; the constructor checks that ``start`` is the one that
    ``kind`` and ``end`` imply, so an invalid period cannot exist.
    """

    kind: PeriodKind
    start: date
    end: date

    def __post_init__(self) -> None:
        expected = _start_of(self.kind, self.end)
        if self.start != expected:
            raise ValueError(f"a {self.kind} period ending {self.end} starts on {expected}")

    @classmethod
    def of(cls, kind: PeriodKind, month_end: date) -> Period:
        """The period of ``kind`` ending at ``month_end``.

        Raises:
            ValueError: if ``month_end`` is not a month end, or no period of ``kind`` ends there
                (quarters end only in Jun, Sep, Dec and Mar; financial years only in March).
        """
        return cls(kind, _start_of(kind, month_end), month_end)

    @property
    def months(self) -> int:
        """Calendar months covered; 0 for a snapshot, which is a single day."""
        if self.kind is PeriodKind.SNAPSHOT:
            return 0
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def reporting_year(self) -> int:
        """The DfE reporting year (year ending 31 March) that the period's end falls in."""
        return self.end.year + 1 if self.end.month >= _FY_FIRST_MONTH else self.end.year

    @property
    def population_year(self) -> int:
        """Year of the ONS mid-year 0-17 estimate used for rates: the DfE uses mid-(Y-1) for Y."""
        return self.reporting_year - 1

    @property
    def annualisation(self) -> float:
        """Factor turning the period's count into a yearly one (6-month count x 2, as the seeds do).

        A snapshot is a stock at one date, not a flow, so it is not scaled.
        """
        return 1.0 if self.kind is PeriodKind.SNAPSHOT else 12 / self.months

    @property
    def label(self) -> str:
        """Short label as the seed scorecards print it, e.g. "Nov 2024" or "Dec23 - Nov24"."""
        start, end = self.start, self.end
        end_abbr = _MONTH_ABBR[end.month - 1]
        match self.kind:
            case PeriodKind.MONTH:
                return f"{end_abbr} {end.year}"
            case PeriodKind.ROLLING_3M | PeriodKind.ROLLING_6M | PeriodKind.ROLLING_12M:
                start_abbr = _MONTH_ABBR[start.month - 1]
                return f"{start_abbr}{start.year % 100:02d} - {end_abbr}{end.year % 100:02d}"
            case PeriodKind.QUARTER:
                quarter = (end.month - _FY_FIRST_MONTH) % 12 // 3 + 1
                return f"{financial_year_label(self.reporting_year)} Q{quarter}"
            case PeriodKind.YTD:
                months = "Apr" if end.month == _FY_FIRST_MONTH else f"Apr-{end_abbr}"
                return f"{financial_year_label(self.reporting_year)} {months}"
            case PeriodKind.FY:
                return financial_year_label(self.reporting_year)
            case PeriodKind.SNAPSHOT:
                return f"{end.day} {end_abbr} {end.year}"
            case _:
                assert_never(self.kind)


def periods_ending(month_ends: Sequence[date], kinds: Iterable[PeriodKind]) -> list[Period]:
    """Every period of ``kinds`` ending at one of ``month_ends``, kind by kind in the order given.

    Kinds that do not end at a month end are skipped there (no quarter ends in November).

    Raises:
        ValueError: if a date in ``month_ends`` is not a month end.
    """
    for end in month_ends:
        _require_month_end(end)
    return [Period.of(k, end) for k in kinds for end in month_ends if _ends_at(k, end)]


def periods_frame(periods: Sequence[Period]) -> pl.DataFrame:
    """One row per period: kind, start, end, months, annualisation, population year and label.

    Months, annualisation and population year are polars expressions over the whole column (the
    same rules as the :class:`Period` properties, which a test checks row by row).
    """
    snapshot = pl.col("period_kind") == PeriodKind.SNAPSHOT.value
    start, end = pl.col("period_start"), pl.col("period_end")
    month_span = (end.dt.year() - start.dt.year()) * 12 + end.dt.month() - start.dt.month() + 1
    return (
        pl.DataFrame(
            {
                "period_kind": [p.kind.value for p in periods],
                "period_start": [p.start for p in periods],
                "period_end": [p.end for p in periods],
                "period_label": [p.label for p in periods],
            },
            schema={
                "period_kind": pl.String,
                "period_start": pl.Date,
                "period_end": pl.Date,
                "period_label": pl.String,
            },
        )
        .with_columns(
            period_months=pl.when(snapshot).then(0).otherwise(month_span).cast(pl.Int64),
            population_year=(
                end.dt.year() + (end.dt.month() >= _FY_FIRST_MONTH).cast(pl.Int32) - 1
            ).cast(pl.Int64),
        )
        .with_columns(
            annualisation=pl.when(snapshot)
            .then(1.0)
            .otherwise(12.0 / pl.col("period_months"))
            .cast(pl.Float64),
        )
        .select(
            "period_kind",
            "period_start",
            "period_end",
            "period_months",
            "annualisation",
            "population_year",
            "period_label",
        )
    )


def period_months_frame(periods: Sequence[Period]) -> pl.DataFrame:
    """Each period mapped to every month end it covers (a snapshot covers only its own).

    Joined to monthly aggregates, this rolls months up into every period in one query.
    """
    return (
        periods_frame(periods)
        .select(
            "period_kind",
            "period_end",
            month_end=pl.date_ranges("period_start", "period_end", interval="1mo"),
        )
        .explode("month_end")
        .with_columns(pl.col("month_end").dt.month_end())
    )
