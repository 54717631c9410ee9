"""XmR limits and each SPC rule on hand-made series.

The baseline is twelve months alternating 12 and 10: centre line 11, every moving range 2, so the
limits are 11 +/- 2.66 x 2 = 5.68 and 16.32.
"""

from __future__ import annotations

from datetime import date

import pytest

from csc_scorecard.assess.direction import Direction, Point
from csc_scorecard.assess.spc import SpcResult, SpcRule, spc_signals, xmr_chart
from csc_scorecard.engine.periods import month_end

BASELINE = [12.0, 10.0] * 6


def _points(values: list[float]) -> list[Point]:
    return [
        Point(month_end(date(2023 + (3 + i) // 12, (3 + i) % 12 + 1, 1)), v)
        for i, v in enumerate(values)
    ]


def _signals(values: list[float]) -> SpcResult:
    result = spc_signals(_points(values))
    assert result is not None
    return result


def test_limits_from_the_baseline_only() -> None:
    chart = xmr_chart([*BASELINE, 100.0])
    assert chart is not None
    assert (chart.centre, chart.mean_moving_range) == (11.0, 2.0)
    assert (chart.lower, chart.upper) == (pytest.approx(5.68), pytest.approx(16.32))


def test_too_short_for_a_chart() -> None:
    assert spc_signals(_points(BASELINE[:11])) is None
    with pytest.raises(ValueError, match="at least 2"):
        xmr_chart(BASELINE, baseline=1)


def test_a_series_within_the_rules_has_no_signal() -> None:
    assert _signals([*BASELINE, 11.5, 10.5, 11.8, 16.3, 5.7]).signals == ()


def test_point_outside_the_limits() -> None:
    result = _signals([*BASELINE, 16.4, 11.0, 5.6])
    assert [(s.rule, s.direction, s.first.value, s.count) for s in result.signals] == [
        (SpcRule.OUTSIDE_LIMITS, Direction.UP, 16.4, 1),
        (SpcRule.OUTSIDE_LIMITS, Direction.DOWN, 5.6, 1),
    ]


def test_run_of_seven_on_one_side() -> None:
    six = _signals([*BASELINE, *[11.5] * 6])
    assert six.signals == ()
    seven = _signals([*BASELINE, *[11.5] * 7])
    [run] = seven.signals
    assert (run.rule, run.direction, run.count) == (SpcRule.RUN, Direction.UP, 7)
    assert (run.first.end, run.last.end) == (date(2024, 4, 30), date(2024, 10, 31))


def test_a_point_on_the_centre_line_ends_a_run() -> None:
    assert _signals([*BASELINE, *[10.5] * 3, 11.0, *[10.5] * 4]).signals == ()


def test_trend_of_six_consecutive_increases() -> None:
    five = _signals([*BASELINE, 10.5, 10.8, 11.2, 11.5, 11.9])
    assert five.signals == ()
    six = _signals([*BASELINE, 10.5, 10.8, 11.2, 11.5, 11.9, 12.3])
    [trend] = six.signals
    assert (trend.rule, trend.direction, trend.count) == (SpcRule.TREND, Direction.UP, 7)
    assert (trend.first.value, trend.last.value) == (10.0, 12.3)


def test_trend_of_decreases_and_an_unchanged_month_ends_it() -> None:
    falling = [*BASELINE[:11], 12.0, 11.9, 11.5, 11.2, 10.8, 10.5, 10.1]
    [trend] = _signals(falling).signals
    assert (trend.rule, trend.direction) == (SpcRule.TREND, Direction.DOWN)
    flat = [*BASELINE[:11], 12.0, 11.9, 11.5, 11.5, 10.8, 10.5, 10.1]
    assert _signals(flat).signals == ()
