"""The front door: contacts (``ssd_contacts``) and referrals (``ssd_cin_episodes``).

Every referral starts from a contact; many more contacts end in advice, early help or no further
action, some about children never referred (the contact-only cohort drawn here).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from csc_scorecard.synth.context import (
    DAYS_PER_YEAR,
    Council,
    birthday,
    days,
    pick,
    seasonal_dates,
    span_days,
)
from csc_scorecard.synth.journey import Journeys
from csc_scorecard.synth.people import People
from csc_scorecard.synth.teams import Teams

SOURCES = {
    "6": 29, "2A": 19, "2B": 1, "3A": 2, "3B": 2, "3C": 1, "3D": 2, "3E": 3, "3F": 4, "5A": 4,
    "5B": 3, "5C": 2, "5D": 3, "1A": 5, "1B": 1, "1C": 1, "1D": 1, "4": 2, "7": 2, "8": 5,
    "9": 1, "10": 1,
}  # fmt: skip
NEEDS = {"N1": 45, "N4": 12, "N5": 17, "N3": 5, "N6": 3, "N7": 1, "N8": 3, "N9": 8, "N0": 6}
OTHER_OUTCOMES = {"EH": 0.3, "NFA": 0.35, "INFO": 0.35}
# Contacts that do not become referrals, per referral: about half about children never referred.
CONTACT_ONLY_PER_REFERRAL = 1.0
REPEAT_CONTACTS_PER_REFERRAL = 0.5
TRANSFER_IN_SHARE = 0.02


def contact_only_children(council: Council) -> tuple[np.ndarray, np.ndarray]:
    """Dates of birth and contact dates of children known only through a contact."""
    rng = council.rng("front_door.cohort")
    years = span_days(council.sim_start, council.end_day) / DAYS_PER_YEAR
    n = rng.poisson(
        council.profile.referral_rate * CONTACT_ONLY_PER_REFERRAL * council.children * years
    )
    contact = seasonal_dates(rng, n, council.sim_start, council.end_day)
    return contact - days(rng.uniform(0, 18, n) * DAYS_PER_YEAR), contact


def contacts_frame(
    council: Council, journeys: Journeys, people: People, only_base: int, only_dates: np.ndarray
) -> pl.DataFrame:
    """``ssd_contacts``: a contact before each referral, repeat contacts, contact-only children."""
    rng = council.rng("front_door.contacts")
    steps = journeys.steps
    referred = steps.referral - days(rng.choice([0, 0, 0, 0, 1, 2], steps.child.size))
    referred = np.maximum(referred, people.dob[steps.child])
    repeat = rng.choice(steps.child.size, int(steps.child.size * REPEAT_CONTACTS_PER_REFERRAL))
    repeat_child = steps.child[repeat]
    repeat_date = steps.referral[repeat] + days(rng.uniform(60, 700, repeat.size))
    keep = repeat_date < birthday(people.dob[repeat_child], 18)
    person = np.concatenate(
        [steps.child, repeat_child[keep], only_base + np.arange(only_dates.size)]
    )
    date = np.concatenate([referred, repeat_date[keep], only_dates])
    others = person.size - steps.child.size
    outcome = np.concatenate([np.full(steps.child.size, "REF"), pick(rng, OTHER_OUTCOMES, others)])
    order = np.lexsort((person, date))
    return pl.DataFrame(
        {
            "cont_contact_id": council.ids("C", np.arange(person.size), width=8),
            "cont_person_id": council.ids("P", person[order]),
            "cont_contact_date": date[order],
            "cont_contact_source_code": pick(rng, SOURCES, person.size),
            "cont_contact_outcome_code": outcome[order],
        }
    )


def referral_frame(
    council: Council, journeys: Journeys, people: People, teams: Teams
) -> pl.DataFrame:
    """``ssd_cin_episodes``: one row per referral, closed when the last service ended."""
    rng = council.rng("front_door.referrals")
    s = journeys.steps
    n = s.child.size
    need = pick(rng, NEEDS, n)
    need = np.where(~np.isnat(s.s47_start) & (rng.random(n) < 0.85), "N1", need)
    need = np.where(people.disabled[s.child], "N2", need)
    need = np.where(people.uasc[s.child], "N8", need)
    nfa = np.isnat(s.assess_start)
    assessed_only = np.isnat(s.icpc) & np.isnat(s.cin_start) & np.isnat(s.cla_start) & ~nfa
    reason = np.select(
        [nfa, s.cla_exit == "ADOPT", s.cla_exit == "SGO", s.cla_exit == "AGE18", assessed_only],
        [
            "RC7",
            "RC1",
            "RC4",
            pick(rng, {"RC6": 0.1, "RC7": 0.9}, n),
            pick(rng, {"RC8": 0.7, "RC9": 0.3}, n),
        ],
        pick(rng, {"RC7": 0.85, "RC3": 0.05, "RC5": 0.10}, n),
    )
    return pl.DataFrame(
        {
            "cine_referral_id": council.ids("R", np.arange(n)),
            "cine_person_id": council.ids("P", s.child),
            "cine_referral_date": s.referral,
            "cine_cin_primary_need_code": need,
            "cine_referral_source_code": pick(rng, SOURCES, n),
            "cine_referral_nfa": nfa,
            "cine_referral_decision_date": s.decision,
            "cine_close_reason": reason,
            "cine_close_date": s.close,
            "cine_referral_team": np.full(n, teams.front_door),
            "cine_transfer_in": rng.random(n) < TRANSFER_IN_SHARE,
        }
    )
