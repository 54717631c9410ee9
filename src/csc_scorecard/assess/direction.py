"""Direction of travel between two figures, and whether that direction is good.

A scorecard arrow says two things: which way the figure moved (up, down, no change) and, where the
indicator has a good direction, whether the move is an improvement. Moves smaller than a minimum
change are "no change", so month-to-month noise is not reported as progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import assert_never

from csc_scorecard.assess.margin import Margin
from csc_scorecard.assess.rag import Rag
from csc_scorecard.engine.catalogue.entry import Polarity


class Direction(StrEnum):
    """Which way a figure moved."""

    UP = "up"
    DOWN = "down"
    NO_CHANGE = "no change"


class Verdict(StrEnum):
    """Whether a move or a difference is good, by the indicator's polarity."""

    IMPROVING = "improving"
    WORSENING = "worsening"
    NEUTRAL = "neutral"

    @property
    def rag(self) -> Rag:
        """The arrow's colour: green improving, red worsening, uncoloured otherwise."""
        match self:
            case Verdict.IMPROVING:
                return Rag.GREEN
            case Verdict.WORSENING:
                return Rag.RED
            case Verdict.NEUTRAL:
                return Rag.NONE
            case _:
                assert_never(self)


DEFAULT_MIN_CHANGE = Margin(0.005)
"""A move of less than 0.5% of the earlier figure is "no change" (22.0% to 22.1% is steady).

Seed 000 draws an arrow for referrals moving from 722.2 to 726.0 (0.5%), so the default keeps
moves of that size and hides only rounding-level wobble."""


def direction_of(sign: int) -> Direction:
    """The direction of a signed difference (see :meth:`Margin.sign`)."""
    if sign > 0:
        return Direction.UP
    if sign < 0:
        return Direction.DOWN
    return Direction.NO_CHANGE


def verdict(direction: Direction, polarity: Polarity) -> Verdict:
    """Whether moving in ``direction`` is good for an indicator of ``polarity``.

    No change, and any move of an indicator with no good direction, is NEUTRAL.
    """
    match polarity:
        case Polarity.NONE:
            return Verdict.NEUTRAL
        case Polarity.HIGH_GOOD | Polarity.LOW_GOOD:
            pass
        case _:
            assert_never(polarity)
    match direction:
        case Direction.NO_CHANGE:
            return Verdict.NEUTRAL
        case Direction.UP:
            good = polarity is Polarity.HIGH_GOOD
        case Direction.DOWN:
            good = polarity is Polarity.LOW_GOOD
        case _:
            assert_never(direction)
    return Verdict.IMPROVING if good else Verdict.WORSENING


@dataclass(frozen=True)
class Point:
    """One figure of a series: the period's month end and its value."""

    end: date
    value: float


@dataclass(frozen=True)
class Change:
    """A move from ``previous`` to ``current``, judged by polarity."""

    previous: Point
    current: Point
    direction: Direction
    verdict: Verdict

    @property
    def absolute(self) -> float:
        """The change in the figure's own unit (percentage points for a percentage)."""
        return self.current.value - self.previous.value

    @property
    def relative(self) -> float | None:
        """The change as a fraction of the earlier figure; None when that was zero."""
        if self.previous.value == 0:
            return None
        return self.absolute / abs(self.previous.value)


def change_between(
    previous: Point | None,
    current: Point | None,
    polarity: Polarity,
    min_change: Margin = DEFAULT_MIN_CHANGE,
) -> Change | None:
    """The direction of travel from ``previous`` to ``current``; None if either is missing."""
    if previous is None or current is None:
        return None
    moved = direction_of(min_change.sign(previous.value, current.value))
    return Change(previous, current, moved, verdict(moved, polarity))
