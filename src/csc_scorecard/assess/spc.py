"""Statistical process control on a monthly series: an XmR chart and its signals.

Month-to-month movement is mostly noise; SPC says when a move is unlikely to be noise. The XmR
(individuals) chart suits one figure a month: the centre line is the mean of a baseline window,
and the process limits are the mean plus or minus 2.66 times the mean moving range (NHS England,
"Making Data Count", https://www.england.nhs.uk/publication/making-data-count/). Three rules flag
a signal: a point outside the limits, a run of 7 points on one side of the centre line, and a
trend of 6 consecutive increases or decreases.

Which points are the baseline. Making Data Count calculates limits over an initial period of at
least 12 points and then locks them: not a rolling window ("moving the goalposts"), and only from
a period that is itself stable, since limits describe common-cause variation (NHS-R Community,
NHSRplotthedots, the R implementation of the Making Data Count tools, vignette "Number of points
required"). An extract's first months are often not stable: figures climb while open cases
accumulate, and limits drawn round them say nothing. So the baseline is the earliest
``DEFAULT_BASELINE`` consecutive points with no signal among themselves (:func:`xmr_chart`): the
start-up is skipped, and a series stable from its start keeps its first year.

When limits are recalculated. Making Data Count recalculates them after a sustained change whose
cause is understood, which is an analyst's judgement. Nothing here recalculates on its own: a
chart that rebased itself at every shift would absorb the change it exists to show. A later shift
is reported as a signal against the locked limits, and :mod:`csc_scorecard.narrative.signals`
checks whether the centre line still describes the series before stating it.
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
"""Points the limits are computed from: a year of monthly figures, the fewest Making Data Count
locks limits on. Fewer give limits too unsteady to call anything a signal, so a shorter series
gets no chart."""


class SpcRule(StrEnum):
    """Which rule a signal broke."""

    OUTSIDE_LIMITS = "outside limits"
    RUN = "run"
    TREND = "trend"


@dataclass(frozen=True)
class Baseline:
    """The points a chart's limits come from: ``length`` points from index ``start``."""

    start: int
    length: int

    @property
    def stop(self) -> int:
        """The index after the baseline's last point: the points are ``series[start:stop]``."""
        return self.start + self.length


@dataclass(frozen=True)
class XmrChart:
    """Centre line and process limits, computed from the ``baseline`` points of a series."""

    centre: float
    mean_moving_range: float
    baseline: Baseline

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


def _chart(values: Sequence[float], baseline: Baseline) -> XmrChart:
    window = values[baseline.start : baseline.stop]
    ranges = [abs(b - a) for a, b in itertools.pairwise(window)]
    return XmrChart(sum(window) / len(window), sum(ranges) / len(ranges), baseline)


def xmr_chart(values: Sequence[float], length: int = DEFAULT_BASELINE) -> XmrChart | None:
    """The chart from the earliest ``length`` consecutive values that are settled; None when
    there are fewer than ``length`` values.

    Settled: against the centre line and limits the window's own values give, none of them
    breaks a rule of :func:`spc_signals` (a point outside the limits, a run, a trend). The
    earliest settled window is the baseline. When none is (the series moves throughout), the
    first ``length`` values are, as the Making Data Count tools default to; a signal then begins
    inside the baseline, so :mod:`csc_scorecard.narrative.signals` states no run or point outside
    the limits against it.

    Raises:
        ValueError: if ``length`` is under 2 (a moving range needs two points).
    """
    if length < 2:
        raise ValueError(f"an XmR baseline needs at least 2 points; got {length}")
    if len(values) < length:
        return None
    windows = (Baseline(start, length) for start in range(len(values) - length + 1))
    charts = (_chart(values, window) for window in windows)
    settled = (c for c in charts if not _breaks(values[c.baseline.start : c.baseline.stop], c))
    return next(settled, _chart(values, Baseline(0, length)))


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


def _breaks(values: Sequence[float], chart: XmrChart) -> list[tuple[SpcRule, int, int, int]]:
    """Every rule ``values`` break against ``chart``: (rule, sign, first index, last index).

    A point on the centre line belongs to neither side and ends a run; an unchanged value ends a
    trend. Each maximal run or trend is one break however far it goes past the rule's length.
    """
    found = [
        (SpcRule.OUTSIDE_LIMITS, 1 if v > chart.upper else -1, i, i)
        for i, v in enumerate(values)
        if v > chart.upper or v < chart.lower
    ]
    sides = [(v > chart.centre) - (v < chart.centre) for v in values]
    found += [
        (SpcRule.RUN, sign, first, last)
        for sign, first, last in _streaks(sides)
        if last - first + 1 >= RUN_LENGTH
    ]
    steps = [(b > a) - (b < a) for a, b in itertools.pairwise(values)]
    found += [
        (SpcRule.TREND, sign, first, last + 1)
        for sign, first, last in _streaks(steps)
        if last - first + 1 >= TREND_LENGTH
    ]
    return found


def spc_signals(points: Sequence[Point], length: int = DEFAULT_BASELINE) -> SpcResult | None:
    """Every signal in ``points`` (a series in date order); None when too short for a chart.

    Args:
        length: how many points the chart's baseline holds (:func:`xmr_chart`).
    """
    values = [p.value for p in points]
    chart = xmr_chart(values, length)
    if chart is None:
        return None
    signals = [
        Signal(
            rule,
            Direction.UP if sign > 0 else Direction.DOWN,
            points[first],
            points[last],
            last - first + 1,
        )
        for rule, sign, first, last in _breaks(values, chart)
    ]
    signals.sort(key=lambda s: (s.first.end, s.rule.value))
    return SpcResult(chart, tuple(signals))
