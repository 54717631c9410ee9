"""One declared indicator: what it measures, to which definition, and how the engine counts it.

An entry is data (``catalogue/*.toml``), parsed once into this frozen value. The engine never
branches on an indicator id: everything it needs is here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from csc_scorecard.engine.periods import PeriodKind


class Unit(StrEnum):
    """How the figure is expressed."""

    COUNT = "count"
    PERCENT = "percent"
    RATE_PER_10K = "rate_per_10k"
    AVERAGE = "average"


class Counting(StrEnum):
    """What one unit of the numerator and denominator is."""

    EVENT = "event"
    CHILD = "child"
    FAMILY = "family"
    STAFF = "staff"
    AUDIT = "audit"


class Polarity(StrEnum):
    """Which direction of change is good."""

    HIGH_GOOD = "high_good"
    LOW_GOOD = "low_good"
    NONE = "none"


class Shape(StrEnum):
    """How source rows meet periods.

    ``event``: each row has one date and counts in the month holding it; longer periods sum
    months. ``snapshot``: each row is an interval [start, end) counted at every month end it
    spans (end empty = still open), or, given a ``date`` instead, a row already stated as at a
    month end (e.g. one row per child per month end) counted at that month end only.
    ``manual``: the figure is entered by hand in ``csc_manual_measures``.
    """

    EVENT = "event"
    SNAPSHOT = "snapshot"
    MANUAL = "manual"


class Aggregate(StrEnum):
    """How a unit's ``value`` combines within a period (for ``average`` and summed measures)."""

    SUM = "sum"
    MAX = "max"


@dataclass(frozen=True)
class Indicator:
    """A catalogue entry.

    Attributes:
        id: the id from the seed indicator list (``seed-indicators.csv``).
        title: as printed in reports.
        definition: the rule in words an analyst can check against the source.
        source: the DfE/Ofsted document (or local definition) the rule comes from.
        decisions: conventions chosen where the guidance is silent, and why.
        unit: count, percent, rate per 10,000 children aged 0-17, or average.
        counting: events, children, families, staff or audits.
        polarity: which direction is good.
        periods: period kinds the indicator is computed for.
        shape: how rows meet periods.
        local_codes: the council's own labels for the measure (e.g. ``CSC 022``).
        domain: the service area, for grouping in reports.
        from_: the source view (``engine/sources/<name>.sql``) rows come from.
        date: event date column (``event`` shape), or the month end a ``snapshot`` row is as at.
        start: interval start column (``snapshot`` shape).
        end: interval end column (``snapshot`` shape).
        where: SQL condition: which source rows are in scope (the denominator of a percent,
            the count of a count or rate). May use ``month_end`` in ``snapshot`` shape.
        numerator: SQL condition within ``where`` (percent only).
        unit_key: column identifying one counted unit: the event id, ``person_id`` for children,
            ``family_id`` for families. Distinct units are counted across a period.
        value: SQL expression summed (``average``) or aggregated over units.
        weight: SQL expression a row adds to the denominator instead of 1 (events only), e.g.
            filled posts, for a percentage of sums such as agency workers among filled posts.
        numerator_weight: what a row adds to the numerator instead of 1 (events only).
        aggregate: how ``value`` combines.
        breakdowns: dimensions the figure is also broken down by (source columns).
    """

    id: str
    title: str
    definition: str
    source: str
    unit: Unit
    counting: Counting
    polarity: Polarity
    periods: tuple[PeriodKind, ...]
    shape: Shape
    domain: str
    decisions: str = ""
    local_codes: tuple[str, ...] = ()
    from_: str | None = None
    date: str | None = None
    start: str | None = None
    end: str | None = None
    where: str | None = None
    numerator: str | None = None
    unit_key: str | None = None
    value: str | None = None
    weight: str | None = None
    numerator_weight: str | None = None
    aggregate: Aggregate = Aggregate.SUM
    breakdowns: tuple[str, ...] = ()

    @property
    def counts_distinct_units(self) -> bool:
        """True when a unit can appear in several months of a period and must count once."""
        return self.shape is Shape.SNAPSHOT or self.counting is not Counting.EVENT
