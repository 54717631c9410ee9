"""Drafted analysis of rolling rows, one situation per test, with the exact expected sentences.

Expected sentences are worked by hand from the figures given; comments show the arithmetic.
"""

from __future__ import annotations

from datetime import date

from scenario import LA, indicator, month, monthly, results

from csc_scorecard.assess.assessment import assess_indicator
from csc_scorecard.assess.facts import Benchmarks
from csc_scorecard.engine.catalogue.entry import Polarity, Unit
from csc_scorecard.engine.periods import PeriodKind
from csc_scorecard.narrative.draft import draft_analysis

NOV = month(2024, 11)
REFERRALS_12M = [700.0, 705.0, 710.0, 720.0, 730.0, 740.0, 749.7, 738.0, 726.0]  # Mar-Nov
# A stable year around 730 (mean 730.0, limits 730 +/- 2.66 x 60), then eight months above it.
REFERRALS_MONTHLY = [760.0, 700.0] * 6 + [740.0, 735.0, 750.0, 738.0, 745.0, 742.0, 748.0, 736.0]


def _draft(
    frame_series: dict[PeriodKind, list[tuple[date, float | None]]], **kw: object
) -> tuple[str, ...]:
    unit = kw.pop("unit", Unit.PERCENT)
    polarity = kw.pop("polarity", Polarity.HIGH_GOOD)
    a = assess_indicator(results(frame_series), indicator(unit, polarity), LA, **kw)  # type: ignore[arg-type]
    return draft_analysis(a).sentences


def test_seed_000_referrals_in_priority_order() -> None:
    """Movement with its run and high, 6 vs 12 months, one standing clause, one SPC signal."""
    sentences = _draft(
        {
            PeriodKind.ROLLING_12M: monthly(month(2024, 3), REFERRALS_12M),
            PeriodKind.ROLLING_6M: [(NOV, 760.0)],
            PeriodKind.MONTH: monthly(month(2023, 4), REFERRALS_MONTHLY),
        },
        unit=Unit.RATE_PER_10K,
        polarity=Polarity.NONE,
        target=580.0,
        benchmarks=Benchmarks(
            "2023-24", published_la=622.0, statistical_neighbours=586.0, region=512.0, england=518.0
        ),
    )
    assert sentences == (
        # 749.7 -> 726.0 is -23.7, 3% of 749.7 (under 5%: slight); six rises before it.
        "After six consecutive increases, the rolling 12-month rate has fallen slightly from a "
        "high of 749.7 in September to 726.0 in November, a drop of 3%.",
        # The 12-month figure was just given: not repeated.
        "The rolling 6-month rate of 760.0 is above the 12-month rate.",
        "Both rolling rates are above target and above the council's 2023-24 figure, "
        "statistical neighbours, the region and England.",
        "The monthly rate has been above its average for eight months in a row, a sign of real "
        "change rather than normal variation.",
    )


def test_run_of_rises_to_a_new_high_below_target() -> None:
    # Nov 2023 - Nov 2024: down to 80.0 in March, a wobble, then five rises from 79.8 in June.
    values = [82.0, 81.5, 81.0, 80.5, 80.0, 80.6, 80.2, 79.8, 80.0, 81.0, 82.5, 83.0, 84.3]
    sentences = _draft(
        {
            PeriodKind.ROLLING_12M: monthly(month(2023, 11), values),
            PeriodKind.ROLLING_6M: [(NOV, 86.0)],
        },
        target=89.0,
    )
    assert sentences == (
        # 84.3 - 79.8 = 4.5 points; 84.3 beats all twelve earlier figures.
        "The rolling 12-month percentage has risen for five consecutive months, from 79.8% in "
        "June to 84.3% in November, a rise of 4.5 percentage points to the highest figure since "
        "the series began in November 2023.",
        "The rolling 6-month percentage of 86.0% is above the 12-month percentage: recent months "
        "are better than the year as a whole.",
        "Both rolling percentages are below target.",
    )


def test_a_new_high_over_a_few_months_is_not_news() -> None:
    # Two rises (not yet a run worth naming) to a figure above both earlier ones.
    sentences = _draft({PeriodKind.ROLLING_12M: monthly(month(2024, 9), [80.0, 81.0, 84.3])})
    assert sentences == (
        "The rolling 12-month percentage has risen from 80.0% in September to 84.3% in November, "
        "a rise of 4.3 percentage points.",
    )


def test_a_long_latest_run_is_named_before_the_run_it_broke() -> None:
    # April-August: four rises; August-November: three falls.
    values = [700.0, 710.0, 720.0, 730.0, 740.0, 735.0, 730.0, 725.0]
    sentences = _draft(
        {PeriodKind.ROLLING_12M: monthly(month(2024, 4), values)},
        unit=Unit.RATE_PER_10K,
        polarity=Polarity.NONE,
    )
    assert sentences == (
        # 15.0 of 740.0 is 2.0%.
        "The rolling 12-month rate has fallen for three consecutive months, from 740.0 in "
        "August to 725.0 in November, a drop of 2%.",
    )


def test_single_fall_and_split_against_target() -> None:
    """Where the two rolling figures stand differently, the 12 months lead and the 6 months add
    only their place against the target."""
    sentences = _draft(
        {
            PeriodKind.ROLLING_12M: monthly(month(2024, 9), [24.0, 25.0, 24.1]),
            PeriodKind.ROLLING_6M: [(NOV, 20.5)],
        },
        polarity=Polarity.LOW_GOOD,
        target=21.0,
        benchmarks=Benchmarks("2023-24", england=22.0),
    )
    assert sentences == (
        # 0.9 of 25.0 is 3.6%: slight.
        "The rolling 12-month percentage has fallen slightly from 25.0% in October to 24.1% in "
        "November, a drop of 0.9 percentage points.",
        "The rolling 6-month percentage of 20.5% is below the 12-month percentage: recent months "
        "are better than the year as a whole.",
        "The rolling 12-month percentage is above target and above England; the rolling 6-month "
        "percentage is below target.",
    )


def test_no_change_counts_and_benchmark_level() -> None:
    sentences = _draft(
        {PeriodKind.SNAPSHOT: monthly(month(2024, 10), [1204.0, 1206.0])},
        unit=Unit.COUNT,
        polarity=Polarity.NONE,
        benchmarks=Benchmarks("2023-24", published_la=1200.0, region=1500.0),
    )
    assert sentences == (
        # 2 is under 0.5% of 1,204: no change. 1,206 is within 1% of 1,200: in line.
        "The month-end number of 1,206 is little changed from 1,204 in October.",
        "The month-end number is below the region and in line with the council's 2023-24 figure.",
    )


def test_six_months_only_compare_with_a_year_earlier() -> None:
    """Without rolling 12 months the row's arrow compares the 6 months with a year earlier."""
    sentences = _draft(
        {PeriodKind.ROLLING_6M: [(month(2023, 11), 73.0), (NOV, 90.0)]},
        unit=Unit.RATE_PER_10K,
        polarity=Polarity.NONE,
    )
    assert sentences == (
        # 17.0 of 73.0 is 23.3%.
        "In the six months to November 2024, the rate was 90.0, a rise of 23% from 73.0 in the "
        "same six months a year earlier.",
    )


def test_no_data_and_undefined_figures() -> None:
    assert draft_analysis(None).sentences == ("There are no figures for this indicator.",)
    assert _draft({PeriodKind.ROLLING_12M: [(NOV, None)]}) == (
        "There is no rolling 12-month percentage for November 2024: nothing to measure it against.",
    )
