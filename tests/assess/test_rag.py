"""RAG against a target, worked by hand: each polarity, the boundaries and the amber margin."""

from __future__ import annotations

import pytest

from csc_scorecard.assess.margin import Margin
from csc_scorecard.assess.rag import Rag, rag_against_target
from csc_scorecard.engine.catalogue.entry import Polarity


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (90.0, Rag.GREEN),  # at target
        (95.0, Rag.GREEN),
        (85.5, Rag.AMBER),  # 5% of 90 = 4.5 below: the amber edge is amber
        (88.0, Rag.AMBER),
        (85.4, Rag.RED),
    ],
)
def test_high_is_good(value: float, expected: Rag) -> None:
    assert rag_against_target(value, 90.0, Polarity.HIGH_GOOD) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (20.0, Rag.GREEN),  # at target
        (15.0, Rag.GREEN),
        (21.0, Rag.AMBER),  # 5% of 20 = 1 above
        (21.1, Rag.RED),
    ],
)
def test_low_is_good(value: float, expected: Rag) -> None:
    assert rag_against_target(value, 20.0, Polarity.LOW_GOOD) is expected


def test_absolute_amber_margin_in_percentage_points() -> None:
    margin = Margin(2.0, relative=False)
    assert rag_against_target(88.0, 90.0, Polarity.HIGH_GOOD, margin) is Rag.AMBER
    assert rag_against_target(87.9, 90.0, Polarity.HIGH_GOOD, margin) is Rag.RED


def test_zero_margin_leaves_no_amber() -> None:
    assert rag_against_target(89.9, 90.0, Polarity.HIGH_GOOD, Margin(0.0)) is Rag.RED


@pytest.mark.parametrize(
    ("value", "target", "polarity"),
    [
        (726.0, 580.0, Polarity.NONE),  # referrals: no good direction, shown without colour
        (None, 90.0, Polarity.HIGH_GOOD),
        (80.0, None, Polarity.HIGH_GOOD),
    ],
)
def test_not_judged(value: float | None, target: float | None, polarity: Polarity) -> None:
    assert rag_against_target(value, target, polarity) is Rag.NONE


def test_negative_margin_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        Margin(-0.1)
