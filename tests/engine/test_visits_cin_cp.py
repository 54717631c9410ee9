"""CIN and CP statutory visits and CP review conferences, worked by hand.

CIN visits (visit, child, due, done, team; E's is by the disabilities team: excluded):
  V1 A due 2024-03-31 done 2024-03-31 North: on time (due date inclusive)
  V2 A due 2024-03-15 done 2024-03-18 North: late
  V3 B due 2024-03-01 not done       South: late (counted in the month due)
  V4 C due 2024-04-01 done 2024-03-28 South: early, counted in April, on time
  V5 E due 2024-03-10 done 2024-03-05 South: disabilities team, excluded
  V6 D due 2024-02-29 done 2024-02-29 South: on time (leap day)
  Mar-24 V1 V2 V3 = 1/3 (North 1/2, South 0/1); Apr-24 1/1; quarter Jan-Mar 24 V6 V1 V2 V3 = 2/4.

CP plans: X 2024-03-01 (Fri) open, plan CP1; Y 2024-03-20 (Wed) open, plan CP2.
CP visits (visit, child, plan, due, done). Working days are start-exclusive; Good Friday
29 Mar, Easter Monday 1 Apr and the early May bank holiday 6 May 2024 are not working days.
  CV1 X CP1 due 03-15 done 03-22 (Fri): late; 15 working days from the plan start (boundary)
  CV2 X CP1 due 04-12 done 04-15 (Mon): late; 14 working days from CV1 across Easter
        (16 if bank holidays were counted)
  CV3 X CP1 due 05-03 not done: late; does not restart the clock
  CV4 X CP1 due 05-10 done 05-08 (Wed): on time; 16 working days from CV2 (6 May excluded)
  CV5 Y (no plan id: matched to CP2 by date) due 04-05 done 04-05: on time; 10 from plan start
  CV6 Y CP2 due 04-19 done 04-19: on time; 10 from CV5
  CV8 Z (no plan at all) due 04-10 done 04-10: on time; no clock start, so not within 15 days
  Within timescale, by month due: Mar-24 CV1 = 0/1; Apr-24 CV2 CV5 CV6 CV8 = 3/4;
    May-24 CV3 CV4 = 1/2.
  Within 15 working days, by month done: Mar-24 CV1 = 1/1; Apr-24 CV2 CV5 CV6 (CV8 no) = 3/4;
    May-24 CV4 = 0/1; quarter Apr-Jun 24 = 3/5.
  Visits done: Mar-24 1, Apr-24 4, May-24 1; quarter Jan-Mar 24 1, Apr-Jun 24 5.

CP reviews (review, child, plan, held). First review due 3 months after the initial
conference (the plan start when none is linked), later ones 6 months after the previous:
  Q plan CPR1 from 2023-11-30, ICPC 2023-11-30: RV1 2024-02-29 (due 29 Feb: on time),
        RV2 2024-08-30 (due 29 Aug: late)
  S plan CPR2 from 2024-01-15, no ICPC linked: RV3 (no plan id) 2024-04-16 (due 15 Apr: late),
        RV4 2024-10-16 (due 16 Oct: on time)
  U plan CPR3 from 2024-01-31, ICPC 2024-01-20: RV6 2024-04-25 (due 20 Apr, from the ICPC: late)
  T no plan: RV5 2024-05-10, out of scope
  Feb-24 1/1; Apr-24 RV3 RV6 0/2; May-24 none; Aug-24 0/1; Oct-24 1/1; 2023-24 1/1;
  Apr-Oct 24 RV3 RV6 RV2 RV4 = 1/4.
cp_seen_per_iro_pct is entered by hand: 43 of 50 forms in 2023-24.
"""

from __future__ import annotations

import pytest
from conftest import TinyStore, d

IDS = [
    "cin_visits_pct",
    "cp_visits_pct",
    "cp_visits_15wd_pct",
    "cp_visits_count",
    "cp_reviews_timescale_pct",
    "cp_seen_per_iro_pct",
]


def _date(text: str | None) -> object:
    return d(text) if text else None


