"""Statistical process control on a monthly series: an XmR chart and its signals.

Month-to-month movement is mostly noise; SPC says when a move is unlikely to be noise. The XmR
(individuals) chart suits one figure a month: the centre line is the mean of a baseline window,
and the process limits are the mean plus or minus 2.66 times the mean moving range (NHS
"Making Data Count"). Three rules flag a signal: a point outside the limits, a run of 7 points on
one side of the centre line, and a trend of 6 consecutive increases or decreases.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from csc_scorecard.assess.direction import Direction, Point

XMR_CONSTANT = 2.66
"""3 / d2 for moving ranges of two points (d2 = 1.128)."""
RUN_LENGTH = 7
"""Consecutive points on one side of the centre line that make a shift."""
TREND_LENGTH = 6
"""Consecutive increases (or decreases) that make a trend: 7 points, each beyond the last."""
DEFAULT_BASELINE = 12
"""Points the limits are computed from: the first year of monthly figures. Fewer points give
limits too unsteady to call anything a signal, so a shorter series gets no chart."""


class SpcRule(StrEnum):
    """Which rule a signal broke."""

    OUTSIDE_LIMITS = "outside limits"
    RUN = "run"
    TREND = "trend"


@dataclass(frozen=True)
class XmrChart:
    """Centre line and process limits, computed from the first ``baseline`` points."""

    centre: float
    mean_moving_range: float
    baseline: int

    @property
    def upper(self) -> float:
        """Upper process limit."""
        return self.centre + XMR_CONSTANT * self.mean_moving_range

    @property
    def lower(self) -> float:
        """Lower process limit (may be impossible, e.g. negative, for a low count)."""
        return self.centre - XMR_CONSTANT * self.mean_moving_range


@dataclass(frozen=True)
class Signal:
    """``count`` points from ``first`` to ``last`` broke ``rule``, lying or moving ``direction``.

    For a run, UP means above the centre line; for a point outside the limits, above the upper
    limit; for a trend, increasing (a trend of 6 increases spans 7 points).
    """

    rule: SpcRule
    direction: Direction
    first: Point
    last: Point
    count: int


@dataclass(frozen=True)
class SpcResult:
    """A series' chart and every signal in it, in date order of their first point."""

    chart: XmrChart
    signals: tuple[Signal, ...]


def xmr_chart(values: Sequence[float], baseline: int = DEFAULT_BASELINE) -> XmrChart | None:
    """The chart from the first ``baseline`` values; None when there are fewer.

    Raises:
        ValueError: if ``baseline`` is under 2 (a moving range needs two points).
    """
    if baseline < 2:
        raise ValueError(f"an XmR baseline needs at least 2 points; got {baseline}")
    if len(values) < baseline:
        return None
    window = values[:baseline]
    ranges = [abs(b - a) for a, b in itertools.pairwise(window)]
    return XmrChart(sum(window) / baseline, sum(ranges) / len(ranges), baseline)


def _streaks(signs: Sequence[int]) -> list[tuple[int, int, int]]:
    """Maximal stretches of equal non-zero signs: (sign, first index, last index)."""
    found: list[tuple[int, int, int]] = []
    start = 0
    for i in range(1, len(signs) + 1):
        if i == len(signs) or signs[i] != signs[start]:
            if signs[start] != 0:
                found.append((signs[start], start, i - 1))
            start = i
    return found


def _direction(sign: int) -> Direction:
    return Direction.UP if sign > 0 else Direction.DOWN


def spc_signals(points: Sequence[Point], baseline: int = DEFAULT_BASELINE) -> SpcResult | None:
    """Every signal in ``points`` (a series in date order); None when too short for a chart.

    A point on the centre line belongs to neither side and ends a run; an unchanged value ends a
    trend. Each maximal run or trend is one signal however far it goes past the rule's length.
    """
    values = [p.value for p in points]
    chart = xmr_chart(values, baseline)
    if chart is None:
        return None
    signals: list[Signal] = []
    for p in points:
        if p.value > chart.upper or p.value < chart.lower:
            signals.append(
                Signal(
                    SpcRule.OUTSIDE_LIMITS, _direction(int(p.value > chart.upper) * 2 - 1), p, p, 1
                )
            )
    sides = [(v > chart.centre) - (v < chart.centre) for v in values]
    for sign, first, last in _streaks(sides):
        if last - first + 1 >= RUN_LENGTH:
            run = Signal(
                SpcRule.RUN, _direction(sign), points[first], points[last], last - first + 1
            )
            signals.append(run)
    steps = [(b > a) - (b < a) for a, b in itertools.pairwise(values)]
    for sign, first, last in _streaks(steps):
        if last - first + 1 >= TREND_LENGTH:
            trend = Signal(
                SpcRule.TREND, _direction(sign), points[first], points[last + 1], last - first + 2
            )
            signals.append(trend)
    signals.sort(key=lambda s: (s.first.end, s.rule.value))
    return SpcResult(chart, tuple(signals))
