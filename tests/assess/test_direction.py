"""Direction of travel and its verdict, worked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from csc_scorecard.assess.comparisons import Reference, Relation, compare
from csc_scorecard.assess.direction import (
    DEFAULT_MIN_CHANGE,
    Direction,
    Point,
    Verdict,
    change_between,
)
from csc_scorecard.assess.margin import NO_MARGIN, Margin
from csc_scorecard.assess.rag import Rag
from csc_scorecard.engine.catalogue.entry import Polarity
from csc_scorecard.engine.periods import PeriodKind

OCT, NOV = date(2024, 10, 31), date(2024, 11, 30)


def _change(before: float, after: float, polarity: Polarity, margin: Margin) -> tuple[str, str]:
    change = change_between(Point(OCT, before), Point(NOV, after), polarity, margin)
    assert change is not None
    return change.direction.value, change.verdict.value


@pytest.mark.parametrize(
    ("before", "after", "polarity", "expected"),
    [
        (80.0, 84.3, Polarity.HIGH_GOOD, ("up", "improving")),
        (84.3, 79.0, Polarity.HIGH_GOOD, ("down", "worsening")),
        (24.1, 22.0, Polarity.LOW_GOOD, ("down", "improving")),
        (22.0, 24.1, Polarity.LOW_GOOD, ("up", "worsening")),
        (722.2, 726.0, Polarity.NONE, ("up", "neutral")),
        (100.0, 100.4, Polarity.HIGH_GOOD, ("no change", "neutral")),  # under 0.5% of 100
        (100.0, 100.5, Polarity.HIGH_GOOD, ("up", "improving")),  # exactly 0.5%: a change
    ],
)
def test_direction_and_verdict(
    before: float, after: float, polarity: Polarity, expected: tuple[str, str]
) -> None:
    assert _change(before, after, polarity, DEFAULT_MIN_CHANGE) == expected


def test_absolute_minimum_change() -> None:
    points = Margin(0.5, relative=False)
    assert _change(22.0, 22.4, Polarity.LOW_GOOD, points) == ("no change", "neutral")
    assert _change(22.0, 22.5, Polarity.LOW_GOOD, points) == ("up", "worsening")


def test_change_amounts_and_from_zero() -> None:
    change = change_between(Point(OCT, 749.7), Point(NOV, 726.0), Polarity.NONE)
    assert change is not None
    assert change.absolute == pytest.approx(-23.7)
    assert change.relative == pytest.approx(-23.7 / 749.7)
    from_zero = change_between(Point(OCT, 0.0), Point(NOV, 2.0), Polarity.LOW_GOOD, NO_MARGIN)
    assert from_zero is not None
    assert (from_zero.direction, from_zero.relative) == (Direction.UP, None)


def test_missing_figure_gives_no_direction() -> None:
    assert change_between(None, Point(NOV, 1.0), Polarity.HIGH_GOOD) is None


def test_verdict_colours_no_polarity_without_colour() -> None:
    assert [v.rag for v in Verdict] == [Rag.GREEN, Rag.RED, Rag.NONE]


@pytest.mark.parametrize(
    ("value", "reference", "relation", "verdict"),
    [
        (22.0, 24.1, Relation.BELOW, Verdict.IMPROVING),  # 6m under 12m, low is good
        (24.1, 23.0, Relation.ABOVE, Verdict.WORSENING),
        (23.1, 23.0, Relation.LEVEL, Verdict.NEUTRAL),  # within 1% of the benchmark
    ],
)
def test_comparisons(value: float, reference: float, relation: Relation, verdict: Verdict) -> None:
    found = compare(
        PeriodKind.ROLLING_6M,
        value,
        Reference.STATISTICAL_NEIGHBOURS,
        reference,
        polarity=Polarity.LOW_GOOD,
    )
    assert found is not None
    assert (found.relation, found.verdict) == (relation, verdict)


def test_comparison_without_a_reference() -> None:
    assert compare(PeriodKind.MONTH, 1.0, Reference.ENGLAND, None, polarity=Polarity.NONE) is None
