"""One step of a child's journey: what follows a referral, with every key date.

A referral is closed with no further action, or assessed; an assessment can run alongside a
section 47 enquiry, which can lead to an initial conference and a child protection plan; plans end
in a step-down to a child in need plan, a closure or a move into care; some children come into
care straight from the referral. The CIN episode opened by the referral stays open until the last
of these ends, so a child's next referral always follows the closure (a council may not open a
second referral while one is open).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from csc_scorecard.model.calendar import add_working_days_array
from csc_scorecard.synth.context import DAY, birthday, days, pick, when, years_between
from csc_scorecard.synth.profile import CouncilProfile

NFA_AT_REFERRAL = 0.07
CONFERENCE_MAKES_PLAN = 0.87
CP_ENDS_IN_CARE = 0.12
CP_STEPS_DOWN = 0.45
CIN_PLAN_AFTER_ASSESSMENT = 0.36
MONTH = 30.44


@dataclass(frozen=True)
class Step:
    """The key dates of one referral's episode; NaT marks a stage that did not happen."""

    child: np.ndarray
    referral: np.ndarray
    decision: np.ndarray
    assess_start: np.ndarray
    assess_auth: np.ndarray
    s47_start: np.ndarray
    s47_end: np.ndarray
    icpc: np.ndarray
    icpc_target: np.ndarray
    cp_start: np.ndarray
    cp_end: np.ndarray
    cin_start: np.ndarray
    cin_end: np.ndarray
    cla_start: np.ndarray
    cla_end: np.ndarray
    cla_exit: np.ndarray
    close: np.ndarray
    final: np.ndarray
    """The journey ends here (adopted, or left care as an adult)."""


def lognormal_days(
    rng: np.random.Generator, median_months: float, sigma: float, n: int
) -> np.ndarray:
    """Lengths in days, lognormal around a median given in months."""
    return days(np.exp(rng.normal(np.log(median_months * MONTH), sigma, n)) + 1)


def assessment_working_days(rng: np.random.Generator, on_time: float, n: int) -> np.ndarray:
    """Working days from start to authorisation: ``on_time`` of them within 45, a tail beyond."""
    within = np.rint(rng.triangular(0, 32, 45, n)).astype(np.int64)
    late = 46 + np.floor(rng.exponential(14, n)).astype(np.int64)
    return np.where(rng.random(n) < on_time, within, np.minimum(late, 160))


def conference_working_days(rng: np.random.Generator, on_time: float, n: int) -> np.ndarray:
    """Working days from the strategy discussion to the initial conference (target 15)."""
    within = rng.integers(6, 16, n)
    late = 16 + np.floor(rng.exponential(6, n)).astype(np.int64)
    return np.where(rng.random(n) < on_time, within, late)


def care_exit(rng: np.random.Generator, age: np.ndarray, uasc: np.ndarray) -> np.ndarray:
    """How a period of care will end, by age on entry (young children are adopted or get SGOs)."""
    n = age.size
    exits = np.empty(n, dtype="<U6")
    bands = [
        (
            age < 5,
            {"HOME": 0.22, "ADOPT": 0.36, "SGO": 0.22, "AGE18": 0.15, "OTHER": 0.05},
        ),
        (
            (age >= 5) & (age < 12),
            {"HOME": 0.38, "ADOPT": 0.03, "SGO": 0.24, "AGE18": 0.28, "OTHER": 0.07},
        ),
        ((age >= 12) & (age < 16), {"HOME": 0.44, "SGO": 0.04, "AGE18": 0.40, "OTHER": 0.12}),
        (age >= 16, {"HOME": 0.22, "AGE18": 0.63, "OTHER": 0.15}),
    ]
    for mask, weights in bands:
        exits[mask] = pick(rng, weights, int(mask.sum()))
    exits[uasc] = pick(rng, {"AGE18": 0.88, "OTHER": 0.12}, int(uasc.sum()))
    return exits


