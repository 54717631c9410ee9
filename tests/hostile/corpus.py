"""The whole hostile corpus: every reader's cases, and the reasons planted mistakes draw."""

from __future__ import annotations

from dataclasses import replace

from csc_scorecard.ingest.report import Reason
from hostile import corpus_csv, corpus_returns, corpus_settings
from hostile.case import Case

R = Reason
REASONS: dict[str, frozenset[Reason]] = {
    name: frozenset(reasons)
    for name, reasons in {
        "canonical-person-future_date": {R.FUTURE_DATE},
        "canonical-cin_episodes-future_date": {R.FUTURE_DATE},
        "canonical-person-older_than_25": {R.IMPLAUSIBLE_AGE},
        "canonical-person-impossible_date": {R.IMPOSSIBLE_DATE},
        "canonical-cin_episodes-impossible_date": {R.IMPOSSIBLE_DATE},
        "canonical-person-huge_date": {R.WRONG_TYPE},
        "canonical-cin_episodes-huge_date": {R.WRONG_TYPE},
        "canonical-person-end_before_start": {R.END_BEFORE_START},
        "canonical-cin_episodes-end_before_start": {R.END_BEFORE_START},
        "canonical-person-duplicate_key": {R.DUPLICATE_KEY},
        "canonical-cin_episodes-duplicate_key": {R.DUPLICATE_KEY},
        "canonical-person-unknown_code": {R.UNKNOWN_CODE},
        "canonical-orphan-child": {R.ORPHAN_CHILD},
        "canonical-negative-counts": {R.NEGATIVE_VALUE, R.WRONG_TYPE},
        "cin_census-future_referral": {R.FUTURE_DATE},
        "cin_census-older_than_25": {R.IMPLAUSIBLE_AGE},
        "cin_census-negative_count": {R.NEGATIVE_VALUE},
        "cin_census-end_before_start": {R.END_BEFORE_START},
        "cin_census-impossible_date": {R.IMPOSSIBLE_DATE},
        "cin_census-duplicate_child": {R.DUPLICATE_KEY},
        "ssda903-future_dob": {R.FUTURE_DATE},
        "ssda903-older_than_25": {R.IMPLAUSIBLE_AGE},
        "ssda903-unknown_code": {R.UNKNOWN_CODE},
        "annex_a-future_date": {R.FUTURE_DATE},
        "annex_a-older_than_25": {R.IMPLAUSIBLE_AGE},
    }.items()
}
"""Cases whose planted mistake has a reason of its own, which the report must give.

``canonical-cin_episodes-older_than_25`` is absent on purpose: its mutation puts a 1950 date in
the referral date, before the child's birth, which no rule reads as an age.
"""


def all_cases() -> list[Case]:
    """Every case, in a stable order, with the reasons it must draw; names are unique."""
    cases = [*corpus_csv.cases(), *corpus_returns.cases(), *corpus_settings.cases()]
    names = [c.name for c in cases]
    assert len(set(names)) == len(names), "case names must be unique"
    assert set(REASONS) <= set(names), "every expected reason belongs to a case"
    return [replace(c, reasons=REASONS.get(c.name, c.reasons)) for c in cases]
