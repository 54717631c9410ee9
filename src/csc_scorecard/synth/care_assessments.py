"""Child and Family assessments of children looked after, by their children in care team.

Councils keep a looked-after child's assessment of need up to date (seed 001's CYIPG 1.8 practice
standard): the children in care teams of the Corporate Parenting service re-assess most children
about once a year of care, so most children looked after for 12 months or more have one authorised
in the last 12 months. These assessments run alongside care work and are less often on time than
the front door's (seed 000: about 24 a month at 60,000 children, about two thirds within 45
working days).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from csc_scorecard.model.calendar import add_working_days_array
from csc_scorecard.synth.care import Periods, period_teams
from csc_scorecard.synth.context import Council, days
from csc_scorecard.synth.pathway import assessment_working_days
from csc_scorecard.synth.people import People
from csc_scorecard.synth.schedule import recurring
from csc_scorecard.synth.teams import Teams

EVERY_DAYS = 350  # under a year, so a year of care nearly always holds one due date
DONE_SHARE = 0.8
ON_TIME = 0.7


def care_assessments_frame(
    council: Council, p: Periods, people: People, teams: Teams
) -> pl.DataFrame:
    """``ssd_cin_assessments`` rows for children in care, authorised around each year of care."""
    rng = council.rng("care.assessments")
    rows = np.flatnonzero(~p.short_break)
    owner, due = recurring(p.start[rows], p.end[rows], EVERY_DAYS, EVERY_DAYS)
    done = rng.random(owner.size) < DONE_SHARE
    owner, due = owner[done], due[done]
    period = rows[owner]
    auth = np.minimum(due + days(rng.uniform(-30, 15, owner.size)), p.end[period])
    start = add_working_days_array(auth, -assessment_working_days(rng, ON_TIME, owner.size))
    start = np.maximum(start, p.start[period])
    seen = np.minimum(add_working_days_array(start, rng.integers(0, 8, owner.size)), auth)
    return pl.DataFrame(
        {
            "cina_assessment_id": council.ids("AC", np.arange(owner.size)),
            "cina_person_id": council.ids("P", p.child[period]),
            "cina_referral_id": council.ids("R", p.referral[period]),
            "cina_assessment_start_date": start,
            "cina_assessment_child_seen": seen,
            "cina_assessment_auth_date": auth,
            "cina_assessment_outcome_nfa": np.zeros(owner.size, dtype=bool),
            "cina_assessment_team": period_teams(p, people, teams)[period],
        }
    )
