"""How every report writes a figure: one module so a table cell and a sentence never disagree.

Percentages and rates per 10,000 show one decimal place ("22.0%", "726.0"), counts are whole with
thousands separators ("1,234"), averages one decimal. Halves round away from zero, as a reader
rounding by hand would (Python's ``round`` rounds halves to even).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import assert_never

from csc_scorecard.engine.catalogue.entry import Unit

NO_FIGURE = "-"
"""What a table shows for an undefined figure (as the seed scorecards do)."""


def places(unit: Unit) -> int:
    """Decimal places a figure in ``unit`` is shown with."""
    match unit:
        case Unit.COUNT:
            return 0
        case Unit.PERCENT | Unit.RATE_PER_10K | Unit.AVERAGE:
            return 1
        case _:
            assert_never(unit)


def rounded(value: float, decimals: int) -> float:
    """``value`` rounded half away from zero to ``decimals`` places."""
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def _number(value: float, decimals: int) -> str:
    return f"{rounded(value, decimals):,.{decimals}f}"


def format_value(value: float | None, unit: Unit) -> str:
    """A figure as reports print it: "22.0%", "726.0", "1,234"; ``NO_FIGURE`` when undefined."""
    if value is None:
        return NO_FIGURE
    text = _number(value, places(unit))
    return f"{text}%" if unit is Unit.PERCENT else text


def format_change(absolute: float, relative: float | None, unit: Unit) -> str | None:
    """The size of a change: percentage points for a percentage, else a whole percent.

    "2.1 percentage points" and "3%" are always positive: the sentence says which way. None when
    a relative change is undefined (the earlier figure was zero).
    """
    if unit is Unit.PERCENT:
        return f"{_number(abs(absolute), 1)} percentage points"
    if relative is None:
        return None
    return f"{_number(abs(relative) * 100, 0)}%"
