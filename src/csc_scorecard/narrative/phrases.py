"""Words the drafted sentences share: how a series is named, months, counts and lists.

Kept apart from the sentence logic so every sentence names a figure the same way ("the rolling
12-month rate") and months read as the seeds write them ("September", or "December 2023" when
the year differs from the month reported).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import assert_never

from csc_scorecard.assess.comparisons import Reference
from csc_scorecard.engine.catalogue.entry import Unit
from csc_scorecard.engine.periods import PeriodKind
from csc_scorecard.model.calendar import MONTH_NAMES, month_year

# month_year is the calendar's (the store names months too); sentences find it here with the rest.
__all__ = [
    "capitalised",
    "count_words",
    "joined",
    "kind_adjective",
    "month_name",
    "month_year",
    "noun",
    "reference_name",
    "subject",
]

_WORDS = (
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty",
)  # fmt: skip


def month_name(end: date, reported: date) -> str:
    """ "September" within the reported month's year, else "December 2023"."""
    return MONTH_NAMES[end.month - 1] if end.year == reported.year else month_year(end)


def count_words(n: int) -> str:
    """Small counts in words ("six consecutive increases"), larger ones in digits."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else f"{n:,}"


def noun(unit: Unit) -> str:
    """What one figure of ``unit`` is called in a sentence."""
    match unit:
        case Unit.RATE_PER_10K:
            return "rate"
        case Unit.PERCENT:
            return "percentage"
        case Unit.COUNT:
            return "number"
        case Unit.AVERAGE:
            return "average"
        case _:
            assert_never(unit)


def kind_adjective(kind: PeriodKind) -> str:
    """The period kind as an adjective: "rolling 12-month", "monthly", "month-end"."""
    match kind:
        case PeriodKind.MONTH:
            return "monthly"
        case PeriodKind.ROLLING_3M:
            return "rolling 3-month"
        case PeriodKind.ROLLING_6M:
            return "rolling 6-month"
        case PeriodKind.ROLLING_12M:
            return "rolling 12-month"
        case PeriodKind.QUARTER:
            return "quarterly"
        case PeriodKind.YTD:
            return "year-to-date"
        case PeriodKind.FY:
            return "financial-year"
        case PeriodKind.SNAPSHOT:
            return "month-end"
        case _:
            assert_never(kind)


def subject(kind: PeriodKind, unit: Unit) -> str:
    """ "the rolling 12-month rate", "the month-end number"."""
    return f"the {kind_adjective(kind)} {noun(unit)}"


def reference_name(reference: Reference, year: str | None) -> str:
    """How a comparator is named: "statistical neighbours", "England"."""
    match reference:
        case Reference.TARGET:
            return "the target"
        case Reference.ROLLING_12M:
            return "the rolling 12-month figure"
        case Reference.PUBLISHED_LA:
            return (
                "the council's published figure" if year is None else f"the council's {year} figure"
            )
        case Reference.STATISTICAL_NEIGHBOURS:
            return "statistical neighbours"
        case Reference.REGION:
            return "the region"
        case Reference.ENGLAND:
            return "England"
        case _:
            assert_never(reference)


def joined(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def capitalised(text: str) -> str:
    """The sentence with its first letter upper case (the rest untouched)."""
    return text[:1].upper() + text[1:]