@pytest.fixture
def visits(store: TinyStore) -> TinyStore:
    cin_visits = [
        ("V1", "A", "2024-03-31", "2024-03-31", "North", False),
        ("V2", "A", "2024-03-15", "2024-03-18", "North", False),
        ("V3", "B", "2024-03-01", None, "South", False),
        ("V4", "C", "2024-04-01", "2024-03-28", "South", False),
        ("V5", "E", "2024-03-10", "2024-03-05", "South", True),
        ("V6", "D", "2024-02-29", "2024-02-29", "South", False),
    ]
    store.add(
        "ssd_cin_visits",
        *(
            {
                "cinv_cin_visit_id": vid,
                "cinv_person_id": child,
                "cinv_cin_visit_due_date": d(due),
                "cinv_cin_visit_date": _date(done),
                "cinv_cin_visit_team": team,
                "cinv_child_with_disability_team": cwd,
            }
            for vid, child, due, done, team, cwd in cin_visits
        ),
    )
    plans = [
        ("CP1", "X", "2024-03-01", None),
        ("CP2", "Y", "2024-03-20", None),
        ("CPR1", "Q", "2023-11-30", "IC1"),
        ("CPR2", "S", "2024-01-15", None),
        ("CPR3", "U", "2024-01-31", "IC3"),
    ]
    store.add(
        "ssd_cp_plans",
        *(
            {
                "cppl_cp_plan_id": pid,
                "cppl_person_id": child,
                "cppl_cp_plan_start_date": d(start),
                "cppl_icpc_id": icpc,
                "cppl_cp_plan_team": "South",
            }
            for pid, child, start, icpc in plans
        ),
    )
    store.add(
        "ssd_initial_cp_conference",
        {"icpc_icpc_id": "IC1", "icpc_person_id": "Q", "icpc_icpc_date": d("2023-11-30")},
        {"icpc_icpc_id": "IC3", "icpc_person_id": "U", "icpc_icpc_date": d("2024-01-20")},
    )
    cp_visits = [
        ("CV1", "X", "CP1", "2024-03-15", "2024-03-22"),
        ("CV2", "X", "CP1", "2024-04-12", "2024-04-15"),
        ("CV3", "X", "CP1", "2024-05-03", None),
        ("CV4", "X", "CP1", "2024-05-10", "2024-05-08"),
        ("CV5", "Y", None, "2024-04-05", "2024-04-05"),
        ("CV6", "Y", "CP2", "2024-04-19", "2024-04-19"),
        ("CV8", "Z", None, "2024-04-10", "2024-04-10"),
    ]
    store.add(
        "ssd_cp_visits",
        *(
            {
                "cppv_cp_visit_id": vid,
                "cppv_person_id": child,
                "cppv_cp_plan_id": plan,
                "cppv_cp_visit_due_date": d(due),
                "cppv_cp_visit_date": _date(done),
                "cppv_cp_visit_team": "South",
            }
            for vid, child, plan, due, done in cp_visits
        ),
    )
    reviews = [
        ("RV1", "Q", "CPR1", "2024-02-29"),
        ("RV2", "Q", "CPR1", "2024-08-30"),
        ("RV3", "S", None, "2024-04-16"),
        ("RV4", "S", "CPR2", "2024-10-16"),
        ("RV5", "T", None, "2024-05-10"),
        ("RV6", "U", "CPR3", "2024-04-25"),
    ]
    store.add(
        "ssd_cp_reviews",
        *(
            {
                "cppr_cp_review_id": rid,
                "cppr_person_id": child,
                "cppr_cp_plan_id": plan,
                "cppr_cp_review_date": d(held),
            }
            for rid, child, plan, held in reviews
        ),
    )
    store.add(
        "csc_manual_measures",
        {
            "mm_indicator_id": "cp_seen_per_iro_pct",
            "mm_period_kind": "fy",
            "mm_period_end": d("2024-03-31"),
            "mm_numerator": 43,
            "mm_denominator": 50,
            "mm_value": 86.0,
        },
    )
    store.add(
        "ssd_department",
        {"dept_team_id": "T1", "dept_team_name": "North", "dept_team_parent_name": "Locality"},
        {"dept_team_id": "T2", "dept_team_name": "South", "dept_team_parent_name": "Locality"},
    )
    store.population(2023, 10_000)
    store.add("ssd_person", *({"pers_person_id": c} for c in "ABCDEXYZQSTU"))
    store.compute(IDS, "2023-04", "2024-10")
    return store


