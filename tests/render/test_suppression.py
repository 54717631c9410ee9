"""Small-number suppression rules, worked by hand (threshold 5 unless said)."""

from __future__ import annotations

import pytest

from csc_scorecard.render.suppression import (
    Marker,
    Rule,
    Sum,
    secondary,
    withhold_percentage,
    withhold_rate,
)

RULE = Rule(5)


@pytest.mark.parametrize(
    ("count", "small"), [(0, False), (1, True), (5, True), (5.0, True), (6, False), (None, False)]
)
def test_counts_from_one_to_the_threshold_are_small(count: float | None, small: bool) -> None:
    assert RULE.small(count) is small


def test_a_threshold_of_zero_suppresses_nothing() -> None:
    assert not Rule(0).small(1)


def test_a_negative_threshold_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        Rule(-1)


def test_markers() -> None:
    assert Rule(5).mark == "c"
    assert Rule(5, Marker.LESS_THAN).mark == "<6"
    assert Rule(10, Marker.LESS_THAN).mark == "<11"
    assert '"c"' in Rule(5).footnote and "1 to 5" in Rule(5).footnote


@pytest.mark.parametrize(
    ("numerator", "denominator", "withheld"),
    [
        (3, 40, True),  # a small numerator
        (0, 4, True),  # a small denominator: 0 of 4
        (36, 40, True),  # the complement, 4 not counted, is small
        (35, 40, True),  # 40 - 35 = 5: at the threshold
        (34, 40, False),
        (0, 40, False),
        (40, 40, False),
        (None, 40, False),
    ],
)
def test_percentages_from_small_counts_are_withheld(
    numerator: float | None, denominator: float | None, withheld: bool
) -> None:
    assert withhold_percentage(numerator, denominator, RULE) is withheld


def test_a_rate_from_a_small_count_is_withheld() -> None:
    assert withhold_rate(4, RULE)
    assert not withhold_rate(6, RULE)
    assert not withhold_rate(0, RULE)


def test_one_withheld_part_takes_the_next_smallest_with_it() -> None:
    # total 20 = 3 + 7 + 10: 3 alone withheld is 20 - 7 - 10; so 7 goes too.
    values = {"total": 20.0, "a": 3.0, "b": 7.0, "c": 10.0}
    hidden = secondary(values, frozenset({"a"}), [Sum("total", ("a", "b", "c"))])
    assert hidden == {"a", "b"}


def test_a_sum_with_two_unknowns_needs_nothing_more() -> None:
    values = {"total": 20.0, "a": 3.0, "b": 2.0, "c": 15.0}
    assert secondary(values, frozenset({"a", "b"}), [Sum("total", ("a", "b", "c"))]) == {"a", "b"}


def test_a_missing_figure_counts_as_unknown() -> None:
    values = {"total": 20.0, "a": 3.0, "b": None, "c": 15.0}
    assert secondary(values, frozenset({"a"}), [Sum("total", ("a", "b", "c"))]) == {"a"}


def test_preferred_figures_go_first() -> None:
    # this month 3 = a year ago 40 + change -37: the change goes, not last year's figure.
    values = {"now": 3.0, "before": 40.0, "change": -37.0}
    hidden = secondary(
        values, frozenset({"now"}), [Sum("now", ("before", "change"))], prefer=frozenset({"change"})
    )
    assert hidden == {"now", "change"}


def test_the_total_goes_when_it_is_the_only_other_figure() -> None:
    values = {"total": 9.0, "a": 4.0}
    assert secondary(values, frozenset({"a"}), [Sum("total", ("a",))]) == {"a", "total"}


def test_suppression_spreads_along_linked_sums() -> None:
    # Two sums share "b": hiding b to protect a leaves the second sum with one unknown.
    values = {"t1": 10.0, "a": 2.0, "b": 8.0, "t2": 20.0, "c": 12.0}
    sums = [Sum("t1", ("a", "b")), Sum("t2", ("b", "c"))]
    hidden = secondary(values, frozenset({"a"}), sums)
    assert hidden == {"a", "b", "c"}
    for relation in sums:
        assert sum(k in hidden for k in relation.members) != 1
