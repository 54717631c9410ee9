"""Sentences about where the figures stand: the rolling 6 months against the rolling 12 months
(seed 000's "6m rate has been lower than 12m rate, indicating progress in the right
direction"), and one compact clause against the target and every published benchmark.

The target and benchmark figures sit in the row beside the draft, so the clause names them
without repeating their values: "above target and above statistical neighbours, the region and
England".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

from csc_scorecard.assess.assessment import Assessment
from csc_scorecard.assess.comparisons import Comparison, Reference, Relation
from csc_scorecard.assess.direction import Verdict
from csc_scorecard.engine.periods import PeriodKind
from csc_scorecard.narrative.numbers import format_value
from csc_scorecard.narrative.phrases import capitalised, joined, noun, reference_name, subject

_RELATIONS = (Relation.ABOVE, Relation.BELOW, Relation.LEVEL)


def _relation_word(relation: Relation, reference: Reference) -> str:
    match relation:
        case Relation.ABOVE:
            return "above"
        case Relation.BELOW:
            return "below"
        case Relation.LEVEL:
            return "at" if reference is Reference.TARGET else "in line with"
        case _:
            assert_never(relation)


def _target(found: Sequence[Comparison]) -> Comparison | None:
    return next((c for c in found if c.reference is Reference.TARGET), None)


def _clause(a: Assessment, found: Sequence[Comparison]) -> str:
    """ "above target and above statistical neighbours and England", benchmarks grouped."""
    year = a.benchmarks.year if a.benchmarks else None
    target = _target(found)
    parts = (
        [] if target is None else [f"{_relation_word(target.relation, Reference.TARGET)} target"]
    )
    others = [c for c in found if c.reference is not Reference.TARGET]
    for relation in _RELATIONS:
        named = [reference_name(c.reference, year) for c in others if c.relation is relation]
        if named:
            parts.append(f"{_relation_word(relation, Reference.ENGLAND)} {joined(named)}")
    return joined(parts)


def standing_sentence(a: Assessment, kinds: Sequence[PeriodKind]) -> str | None:
    """The figures of ``kinds`` (the row's, headline first) against target and benchmarks.

    One sentence: both figures when they stand the same; else the first, with the second's
    position against the target added only where it differs (a 6-month figure meeting a
    target the 12-month figure misses is news; its place among benchmarks is not).
    """
    against = {
        k: [c for c in a.comparisons if c.subject is k and c.reference is not Reference.ROLLING_12M]
        for k in kinds
    }
    present = [k for k in kinds if against[k]]
    if not present:
        return None
    unit = a.indicator.unit
    first, *rest = present
    positions = [[(c.reference, c.relation) for c in against[k]] for k in present]
    if rest and all(p == positions[0] for p in positions):
        return f"Both rolling {noun(unit)}s are {_clause(a, against[first])}."
    text = capitalised(f"{subject(first, unit)} is {_clause(a, against[first])}")
    headline_target = _target(against[first])
    for kind in rest:
        target = _target(against[kind])
        if target and headline_target and target.relation is not headline_target.relation:
            relation = _relation_word(target.relation, Reference.TARGET)
            text += f"; {subject(kind, unit)} is {relation} target"
    return f"{text}."


def six_vs_twelve_sentence(a: Assessment, *, twelve_told: bool) -> str | None:
    """The rolling 6 months against the rolling 12 months, and whether recent months are better.

    Args:
        twelve_told: the draft has already given the rolling 12-month figure, so it is not
            repeated.
    """
    found = next((c for c in a.comparisons if c.reference is Reference.ROLLING_12M), None)
    if found is None:
        return None
    unit = a.indicator.unit
    six = f"{subject(PeriodKind.ROLLING_6M, unit)} of {format_value(found.value, unit)}"
    twelve = f"the 12-month {noun(unit)}"
    if not twelve_told:
        twelve += f" of {format_value(found.reference_value, unit)}"
    relation = _relation_word(found.relation, Reference.ROLLING_12M)
    text = capitalised(f"{six} is {relation} {twelve}")
    match found.verdict:
        case Verdict.IMPROVING:
            return f"{text}: recent months are better than the year as a whole."
        case Verdict.WORSENING:
            return f"{text}: recent months are worse than the year as a whole."
        case Verdict.NEUTRAL:
            return f"{text}."
        case _:
            assert_never(found.verdict)
