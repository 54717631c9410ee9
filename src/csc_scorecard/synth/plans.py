"""Child in need plans, child protection plans and their review conferences and visits.

Child protection reviews follow Working Together: the first within 3 months of the initial
conference, then at most every 6 months; the plan ends at a review deciding it should not continue.
Visits are every 4 weeks on a child in need plan (12 weeks for the disabled children's team) and
every 2 weeks on a child protection plan, common local standards.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from csc_scorecard.synth.context import Council, days, pick
from csc_scorecard.synth.journey import Journeys
from csc_scorecard.synth.people import People
from csc_scorecard.synth.schedule import performed, recurring, visits
from csc_scorecard.synth.teams import Teams

CATEGORIES = {"NEG": 0.50, "EMO": 0.36, "PHY": 0.07, "SAB": 0.04, "MUL": 0.03}
FIRST_REVIEW_DAYS = 91
REVIEW_EVERY_DAYS = 182
CIN_VISIT_DAYS, CWD_VISIT_DAYS, CP_VISIT_DAYS = 28, 84, 14
PREVIOUS_PLAN_ELSEWHERE = 0.03


def plan_team(teams: Teams, people: People, child: np.ndarray) -> np.ndarray:
    """Plans sit with the locality team, or the disabled children's team."""
    return np.where(
        people.disabled[child], teams.disability, teams.by_area(teams.locality, people.area[child])
    )


def cin_plans_frame(
    council: Council, journeys: Journeys, people: People, teams: Teams
) -> pl.DataFrame:
    """``ssd_cin_plans``, reviewed (updated) every three months or so."""
    rng = council.rng("plans.cin")
    s = journeys.steps
    rows = np.flatnonzero(~np.isnat(s.cin_start))
    start, end = s.cin_start[rows], s.cin_end[rows]
    latest = np.minimum(end, council.end_day)
    review = np.maximum(latest - days(rng.exponential(45, rows.size)), start)
    return pl.DataFrame(
        {
            "cinp_cin_plan_id": council.ids("CINP", rows),
            "cinp_referral_id": council.ids("R", rows),
            "cinp_person_id": council.ids("P", s.child[rows]),
            "cinp_cin_plan_start_date": start,
            "cinp_cin_plan_end_date": end,
            "cinp_cin_plan_team": plan_team(teams, people, s.child[rows]),
            "cinp_plan_review_date": review,
        }
    )


def cin_visits_frame(
    council: Council, journeys: Journeys, people: People, teams: Teams
) -> pl.DataFrame:
    """``ssd_cin_visits`` due along each child in need plan."""
    s = journeys.steps
    rows = np.flatnonzero(~np.isnat(s.cin_start))
    child = s.child[rows]
    cwd = people.disabled[child]
    every = np.where(cwd, CWD_VISIT_DAYS, CIN_VISIT_DAYS)
    v = visits(
        council.rng("plans.cin_visits"),
        council,
        s.cin_start[rows],
        s.cin_end[rows],
        people.dob[child],
        first=every,
        every=every,
    )
    return pl.DataFrame(
        {
            "cinv_cin_visit_id": council.ids("VN", np.arange(v.owner.size), width=8),
            "cinv_person_id": council.ids("P", child[v.owner]),
            "cinv_cin_visit_due_date": v.due,
            "cinv_cin_visit_date": v.done,
            "cinv_cin_visit_seen": v.seen,
            "cinv_cin_visit_seen_alone": v.alone,
            "cinv_cin_visit_team": plan_team(teams, people, child[v.owner]),
            "cinv_child_with_disability_team": cwd[v.owner],
        }
    )