def test_cin_visits_within_timescale(visits: TinyStore) -> None:
    row = visits.row("cin_visits_pct", "month", "2024-03")
    assert (row["numerator"], row["denominator"]) == (1, 3)
    assert row["value"] == pytest.approx(100 / 3)
    north = visits.row("cin_visits_pct", "month", "2024-03", "team", "North")
    assert (north["numerator"], north["denominator"]) == (1, 2)
    south = visits.row("cin_visits_pct", "month", "2024-03", "team", "South")
    assert (south["numerator"], south["denominator"]) == (0, 1)
    assert visits.value("cin_visits_pct", "month", "2024-04") == 100.0
    assert visits.value("cin_visits_pct", "month", "2024-02") == 100.0
    row = visits.row("cin_visits_pct", "quarter", "2024-03")
    assert (row["numerator"], row["denominator"], row["value"]) == (2, 4, 50.0)
    assert visits.value("cin_visits_pct", "month", "2024-05") is None


def test_cp_visits_within_timescale(visits: TinyStore) -> None:
    row = visits.row("cp_visits_pct", "month", "2024-03")
    assert (row["numerator"], row["denominator"], row["value"]) == (0, 1, 0.0)
    row = visits.row("cp_visits_pct", "month", "2024-04")
    assert (row["numerator"], row["denominator"], row["value"]) == (3, 4, 75.0)
    row = visits.row("cp_visits_pct", "month", "2024-05")
    assert (row["numerator"], row["denominator"], row["value"]) == (1, 2, 50.0)


def test_cp_visits_within_15_working_days(visits: TinyStore) -> None:
    assert visits.value("cp_visits_15wd_pct", "month", "2024-03") == 100.0
    row = visits.row("cp_visits_15wd_pct", "month", "2024-04")
    assert (row["numerator"], row["denominator"], row["value"]) == (3, 4, 75.0)
    assert visits.value("cp_visits_15wd_pct", "month", "2024-05") == 0.0
    row = visits.row("cp_visits_15wd_pct", "quarter", "2024-06")
    assert (row["numerator"], row["denominator"], row["value"]) == (3, 5, 60.0)
    assert visits.value("cp_visits_15wd_pct", "month", "2024-07") is None


def test_cp_visits_done(visits: TinyStore) -> None:
    assert visits.value("cp_visits_count", "month", "2024-03") == 1
    assert visits.value("cp_visits_count", "month", "2024-04") == 4
    assert visits.value("cp_visits_count", "month", "2024-05") == 1
    assert visits.value("cp_visits_count", "quarter", "2024-03") == 1
    assert visits.value("cp_visits_count", "quarter", "2024-06") == 5
    assert visits.value("cp_visits_count", "month", "2024-07") == 0


def test_cp_reviews_within_timescale(visits: TinyStore) -> None:
    row = visits.row("cp_reviews_timescale_pct", "month", "2024-02")
    assert (row["numerator"], row["denominator"], row["value"]) == (1, 1, 100.0)
    row = visits.row("cp_reviews_timescale_pct", "month", "2024-04")
    assert (row["numerator"], row["denominator"], row["value"]) == (0, 2, 0.0)
    # T's review belongs to no plan: May has nothing in scope.
    assert visits.value("cp_reviews_timescale_pct", "month", "2024-05") is None
    assert visits.value("cp_reviews_timescale_pct", "month", "2024-08") == 0.0
    assert visits.value("cp_reviews_timescale_pct", "month", "2024-10") == 100.0
    assert visits.value("cp_reviews_timescale_pct", "fy", "2024-03") == 100.0
    row = visits.row("cp_reviews_timescale_pct", "ytd", "2024-10")
    assert (row["numerator"], row["denominator"], row["value"]) == (1, 4, 25.0)


def test_cp_seen_per_iro_is_entered_by_hand(visits: TinyStore) -> None:
    row = visits.row("cp_seen_per_iro_pct", "fy", "2024-03")
    assert (row["numerator"], row["denominator"], row["value"]) == (43, 50, 86.0)
