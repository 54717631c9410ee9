"""SPC signals in drafts: Making Data Count's wording, and only where the chart can bear them.

Each series is monthly and ends in November 2024; the chart's baseline is its earliest 12 figures
that are stable among themselves (:func:`csc_scorecard.assess.spc.xmr_chart`).
"""

from __future__ import annotations

import pytest
from scenario import LA, indicator, month, monthly, results

from csc_scorecard.assess.assessment import assess_indicator
from csc_scorecard.engine.catalogue.entry import Polarity, Unit
from csc_scorecard.engine.periods import PeriodKind
from csc_scorecard.narrative.draft import Focus, draft_analysis

STABLE_YEAR = [52.0, 48.0] * 6
"""Mean 50.0, mean moving range 4.0: limits 50 +/- 10.64; no run, trend or point outside."""
EIGHT_ABOVE = [53.0, 51.0, 54.0, 52.0, 55.0, 53.0, 54.0, 52.0]
"""Eight months above 50.0, inside the limits, never six moves the same way."""
LAST_MOVE = (
    "The monthly percentage has fallen slightly from 54.0% in October to 52.0% in November, "
    "a drop of 2.0 percentage points."
)
RUN = (
    "The monthly percentage has been above its average for eight months in a row, a sign of "
    "real change rather than normal variation."
)


def _draft(values: list[float], focus: Focus = Focus.ROLLING, **kw: object) -> tuple[str, ...]:
    """The draft of a monthly percentage (high is good) whose last figure is November 2024."""
    first = 2024 * 12 + 10 - (len(values) - 1)
    series = {PeriodKind.MONTH: monthly(month(first // 12, first % 12 + 1), values)}
    a = assess_indicator(results(series), indicator(Unit.PERCENT, Polarity.HIGH_GOOD), LA, **kw)  # type: ignore[arg-type]
    return draft_analysis(a, focus).sentences


def test_a_point_above_the_upper_limit() -> None:
    # Mean 11.0, mean moving range 2.0: upper limit 16.32.
    assert _draft([12.0, 10.0] * 6 + [17.0]) == (
        "The monthly percentage has risen from 10.0% in October to 17.0% in November, a rise of "
        "7.0 percentage points to the highest figure since the series began in November 2023.",
        "The monthly percentage for November, 17.0%, is above its upper process limit, a sign of "
        "real change rather than normal variation.",
    )


def test_a_run_against_a_stable_baseline() -> None:
    assert _draft(STABLE_YEAR + EIGHT_ABOVE, target=50.0) == (
        LAST_MOVE,
        "The monthly percentage is above target.",
        RUN,
    )


WARMING_UP = [0.0, 10.0, 30.0]
"""An extract's first months, climbing from nothing while the history is still being recorded."""


def test_a_run_after_a_start_up() -> None:
    """The start-up is left out of the baseline: windows holding 0, 10 or 30 each have a point
    below their own lower limit (from the third month: mean (30 + 6x52 + 5x48) / 12 = 48.5,
    mean moving range (22 + 10x4) / 11 = 5.64, lower limit 33.51 > 30). The stable year after it
    is the baseline (centre 50.0, limits 39.36 to 60.64), and the run follows it."""
    assert _draft(WARMING_UP + STABLE_YEAR + EIGHT_ABOVE, target=50.0) == (
        LAST_MOVE,
        "The monthly percentage is above target.",
        RUN,
    )


def test_no_run_that_began_inside_the_baseline() -> None:
    """Windows from the first three months each have 0, 10 or 30 below their own lower limit.
    The first settled 12 months are the fourth to the fifteenth: five 48s and four 52s
    alternating, then 53, 51, 54, the first three of the eight above. Mean 606 / 12 = 50.5,
    moving ranges (8x4 + 5 + 2 + 3) / 11 = 3.82, limits 40.34 to 60.66: no point outside, no
    run, no trend. The run above 50.5 began inside the baseline and lifted its mean, so "above
    its average" would describe the change by itself."""
    settling = [*WARMING_UP, 48.0, 52.0, 48.0, 52.0, 48.0, 52.0, 48.0, 52.0, 48.0]
    assert _draft(settling + EIGHT_ABOVE, target=50.0) == (
        LAST_MOVE,
        "The monthly percentage is above target.",
    )


@pytest.mark.parametrize(
    ("year_before", "stated"),
    [
        # 9 of 12 months above 50.0: the series had moved before the run; the average is stale.
        ([53.0, 51.0, 49.0, 54.0, 52.0, 55.0, 47.0, 53.0, 54.0, 56.0, 52.0, 49.0], False),
        # 8 of 12 above: it had not (yet).
        ([53.0, 51.0, 49.0, 54.0, 52.0, 55.0, 47.0, 53.0, 54.0, 56.0, 48.0, 49.0], True),
    ],
)
def test_a_run_only_when_the_year_before_sat_around_the_average(
    year_before: list[float], stated: bool
) -> None:
    sentences = _draft(STABLE_YEAR + year_before + EIGHT_ABOVE)
    assert sentences[0] == LAST_MOVE
    assert sentences[1:] == ((RUN,) if stated else ())


SIX_FALLS = [*STABLE_YEAR, 58.0, 56.0, 54.0, 52.0, 50.0, 47.0, 45.0]
"""May 2023 to November 2024: a stable year, a rise, then six falls in a row (a trend)."""


def test_a_trend_the_movement_sentence_already_told() -> None:
    assert _draft(SIX_FALLS) == (
        "The monthly percentage has fallen for six consecutive months, from 58.0% in May to "
        "45.0% in November, a drop of 13.0 percentage points to the lowest figure since the "
        "series began in May 2023.",
        "Six falls in a row are a sign of real change rather than normal variation.",
    )


def test_a_trend_beside_a_year_on_year_comparison() -> None:
    assert _draft(SIX_FALLS, Focus.CHAT) == (
        # November 2023 is the seventh figure of the stable year: 52.0.
        "In November 2024, the percentage was 45.0%, a drop of 7.0 percentage points from 52.0% "
        "a year earlier.",
        "This is the lowest figure since the series began in May 2023.",
        "The monthly percentage has fallen for six months in a row, a sign of real change rather "
        "than normal variation.",
    )
