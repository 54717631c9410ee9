"""A figure set beside a reference: a target, the rolling 12 months, a published benchmark.

Seed 000 reads each comparison as above, below or level, and (where the indicator has a good
direction) whether being above is good: a 6-month rate under the 12-month rate is "progress in
the right direction" when low is good.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import assert_never

from csc_scorecard.assess.direction import Direction, Verdict, direction_of, verdict
from csc_scorecard.assess.facts import Benchmarks
from csc_scorecard.assess.margin import Margin
from csc_scorecard.engine.catalogue.entry import Polarity
from csc_scorecard.engine.periods import PeriodKind


class Relation(StrEnum):
    """Where a figure sits against its reference."""

    ABOVE = "above"
    BELOW = "below"
    LEVEL = "level"


class Reference(StrEnum):
    """What a figure is compared with; benchmark members name ``Benchmarks`` fields."""

    TARGET = "target"
    ROLLING_12M = "rolling_12m"
    PUBLISHED_LA = "published_la"
    STATISTICAL_NEIGHBOURS = "statistical_neighbours"
    REGION = "region"
    ENGLAND = "england"


BENCHMARK_REFERENCES = (
    Reference.PUBLISHED_LA,
    Reference.STATISTICAL_NEIGHBOURS,
    Reference.REGION,
    Reference.ENGLAND,
)
"""The published comparators, in the order seed 000 prints them (LA, SN, NW, Eng)."""

DEFAULT_LEVEL_MARGIN = Margin(0.01)
"""Within 1% of the reference is "level": published figures are often rounded to whole numbers."""


@dataclass(frozen=True)
class Comparison:
    """The ``subject`` figure against ``reference``.

    Attributes:
        subject: which of the council's figures (rolling 12 months, rolling 6 months, ...).
        reference: what it is compared with.
        value: the council's figure.
        reference_value: the figure compared with.
        relation: above, below or level.
        verdict: whether that position is good (IMPROVING), bad, or not judged (NEUTRAL).
    """

    subject: PeriodKind
    reference: Reference
    value: float
    reference_value: float
    relation: Relation
    verdict: Verdict


def _relation(direction: Direction) -> Relation:
    if direction is Direction.UP:
        return Relation.ABOVE
    if direction is Direction.DOWN:
        return Relation.BELOW
    return Relation.LEVEL


def compare(
    subject: PeriodKind,
    value: float | None,
    reference: Reference,
    reference_value: float | None,
    *,
    polarity: Polarity,
    level_margin: Margin = DEFAULT_LEVEL_MARGIN,
) -> Comparison | None:
    """Set ``value`` beside ``reference_value``; None when either is missing."""
    if value is None or reference_value is None:
        return None
    moved = direction_of(level_margin.sign(reference_value, value))
    relation = _relation(moved)
    return Comparison(
        subject, reference, value, reference_value, relation, verdict(moved, polarity)
    )


def benchmark_value(benchmarks: Benchmarks, reference: Reference) -> float | None:
    """The published figure ``reference`` names; None for a non-benchmark reference."""
    match reference:
        case Reference.PUBLISHED_LA:
            return benchmarks.published_la
        case Reference.STATISTICAL_NEIGHBOURS:
            return benchmarks.statistical_neighbours
        case Reference.REGION:
            return benchmarks.region
        case Reference.ENGLAND:
            return benchmarks.england
        case Reference.TARGET | Reference.ROLLING_12M:
            return None
        case _:
            assert_never(reference)
