"""Sentences about where the figures stand: against the target, each published benchmark, and
the rolling 6 months against the rolling 12 months (seed 000's "6m rate has been lower than 12m
rate, indicating progress in the right direction")."""

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


def _clauses(a: Assessment, found: Sequence[Comparison]) -> list[str]:
    """ "above the target of 580.0", "above statistical neighbours (586.0) and England (518.0)"."""
    unit, year = a.indicator.unit, a.benchmarks.year if a.benchmarks else None
    clauses = [
        f"{_relation_word(c.relation, c.reference)} the target of "
        f"{format_value(c.reference_value, unit)}"
        for c in found
        if c.reference is Reference.TARGET
    ]
    others = [c for c in found if c.reference is not Reference.TARGET]
    for relation in _RELATIONS:
        named = [
            f"{reference_name(c.reference, year)} ({format_value(c.reference_value, unit)})"
            for c in others
            if c.relation is relation
        ]
        if named:
            clauses.append(f"{_relation_word(relation, Reference.ENGLAND)} {joined(named)}")
    return clauses


def standing_sentences(a: Assessment) -> list[str]:
    """Each subject figure against target and benchmarks; one sentence when they agree."""
    against = [c for c in a.comparisons if c.reference is not Reference.ROLLING_12M]
    subjects = list(dict.fromkeys(c.subject for c in against))
    if not subjects:
        return []
    positions = {
        k: [(c.reference, c.relation) for c in against if c.subject is k] for k in subjects
    }
    first = subjects[0]
    same = len(subjects) == 2 and positions[subjects[1]] == positions[first]
    if same:
        mine = [c for c in against if c.subject is first]
        return [f"Both rolling {noun(a.indicator.unit)}s are {joined(_clauses(a, mine))}."]
    sentences = []
    for kind in subjects:
        mine = [c for c in against if c.subject is kind]
        value = format_value(mine[0].value, a.indicator.unit)
        name = subject(kind, a.indicator.unit)
        sentences.append(capitalised(f"{name} of {value} is {joined(_clauses(a, mine))}."))
    return sentences


def six_vs_twelve_sentence(a: Assessment) -> str | None:
    """The rolling 6 months against the rolling 12 months, and whether recent months are better."""
    found = next((c for c in a.comparisons if c.reference is Reference.ROLLING_12M), None)
    if found is None:
        return None
    unit = a.indicator.unit
    six = f"{subject(PeriodKind.ROLLING_6M, unit)} ({format_value(found.value, unit)})"
    twelve = (
        f"{subject(PeriodKind.ROLLING_12M, unit)} ({format_value(found.reference_value, unit)})"
    )
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
