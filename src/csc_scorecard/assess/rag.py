"""Red, amber, green against a target, read in the indicator's good direction.

Seed 000 rates key indicators against a target with "Low/High is good": at or beyond the target
in the good direction is green, just short of it amber, further away red. An indicator without a
good direction (referral rates: neither more nor fewer is better in itself) is shown without
colour rather than judged.
"""

from __future__ import annotations

from enum import StrEnum
from typing import assert_never

from csc_scorecard.assess.margin import Margin
from csc_scorecard.engine.catalogue.entry import Polarity


class Rag(StrEnum):
    """A judgement colour; NONE is "not judged" (no target, no figure or no good direction)."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    NONE = "none"


DEFAULT_AMBER_MARGIN = Margin(0.05)
"""Within 5% of the target (on the wrong side) is amber: 85.5% or more against a 90% target."""


def rag_against_target(
    value: float | None,
    target: float | None,
    polarity: Polarity,
    amber_margin: Margin = DEFAULT_AMBER_MARGIN,
) -> Rag:
    """Judge ``value`` against ``target``.

    High is good: at or above the target is green; below it by less than or exactly the amber
    margin is amber; further below is red. Low is good mirrors this. With no figure, no target
    or no good direction the result is NONE.
    """
    if value is None or target is None:
        return Rag.NONE
    match polarity:
        case Polarity.HIGH_GOOD:
            shortfall = target - value
        case Polarity.LOW_GOOD:
            shortfall = value - target
        case Polarity.NONE:
            return Rag.NONE
        case _:
            assert_never(polarity)
    if shortfall <= 0:
        return Rag.GREEN
    if shortfall <= amber_margin.width(target):
        return Rag.AMBER
    return Rag.RED
