"""Tolerance bands as seed 001 writes them: "20-25" RI, "15-19" Good, "<14" Outstanding."""

from __future__ import annotations

import pytest

from csc_scorecard.assess.bands import ToleranceBand, place_in_bands

RI = ToleranceBand("RI", 20, 25)
GOOD = ToleranceBand("Good", 15, 19)
OUTSTANDING = ToleranceBand("Outstanding", None, 14)
RE_REFERRALS = (RI, GOOD, OUTSTANDING)


@pytest.mark.parametrize(
    ("value", "band"),
    [(20.0, RI), (25.0, RI), (15.0, GOOD), (19.0, GOOD), (14.0, OUTSTANDING), (3.0, OUTSTANDING)],
)
def test_bounds_are_inclusive_and_open_ends_unbounded(value: float, band: ToleranceBand) -> None:
    placement = place_in_bands(value, RE_REFERRALS)
    assert placement is not None
    assert placement.band == band


def test_a_value_in_a_gap_lies_between_its_neighbours() -> None:
    placement = place_in_bands(19.6, RE_REFERRALS)
    assert placement is not None
    assert (placement.band, placement.below, placement.above) == (None, GOOD, RI)
    edge = place_in_bands(14.5, RE_REFERRALS)
    assert edge is not None
    assert (edge.band, edge.below, edge.above) == (None, OUTSTANDING, GOOD)


def test_beyond_the_outermost_band() -> None:
    placement = place_in_bands(30.0, RE_REFERRALS)
    assert placement is not None
    assert (placement.band, placement.below, placement.above) == (None, RI, None)


def test_open_upper_end_as_in_85_plus() -> None:
    bands = (ToleranceBand("Outstanding", 85, None), ToleranceBand("Good", 75, 84))
    placement = place_in_bands(100.0, bands)
    assert placement is not None
    assert placement.band == bands[0]


def test_no_figure_or_no_bands() -> None:
    assert place_in_bands(None, RE_REFERRALS) is None
    assert place_in_bands(20.0, ()) is None


def test_reversed_bounds_are_refused() -> None:
    with pytest.raises(ValueError, match="min 19 is above max 15"):
        ToleranceBand("Good", 19, 15)
