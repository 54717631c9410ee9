"""XmR limits and each SPC rule on hand-made series.

The baseline is twelve months alternating 12 and 10: centre line 11, every moving range 2, so the
limits are 11 +/- 2.66 x 2 = 5.68 and 16.32.
"""

from __future__ import annotations

from datetime import date

import pytest

from csc_scorecard.assess.direction import Direction, Point
from csc_scorecard.assess.spc import Baseline, SpcResult, SpcRule, spc_signals, xmr_chart
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
    # Stable from the start: the first twelve points are the baseline, 100.0 plays no part.
    chart = xmr_chart([*BASELINE, 100.0])
    assert chart is not None
    assert chart.baseline == Baseline(start=0, length=12)
    assert (chart.centre, chart.mean_moving_range) == (11.0, 2.0)
    assert (chart.lower, chart.upper) == (pytest.approx(5.68), pytest.approx(16.32))


START_UP = [0.0, 10.0, 20.0, 30.0]
"""An extract's first months: the figure climbs while open cases are still being recorded."""


def test_limits_from_the_settled_months_after_a_start_up() -> None:
    """Four start-up months, then 14 months alternating 52 and 48.

    Each window of 12 holding a start-up month breaks a rule against its own limits:
      from index 0: mean (0+10+20+30 + 4x52 + 4x48) / 12 = 460/12 = 38.33, moving ranges
        (10+10+10+22 + 7x4) / 11 = 80/11 = 7.27, lower limit 38.33 - 19.35 = 18.99: 0 and 10
        lie below it (and the eight flat months all sit above the mean, a run);
      from 1: mean 512/12 = 42.67, ranges 74/11 = 6.73, lower 24.77: 10 below;
      from 2: mean 550/12 = 45.83, ranges 68/11 = 6.18, lower 29.39: 20 below;
      from 3: mean (30 + 6x52 + 5x48) / 12 = 582/12 = 48.5, ranges (22 + 10x4) / 11 = 62/11 =
        5.64, lower 48.5 - 14.99 = 33.51: 30 below.
    From index 4 the window is flat months only: centre (6x52 + 6x48) / 12 = 50.0, every moving
    range 4, so mean moving range 4.0 and limits 50 +/- 2.66 x 4 = 39.36 and 60.64; no point
    outside, sides alternate (no run), moves alternate (no trend): settled, the baseline.
    """
    values = [*START_UP, *[52.0, 48.0] * 7]
    result = _signals(values)
    chart = result.chart
    assert chart.baseline == Baseline(start=4, length=12)
    assert (chart.centre, chart.mean_moving_range) == (50.0, 4.0)
    assert (chart.lower, chart.upper) == (pytest.approx(39.36), pytest.approx(60.64))
    # Against the settled limits every start-up month lies below the lower limit; the climb is
    # four rises (not a trend) and four months below the centre line (not a run).
    assert [(s.rule, s.direction, s.first.value) for s in result.signals] == [
        (SpcRule.OUTSIDE_LIMITS, Direction.DOWN, v) for v in START_UP
    ]


def test_a_series_that_never_settles_keeps_its_first_year() -> None:
    # Thirteen rises: every window of 12 is a trend, so the first 12 points (0 to 11, mean 5.5,
    # every moving range 1) are the baseline, and the trend begins inside it.
    chart = xmr_chart([float(v) for v in range(13)])
    assert chart is not None
    assert chart.baseline == Baseline(start=0, length=12)
    assert (chart.centre, chart.mean_moving_range) == (5.5, 1.0)


def test_too_short_for_a_chart() -> None:
    assert spc_signals(_points(BASELINE[:11])) is None
    assert spc_signals(_points([*START_UP, *BASELINE[:7]])) is None
    with pytest.raises(ValueError, match="at least 2"):
        xmr_chart(BASELINE, length=1)


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
