"""Drafted analysis, one situation per test, with the exact expected sentences."""

from __future__ import annotations

from scenario import LA, indicator, month, monthly, results

from csc_scorecard.assess.assessment import assess_indicator
from csc_scorecard.assess.facts import Benchmarks
from csc_scorecard.engine.catalogue.entry import Polarity, Unit
from csc_scorecard.engine.periods import PeriodKind
from csc_scorecard.narrative.draft import draft_analysis

NOV = month(2024, 11)
REFERRALS_12M = [700.0, 705.0, 710.0, 720.0, 730.0, 740.0, 749.7, 738.0, 726.0]  # Mar-Nov


def test_seed_000_referrals() -> None:
    frame = results(
        {
            PeriodKind.ROLLING_12M: monthly(month(2024, 3), REFERRALS_12M),
            PeriodKind.ROLLING_6M: [(NOV, 760.0)],
        }
    )
    a = assess_indicator(
        frame,
        indicator(Unit.RATE_PER_10K, Polarity.NONE),
        LA,
        target=580.0,
        benchmarks=Benchmarks("2023-24", statistical_neighbours=586.0, england=518.0),
    )
    assert draft_analysis(a).sentences == (
        "After six consecutive increases, the rolling 12-month rate has fallen slightly from a "
        "high of 749.7 in September to 726.0 in November, a drop of 3%.",
        "The rolling 6-month rate (760.0) is above the rolling 12-month rate (726.0).",
        "Both rolling rates are above the target of 580.0 and above statistical neighbours "
        "(586.0) and England (518.0).",
    )


def _draft(
    frame_series: dict[PeriodKind, list[tuple[object, float | None]]], **kw: object
) -> tuple[str, ...]:
    unit = kw.pop("unit", Unit.PERCENT)
    polarity = kw.pop("polarity", Polarity.HIGH_GOOD)
    a = assess_indicator(results(frame_series), indicator(unit, polarity), LA, **kw)  # type: ignore[arg-type]
    return draft_analysis(a).sentences


def test_run_of_rises_to_a_new_high_below_target() -> None:
    sentences = _draft(
        {
            PeriodKind.ROLLING_12M: monthly(month(2024, 8), [80.0, 81.0, 82.5, 84.3]),
            PeriodKind.ROLLING_6M: [(NOV, 79.0)],
        },
        target=89.0,
    )
    assert sentences == (
        "The rolling 12-month percentage has risen for three consecutive months, from 80.0% in "
        "August to 84.3% in November, a rise of 4.3 percentage points.",
        "This is the highest figure in the series, which starts in August 2024.",
        "The rolling 6-month percentage (79.0%) is below the rolling 12-month percentage (84.3%): "
        "recent months are worse than the year as a whole.",
        "Both rolling percentages are below the target of 89.0%.",
    )


def test_single_fall_to_a_new_low_and_split_against_target() -> None:
    sentences = _draft(
        {
            PeriodKind.ROLLING_12M: monthly(month(2024, 9), [24.0, 25.0, 24.1]),
            PeriodKind.ROLLING_6M: [(NOV, 20.5)],
        },
        polarity=Polarity.LOW_GOOD,
        target=21.0,
    )
    assert sentences == (
        "The rolling 12-month percentage has fallen slightly from 25.0% in October to 24.1% in "
        "November, a drop of 0.9 percentage points.",
        "The rolling 6-month percentage (20.5%) is below the rolling 12-month percentage (24.1%): "
        "recent months are better than the year as a whole.",
        "The rolling 12-month percentage of 24.1% is above the target of 21.0%.",
        "The rolling 6-month percentage of 20.5% is below the target of 21.0%.",
    )


def test_no_change_counts_and_benchmark_level() -> None:
    sentences = _draft(
        {PeriodKind.SNAPSHOT: monthly(month(2024, 10), [1204.0, 1206.0])},
        unit=Unit.COUNT,
        polarity=Polarity.NONE,
        benchmarks=Benchmarks("2023-24", published_la=1200.0, region=1500.0),
    )
    assert sentences == (
        "The month-end number has stayed level, at 1,206 in November against 1,204 in October.",
        "The month-end number of 1,206 is below the region (1,500) and in line with the "
        "2023-24 figure (1,200).",
    )


def test_chat_year_on_year() -> None:
    sentences = _draft(
        {PeriodKind.ROLLING_6M: [(month(2023, 11), 73.0), (NOV, 90.0)]},
        unit=Unit.RATE_PER_10K,
        polarity=Polarity.NONE,
    )
    assert sentences == (
        "The rolling 6-month rate has risen from 73.0 in November 2023 to 90.0 in November, "
        "a rise of 23%.",
        "The 6-month rate has risen from 73.0 in the six months to November 2023 to 90.0 in the "
        "six months to November 2024, a rise of 23%.",
    )


def test_spc_signal_on_the_monthly_series() -> None:
    values = [12.0, 10.0] * 6 + [17.0]
    sentences = _draft({PeriodKind.MONTH: monthly(month(2023, 11), values)}, unit=Unit.RATE_PER_10K)
    assert sentences[-1] == (
        "The monthly rate for November, 17.0, is above the upper process limit of 16.3 "
        "(an SPC signal)."
    )


def test_no_data_and_undefined_figures() -> None:
    assert draft_analysis(None).sentences == ("There are no figures for this indicator.",)
    assert _draft({PeriodKind.ROLLING_12M: [(NOV, None)]}) == (
        "There is no rolling 12-month percentage for November 2024: nothing to measure it against.",
    )