def cp_plans_frame(
    council: Council, journeys: Journeys, people: People, teams: Teams, reviews: pl.DataFrame
) -> pl.DataFrame:
    """``ssd_cp_plans``, counting each child's earlier plans (a few were held in another LA)."""
    rng = council.rng("plans.cp")
    s = journeys.steps
    rows = np.flatnonzero(~np.isnat(s.cp_start))
    child, start = s.child[rows], s.cp_start[rows]
    order = np.lexsort((start, child))
    earlier = np.zeros(rows.size, dtype=np.int64)
    same = np.r_[False, child[order][1:] == child[order][:-1]]
    runs = np.cumsum(~same)
    earlier[order] = np.arange(rows.size) - np.searchsorted(runs, runs, side="left")
    earlier += rng.random(rows.size) < PREVIOUS_PLAN_ELSEWHERE
    initial = pick(rng, CATEGORIES, rows.size)
    latest = np.where(rng.random(rows.size) < 0.9, initial, pick(rng, CATEGORIES, rows.size))
    plans = pl.DataFrame(
        {
            "cppl_cp_plan_id": council.ids("CPP", rows),
            "cppl_referral_id": council.ids("R", rows),
            "cppl_icpc_id": council.ids("K", rows),
            "cppl_person_id": council.ids("P", child),
            "cppl_cp_plan_start_date": start,
            "cppl_cp_plan_end_date": s.cp_end[rows],
            "cppl_cp_plan_initial_category": initial,
            "cppl_cp_plan_latest_category": latest,
            "cppl_cp_plan_ola": rng.random(rows.size) < 0.01,
            "cppl_number_of_previous_cpp": earlier,
            "cppl_cp_plan_team": plan_team(teams, people, child),
        }
    )
    last_review = reviews.group_by("cppr_cp_plan_id").agg(
        cppl_plan_review_date=pl.col("cppr_cp_review_date")
        .filter(pl.col("cppr_cp_review_date") <= council.end)
        .max()
    )
    return plans.join(
        last_review, left_on="cppl_cp_plan_id", right_on="cppr_cp_plan_id", how="left"
    ).with_columns(pl.coalesce("cppl_plan_review_date", "cppl_cp_plan_start_date"))


def cp_reviews_frame(council: Council, journeys: Journeys) -> pl.DataFrame:
    """``ssd_cp_reviews``: at 3 months, then 6-monthly, and a final review ending the plan."""
    rng = council.rng("plans.cp_reviews")
    s = journeys.steps
    rows = np.flatnonzero(~np.isnat(s.cp_start))
    start, end = s.cp_start[rows], s.cp_end[rows]
    owner, due = recurring(
        start, end - days(np.full(rows.size, 1.0)), FIRST_REVIEW_DAYS, REVIEW_EVERY_DAYS
    )
    held = performed(rng, due, 0.92, start[owner])
    held = np.where(np.isnat(held), due, np.minimum(held, end[owner]))
    owner = np.concatenate([owner, np.arange(rows.size)])
    due = np.concatenate([due, end])
    held = np.concatenate([held, end])
    final = np.arange(owner.size) >= owner.size - rows.size
    return pl.DataFrame(
        {
            "cppr_cp_review_id": council.ids("CPR", np.arange(owner.size)),
            "cppr_person_id": council.ids("P", s.child[rows][owner]),
            "cppr_cp_plan_id": council.ids("CPP", rows[owner]),
            "cppr_cp_review_due": due,
            "cppr_cp_review_date": held,
            "cppr_cp_review_outcome_continue_cp": ~final,
            "cppr_cp_review_quorate": rng.random(owner.size) < 0.95,
        }
    )


def cp_visits_frame(
    council: Council, journeys: Journeys, people: People, teams: Teams
) -> pl.DataFrame:
    """``ssd_cp_visits`` due every two weeks along each child protection plan."""
    s = journeys.steps
    rows = np.flatnonzero(~np.isnat(s.cp_start))
    child = s.child[rows]
    v = visits(
        council.rng("plans.cp_visits"),
        council,
        s.cp_start[rows],
        s.cp_end[rows],
        people.dob[child],
        first=CP_VISIT_DAYS,
        every=CP_VISIT_DAYS,
    )
    return pl.DataFrame(
        {
            "cppv_cp_visit_id": council.ids("VP", np.arange(v.owner.size), width=8),
            "cppv_person_id": council.ids("P", child[v.owner]),
            "cppv_cp_plan_id": council.ids("CPP", rows[v.owner]),
            "cppv_cp_visit_due_date": v.due,
            "cppv_cp_visit_date": v.done,
            "cppv_cp_visit_seen": v.seen,
            "cppv_cp_visit_seen_alone": v.alone,
            "cppv_cp_visit_team": plan_team(teams, people, child[v.owner]),
        }
    )