def care_end(
    rng: np.random.Generator, start: np.ndarray, dob: np.ndarray, exits: np.ndarray
) -> np.ndarray:
    """When each period of care ends, given how it ends; never after the 18th birthday."""
    n = start.size
    adult = birthday(dob, 18)
    length = {
        "HOME": days(rng.exponential(230, n) + 3),
        "ADOPT": days(rng.uniform(420, 1100, n)),
        "SGO": days(rng.uniform(300, 1200, n)),
        "OTHER": days(rng.exponential(420, n) + 7),
    }
    end = adult.copy()
    for kind, gap in length.items():
        end = np.where(exits == kind, start + gap, end)
    capped: np.ndarray = np.minimum(end, adult)
    return capped


def draw_step(
    rng: np.random.Generator,
    profile: CouncilProfile,
    *,
    child: np.ndarray,
    referral: np.ndarray,
    dob: np.ndarray,
    risk: np.ndarray,
    uasc: np.ndarray,
) -> Step:
    """Everything that follows one referral for each child in ``child``."""
    n = child.size
    age = years_between(dob, referral)
    nfa = (rng.random(n) < NFA_AT_REFERRAL) & ~uasc
    decision = add_working_days_array(referral, rng.choice([0, 1, 1, 1, 2, 3, 5], n))
    assessed = ~nfa
    assess_start = when(assessed, add_working_days_array(referral, rng.choice([0, 0, 1, 2, 3], n)))
    assess_auth = when(
        assessed,
        add_working_days_array(
            assess_start, assessment_working_days(rng, profile.assess_on_time, n)
        ),
    )
    s47 = assessed & ~uasc & (rng.random(n) < np.minimum(profile.s47_share * risk, 0.95))
    s47_start = when(s47, referral + days(rng.exponential(2, n)))
    conference = s47 & (rng.random(n) < np.minimum(profile.icpc_share * risk, 0.95))
    wd = conference_working_days(rng, profile.icpc_on_time, n)
    icpc = when(conference, add_working_days_array(s47_start, wd))
    icpc_target = when(conference, add_working_days_array(s47_start, np.full(n, 15)))
    s47_wd = np.where(conference, rng.integers(3, np.maximum(wd, 4)), rng.integers(5, 26, n))
    s47_end = when(s47, add_working_days_array(s47_start, s47_wd))

    plan = conference & (rng.random(n) < CONFERENCE_MAKES_PLAN)
    cp_start = when(plan, icpc)
    cp_end = when(plan, cp_start + lognormal_days(rng, profile.cp_months, 0.6, n))
    after_cp = rng.random(n)
    cp_to_care = plan & (after_cp < CP_ENDS_IN_CARE)
    step_down = plan & ~cp_to_care & (after_cp < CP_ENDS_IN_CARE + CP_STEPS_DOWN)

    entry_odds = np.select([age < 1, age >= 13], [2.4, 1.4], 0.8) * risk
    direct_care = assessed & ~plan & (rng.random(n) < profile.care_entry * entry_odds)
    care = direct_care | cp_to_care | uasc
    cla_start = np.where(cp_to_care, cp_end, referral + days(rng.exponential(8, n)))
    cla_start = when(care & (cla_start < birthday(dob, 18)), cla_start)
    care = ~np.isnat(cla_start)
    exits = np.where(care, care_exit(rng, years_between(dob, cla_start), uasc), "")
    cla_end = when(care, care_end(rng, cla_start, dob, exits))

    assessed_plan = assessed & ~conference & ~care & (rng.random(n) < CIN_PLAN_AFTER_ASSESSMENT)
    cin_start = np.where(step_down, cp_end, when(assessed_plan, assess_auth))
    cin_start = np.where(conference & ~plan & (rng.random(n) < 0.5), icpc, cin_start)
    cin_end = when(~np.isnat(cin_start), cin_start + lognormal_days(rng, 6.5, 0.55, n))

    last = np.stack([decision, assess_auth, s47_end, icpc, cp_end, cin_end, cla_end])
    close = np.where(np.isnat(last), np.datetime64("1900-01-01", "D"), last).max(axis=0)
    close = close + np.where(care, 0, 1) * days(rng.exponential(4, n))
    final = care & ((exits == "ADOPT") | (cla_end >= birthday(dob, 18) - 30 * DAY))
    return Step(
        child,
        referral,
        decision,
        assess_start,
        assess_auth,
        s47_start,
        s47_end,
        icpc,
        icpc_target,
        cp_start,
        cp_end,
        cin_start,
        cin_end,
        cla_start,
        cla_end,
        exits,
        close,
        final,
    )
