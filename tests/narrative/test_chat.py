"""Drafts for ChAT rows (seed 000's second half): the sentences describe the figures the row
prints, the latest 6 months (or month-end snapshot) against the same a year earlier."""

from __future__ import annotations

from datetime import date

from scenario import LA, indicator, month, monthly, results

from csc_scorecard.assess.assessment import Assessment, assess_indicator
from csc_scorecard.assess.facts import Benchmarks
from csc_scorecard.engine.catalogue.entry import Polarity, Unit
from csc_scorecard.engine.periods import PeriodKind
from csc_scorecard.narrative.draft import Focus, draft_analysis

NOV = month(2024, 11)
SEED_11 = Benchmarks(
    "2023-24", published_la=77.0, statistical_neighbours=70.0, region=66.0, england=60.0
)
"""Seed 000's row 11 (children subject of an ICPC): LA 77, SN 70, NW 66, England 60."""


def _assess(series: dict[PeriodKind, list[tuple[date, float | None]]], **kw: object) -> Assessment:
    unit = kw.pop("unit", Unit.RATE_PER_10K)
    a = assess_indicator(results(series), indicator(unit, Polarity.NONE), LA, **kw)  # type: ignore[arg-type]
    assert a is not None
    return a


def test_seed_000_icpc_row_six_months_a_year_apart() -> None:
    a = _assess(
        {
            PeriodKind.ROLLING_12M: monthly(month(2024, 9), [70.0, 72.0, 75.0]),
            PeriodKind.ROLLING_6M: [(month(2023, 11), 73.0), (NOV, 90.0)],
        },
        benchmarks=SEED_11,
    )
    assert draft_analysis(a, Focus.CHAT).sentences == (
        # 90.0 - 73.0 = 17.0, 23.3% of 73.0.
        "In the six months to November 2024, the rate was 90.0, a rise of 23% from 73.0 in the "
        "same six months a year earlier.",
        "The rolling 6-month rate is above the council's 2023-24 figure, statistical neighbours, "
        "the region and England.",
    )
    # The same assessment in a rolling row describes the rolling figures instead.
    assert draft_analysis(a).sentences == (
        "The rolling 12-month rate has risen from 70.0 in September to 75.0 in November, a rise "
        "of 7%.",
        "The rolling 6-month rate of 90.0 is above the 12-month rate.",
        # 75.0 is more than 1% below 77.0.
        "The rolling 12-month rate is above statistical neighbours, the region and England and "
        "below the council's 2023-24 figure.",
    )


def test_seed_000_looked_after_snapshot_at_a_new_low() -> None:
    """Thirteen month ends, each lower: the lowest since the series began, and a trend. The
    chart's baseline falls throughout, so its limits and centre line say nothing: the figure
    below the lower limit and the run below the centre line are not stated."""
    values = [116.0, 115.0, 114.0, 113.0, 112.0, 110.0, 108.0, 107.0, 105.0, 104.0, 103.0, 102.0]
    a = _assess(
        {PeriodKind.SNAPSHOT: monthly(month(2023, 11), [*values, 101.0])},
        benchmarks=Benchmarks("2023-24", statistical_neighbours=93.0, england=71.0),
    )
    assert draft_analysis(a, Focus.CHAT).sentences == (
        # 101.0 - 116.0 = -15.0, 12.9% of 116.0.
        "At the end of November 2024, the rate was 101.0, a drop of 13% from 116.0 a year earlier.",
        "This is the lowest figure since the series began in November 2023.",
        "The month-end rate is above statistical neighbours and England.",
        "The month-end rate has fallen for twelve months in a row, a sign of real change rather "
        "than normal variation.",
    )


def test_no_figure_a_year_earlier() -> None:
    a = _assess(
        {PeriodKind.SNAPSHOT: monthly(month(2024, 10), [1204.0, 1206.0])},
        unit=Unit.COUNT,
        benchmarks=Benchmarks("2023-24", region=1500.0),
    )
    assert draft_analysis(a, Focus.CHAT).sentences == (
        "At the end of November 2024, the number was 1,206; there is no figure for a year earlier.",
        "The month-end number is below the region.",
    )


def test_level_with_a_year_earlier() -> None:
    # 58.2 against 58.0 is under the 0.5% minimum change.
    a = _assess({PeriodKind.ROLLING_6M: [(month(2023, 11), 58.0), (NOV, 58.2)]})
    assert draft_analysis(a, Focus.CHAT).sentences == (
        "In the six months to November 2024, the rate was 58.2, little changed from 58.0 in the "
        "same six months a year earlier.",
    )


def test_no_six_month_figure_this_month() -> None:
    a = _assess(
        {
            PeriodKind.ROLLING_12M: [(NOV, 75.0)],
            PeriodKind.ROLLING_6M: [(month(2023, 11), 73.0), (NOV, None)],
        }
    )
    assert draft_analysis(a, Focus.CHAT).sentences == (
        "There is no rolling 6-month rate for November 2024.",
    )
