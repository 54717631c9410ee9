"""Which SPC signal a draft states, and how: the NHS "Making Data Count" reading of a chart.

A draft states at most one signal, and only one that ends at the month reported: older signals
are history the chart shows. Of those, a point outside the limits comes first, then a run, then
a trend (the order Making Data Count lists its rules in).

A run or a point outside the limits is measured against the centre line and limits of the
chart's baseline: the series' earliest 12 months that are stable among themselves, so an
extract's start-up months, when figures climb while the history is still being recorded, are
left out (:mod:`csc_scorecard.assess.spc`). Such a signal is stated only when:

1. no signal begins inside the baseline: Making Data Count takes limits from a stable period,
   and limits drawn from points that are part of a signal describe the change rather than the
   level before it (always so when the series never settled and the baseline fell back to its
   first year). Signals before the baseline, in the start-up it skipped, do not count;
2. in the year before the signal began, fewer than three quarters of the months sat on the
   signal's side of the centre line: if most did, the series had already moved before the
   signal, the centre line describes an earlier level, and "a sign of real change" would
   mislead. (In a stable series, 9 or more of 12 months on one side happens about 7% of the
   time.)

A trend (six rises or falls in a row) uses neither the centre line nor the limits, so it is
stated whatever the baseline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

from csc_scorecard.assess.assessment import Assessment
from csc_scorecard.assess.direction import Direction, Point
from csc_scorecard.assess.spc import Signal, SpcResult, SpcRule
from csc_scorecard.narrative.numbers import format_value
from csc_scorecard.narrative.phrases import capitalised, count_words, month_name, subject

RULE_ORDER = (SpcRule.OUTSIDE_LIMITS, SpcRule.RUN, SpcRule.TREND)
"""Which signal a draft states when several end at the month reported."""
LOOK_BACK = 12
"""Months before a signal checked against the centre line (condition 2 above)."""
ALREADY_MOVED = 0.75
"""The share of ``LOOK_BACK`` months on the signal's side that means the series had moved."""
MEANING = "a sign of real change rather than normal variation"


def _on_side(point: Point, centre: float, direction: Direction) -> bool:
    return point.value > centre if direction is Direction.UP else point.value < centre


def baseline_fits(spc: SpcResult, points: Sequence[Point], signal: Signal) -> bool:
    """Whether the chart's baseline can bear ``signal`` (the module docstring's conditions).

    Args:
        spc: the chart and every signal of ``points``.
        points: the charted series, in date order.
        signal: one of ``spc.signals``.
    """
    if signal.rule is SpcRule.TREND:
        return True
    baseline = points[spc.chart.baseline.start : spc.chart.baseline.stop]
    if any(baseline[0].end <= s.first.end <= baseline[-1].end for s in spc.signals):
        return False
    start = points.index(signal.first)
    before = points[max(0, start - LOOK_BACK) : start]
    moved = sum(_on_side(p, spc.chart.centre, signal.direction) for p in before)
    return not before or moved < ALREADY_MOVED * len(before)


def current_signal(a: Assessment) -> Signal | None:
    """The signal a draft of ``a`` states, if any (see the module docstring)."""
    if a.spc is None or a.monthly is None:
        return None
    spc, points = a.spc, a.monthly.points
    current = [
        s for s in spc.signals if s.last.end == points[-1].end and baseline_fits(spc, points, s)
    ]
    return min(current, key=lambda s: RULE_ORDER.index(s.rule), default=None)


def signal_sentence(a: Assessment, signal: Signal, *, told: bool = False) -> str:
    """``signal`` in Making Data Count's words, on ``a``'s monthly (or month-end) series.

    Args:
        told: the draft has already described this run of rises or falls (a trend on the
            series it leads with), so only what the run means is added.
    """
    assert a.monthly is not None
    unit = a.indicator.unit
    name = subject(a.monthly.kind, unit)
    up = signal.direction is Direction.UP
    match signal.rule:
        case SpcRule.OUTSIDE_LIMITS:
            limit = "above its upper" if up else "below its lower"
            return capitalised(
                f"{name} for {month_name(signal.last.end, a.month)}, "
                f"{format_value(signal.last.value, unit)}, is {limit} process limit, {MEANING}."
            )
        case SpcRule.RUN:
            side = "above" if up else "below"
            return capitalised(
                f"{name} has been {side} its average for {count_words(signal.count)} months "
                f"in a row, {MEANING}."
            )
        case SpcRule.TREND:
            steps = count_words(signal.count - 1)
            if told:
                return capitalised(f"{steps} {'rises' if up else 'falls'} in a row are {MEANING}.")
            verb = "risen" if up else "fallen"
            return capitalised(f"{name} has {verb} for {steps} months in a row, {MEANING}.")
        case _:
            assert_never(signal.rule)
