"""Assessments, section 47 enquiries and initial child protection conferences.

Ids carry the referral's step number, so a referral, its assessment, enquiry, conference and plan
share a number (``R0000045``, ``A0000045``, ``E0000045`` ...), which makes generated data easy to
follow by eye.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from csc_scorecard.model.calendar import add_working_days_array
from csc_scorecard.synth.context import DAY, Council, days, when
from csc_scorecard.synth.journey import Journeys
from csc_scorecard.synth.people import People
from csc_scorecard.synth.plans import plan_team
from csc_scorecard.synth.teams import Teams

# Child protection plans during which a new incident starts another enquiry (a few percent of
# enquiries), no sooner than two weeks into the plan.
S47_DURING_PLAN = 0.1
FIRST_INCIDENT_DAY = 14


def assessment_team(teams: Teams, people: People, child: np.ndarray) -> np.ndarray:
    """Disabled children are assessed by the disabled children's team, others by locality."""
    return np.where(
        people.disabled[child],
        teams.disability,
        teams.by_area(teams.assessment, people.area[child]),
    )


def assessments_frame(
    council: Council, journeys: Journeys, people: People, teams: Teams
) -> pl.DataFrame:
    """``ssd_cin_assessments``: child seen within days of the start, authorised later."""
    rng = council.rng("assessment")
    s = journeys.steps
    rows = np.flatnonzero(~np.isnat(s.assess_start))
    start, auth = s.assess_start[rows], s.assess_auth[rows]
    seen = add_working_days_array(start, rng.choice([0, 1, 2, 3, 4, 5, 7, 10, 14], rows.size))
    seen = when(rng.random(rows.size) < 0.97, np.minimum(seen, auth))
    nfa = np.isnat(s.icpc) & np.isnat(s.cin_start) & np.isnat(s.cla_start)
    return pl.DataFrame(
        {
            "cina_assessment_id": council.ids("A", rows),
            "cina_person_id": council.ids("P", s.child[rows]),
            "cina_referral_id": council.ids("R", rows),
            "cina_assessment_start_date": start,
            "cina_assessment_child_seen": seen,
            "cina_assessment_auth_date": auth,
            "cina_assessment_outcome_nfa": nfa[rows],
            "cina_assessment_team": assessment_team(teams, people, s.child[rows]),
        }
    )


def s47_frame(council: Council, journeys: Journeys, people: People, teams: Teams) -> pl.DataFrame:
    """``ssd_s47_enquiry``: enquiries end before the conference, or with no conference needed.

    A few children already on a child protection plan suffer a new incident: a fresh enquiry
    starts during the plan, is run by the team holding the plan, and needs no initial conference
    (the plan's review conference takes it up).
    """
    s = journeys.steps
    rows = np.flatnonzero(~np.isnat(s.s47_start))
    referral = pl.DataFrame(
        {
            "s47e_s47_enquiry_id": council.ids("E", rows),
            "s47e_referral_id": council.ids("R", rows),
            "s47e_person_id": council.ids("P", s.child[rows]),
            "s47e_s47_start_date": s.s47_start[rows],
            "s47e_s47_end_date": s.s47_end[rows],
            "s47e_s47_nfa": np.isnat(s.icpc[rows]),
            "s47e_s47_completed_by_team": assessment_team(teams, people, s.child[rows]),
        }
    )
    return pl.concat([referral, _s47_during_plans(council, journeys, people, teams)])


def _s47_during_plans(
    council: Council, journeys: Journeys, people: People, teams: Teams
) -> pl.DataFrame:
    rng = council.rng("assessment.s47_during_plan")
    s = journeys.steps
    plans = np.flatnonzero(~np.isnat(s.cp_start))
    length = ((s.cp_end[plans] - s.cp_start[plans]) / DAY).astype(np.int64)
    rows = plans[(rng.random(plans.size) < S47_DURING_PLAN) & (length > FIRST_INCIDENT_DAY + 1)]
    length = ((s.cp_end[rows] - s.cp_start[rows]) / DAY).astype(np.int64)
    start = s.cp_start[rows] + days(rng.uniform(FIRST_INCIDENT_DAY, length - 1))
    child = s.child[rows]
    return pl.DataFrame(
        {
            "s47e_s47_enquiry_id": council.ids("EP", rows),
            "s47e_referral_id": council.ids("R", rows),
            "s47e_person_id": council.ids("P", child),
            "s47e_s47_start_date": start,
            "s47e_s47_end_date": add_working_days_array(start, rng.integers(5, 26, rows.size)),
            "s47e_s47_nfa": np.ones(rows.size, dtype=bool),
            "s47e_s47_completed_by_team": plan_team(teams, people, child),
        }
    )


def conference_frame(
    council: Council, journeys: Journeys, people: People, teams: Teams
) -> pl.DataFrame:
    """``ssd_initial_cp_conference``: most conferences make a plan; a few are transfers in."""
    rng = council.rng("assessment.conference")
    s = journeys.steps
    rows = np.flatnonzero(~np.isnat(s.icpc))
    plan = ~np.isnat(s.cp_start[rows])
    return pl.DataFrame(
        {
            "icpc_icpc_id": council.ids("K", rows),
            "icpc_s47_enquiry_id": council.ids("E", rows),
            "icpc_person_id": council.ids("P", s.child[rows]),
            "icpc_cp_plan_id": council.ids("CPP", rows, present=plan),
            "icpc_referral_id": council.ids("R", rows),
            "icpc_icpc_transfer_in": rng.random(rows.size) < 0.02,
            "icpc_icpc_target_date": s.icpc_target[rows],
            "icpc_icpc_date": s.icpc[rows],
            "icpc_icpc_outcome_cp_flag": plan,
            "icpc_icpc_team": teams.by_area(teams.locality, people.area[s.child[rows]]),
        }
    )
