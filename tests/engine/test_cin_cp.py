"""Children in need and child protection plan indicators, worked by hand.

CIN episodes (child, referral, referral date, closure date):
  A R1 2024-01-10 closed 2024-03-31: a closure on the month end is not open at it
  B R2 2024-03-31 open: a referral on the month end is open at it
  C R3 2024-02-01 NFA, no closure date: never counted
  D R4 2023-12-01 closed 2024-04-01; D R5 2024-03-15 open (overlapping: D counts once)
  E R6 2024-02-15 closed 2024-03-01
  Open at: Jan-24 A D = 2; Feb-24 A D E = 3; Mar-24 B D = 2; Apr-24 B D = 2.
Population aged 0-17: mid-2023 10,000 (reporting year 2023-24); mid-2024 20,000 (2024-25).

CIN plans (plan, child, start, end, team, last review; E is in the disabilities cohort: a CIN
visit due 2024-01-10 during its plan was the disabilities team's):
  P1 A 2024-01-31 .. 2024-03-31 North, reviewed 2024-02-20
  P2 B 2024-02-01 .. open       South
  P3 C 2023-10-31 .. 2024-02-01 South
  P4 A 2024-03-31 .. open       North
  P5 D 2024-01-05 .. 2024-01-20 South
  P6 E 2023-12-01 .. 2024-03-10 South (CWD)
  P7 F 2023-09-01 .. open       North, reviewed 2024-05-15
  Open at: Dec-23 C E F = 3; Jan-24 A C E F = 4; Feb-24 A B E F = 4; Mar-24 A B F = 3
  (North A F, South B); May-24 A B F = 3.
  Started: Jan-24 A D = 2; quarter Jan-Mar 24 A (twice) D B = 3 children; 2023-24 F C E A D B = 6.
  Ended: Jan-24 D; Feb-24 C; Mar-24 A E = 2; quarter Jan-Mar 24 D C A E = 4.
  Up to date (excl. E): started, or reviewed on or before M, within 3 months up to M:
    Dec-23 (from 30 Sep): C yes, F no (its review is after M) = 1/2
    Jan-24 (from 31 Oct): A yes, C yes (started 31 Oct: boundary), F no = 2/3
    May-24 (from 29 Feb): A yes (31 Mar), B no (1 Feb, never reviewed),
                          F yes (reviewed 15 May) = 2/3
    Jul-24 (from 30 Apr): A no, B no, F yes = 1/3

CP plans (plan, child, start, end, team, NumberOfPreviousCPP, last update):
  C1  G 2021-06-01 .. 2023-05-31 North   (lasted 1 day short of 2 years)
  C2  G 2024-05-31 .. open       North   previous ended 2023-05-31: repeat, within 2 years
  C3  H 2022-01-10 .. 2024-01-10 South   (exactly 2 years: 2 years or more)
  C4  I 2024-02-28 .. open       South   previous=1 (elsewhere): repeat ever, not within 2y;
                                          updated 2024-07-20
  C5  J 2021-03-01 .. 2022-02-28 South
  C6  J 2024-02-29 .. open       South   2 years back from 29 Feb is 28 Feb 2022 = C5's end:
                                          within 2 years (boundary)
  C7  K 2020-06-01 .. 2022-03-15 South
  C8  K 2024-03-16 .. open       South   2 years back is 16 Mar 2022, C7 ended the day before:
                                          repeat ever, NOT within 2 years; updated 2024-06-10
  C9  L 2022-03-31 .. open       North   updated 2023-09-29
  C10 M 2024-03-05 .. 2024-03-20 South   first plan
Starts: Feb-24 I J: ever 2/2, 2y 1/2. Mar-24 K M: ever 1/2, 2y 0/2. May-24 G: 1/1, 1/1.
  Quarter Jan-Mar 24: I J K M: ever 3/4, 2y 1/4.
Ends: May-23 G (not 2y+); Jan-24 H (2y+); Mar-24 M; 2023-24: G H M, 2y+ 1/3.
Open at: Dec-23 H L = 2; Feb-24 L I J = 3 (J started on the month end); Mar-24 L I J K = 4
  (North L, South I J K) over 10,000 = 4.0; May-24 L I J K G = 5 over mid-2024's 20,000 = 2.5.
Open 2 years or more: Feb-24 (start <= 28 Feb 2022) none; Mar-24 (<= 31 Mar 2022) L.
Up to date (started within 3 months, or updated after the start within 6 months, to M):
  Mar-24 (3m from 31 Dec, 6m from 30 Sep): L no (updated 29 Sep), I J K yes = 3/4
  May-24 (3m from 29 Feb, 6m from 30 Nov): L no, I no (28 Feb), J yes (29 Feb), K yes, G yes = 3/5
  Jun-24 (3m from 30 Mar, 6m from 30 Dec): L no, I no (its update is after M), J no,
          K yes (updated 10 Jun), G yes = 2/5
  Jul-24 (3m from 30 Apr, 6m from 31 Jan): L no, I yes (20 Jul), J no, K yes, G yes = 3/5
Allocations (role SW unless said): W1 registered; W2 no registration; W3 blank registration;
  W4 registered but allocated as IRO.
  L: W1 2022-03-31 .. 2024-03-31, then W2 2024-03-31 .. open
  I: W1 2024-03-01 .. open;  J: W3 2024-02-29 .. open and W4 (IRO) 2024-02-29 .. open
  K: W1 2024-01-01 .. open (before the plan started)
  Feb-24: L yes, I no, J no = 1/3. Mar-24: L no (W1 ended on the month end), I yes, J no,
  K yes = 2/4 (North 0/1, South 2/3).
"""

from __future__ import annotations

import pytest
from conftest import TinyStore, d

CIN_IDS = [
    "cin_rate_per_10k",
    "cin_plans_count",
    "cin_plans_started_count",
    "cin_plans_ended_count",
    "cin_up_to_date_plan_pct",
]
CP_IDS = [
    "cp_rate_per_10k",
    "cp_count",
    "cp_starts_count",
    "cp_ends_count",
    "cp_repeat_ever_pct",
    "cp_repeat_within_2y_pct",
    "cp_ceased_2y_plus_pct",
    "cp_open_over_2y_count",
    "cp_allocated_qualified_sw_pct",
    "cp_up_to_date_plan_pct",
]


def _teams(store: TinyStore) -> None:
    store.add(
        "ssd_department",
        {"dept_team_id": "T1", "dept_team_name": "North", "dept_team_parent_name": "Locality"},
        {"dept_team_id": "T2", "dept_team_name": "South", "dept_team_parent_name": "Locality"},
    )
    store.population(2023, 10_000).population(2024, 20_000)


@pytest.fixture
def cin(store: TinyStore) -> TinyStore:
    episodes = [
        ("A", "R1", "2024-01-10", "2024-03-31", False),
        ("B", "R2", "2024-03-31", None, False),
        ("C", "R3", "2024-02-01", None, True),
        ("D", "R4", "2023-12-01", "2024-04-01", False),
        ("D", "R5", "2024-03-15", None, False),
        ("E", "R6", "2024-02-15", "2024-03-01", False),
    ]
    store.add(
        "ssd_cin_episodes",
        *(
            {
                "cine_person_id": child,
                "cine_referral_id": rid,
                "cine_referral_date": d(start),
                "cine_close_date": d(closed) if closed else None,
                "cine_referral_nfa": nfa,
            }
            for child, rid, start, closed, nfa in episodes
        ),
    )
    plans = [
        ("P1", "A", "2024-01-31", "2024-03-31", "North", "2024-02-20"),
        ("P2", "B", "2024-02-01", None, "South", None),
        ("P3", "C", "2023-10-31", "2024-02-01", "South", None),
        ("P4", "A", "2024-03-31", None, "North", None),
        ("P5", "D", "2024-01-05", "2024-01-20", "South", None),
        ("P6", "E", "2023-12-01", "2024-03-10", "South", None),
        ("P7", "F", "2023-09-01", None, "North", "2024-05-15"),
    ]
    store.add(
        "ssd_cin_plans",
        *(
            {
                "cinp_cin_plan_id": pid,
                "cinp_person_id": child,
                "cinp_cin_plan_start_date": d(start),
                "cinp_cin_plan_end_date": d(end) if end else None,
                "cinp_cin_plan_team": team,
                "cinp_plan_review_date": d(review) if review else None,
            }
            for pid, child, start, end, team, review in plans
        ),
    )
    store.add(
        "ssd_cin_visits",
        {
            "cinv_cin_visit_id": "V1",
            "cinv_person_id": "E",
            "cinv_cin_visit_due_date": d("2024-01-10"),
            "cinv_cin_visit_date": d("2024-01-10"),
            "cinv_child_with_disability_team": True,
        },
    )
    _teams(store)
    store.add("ssd_person", *({"pers_person_id": c} for c in "ABCDEF"))
    store.compute(CIN_IDS, "2023-04", "2024-07")
    return store


def test_children_in_need_rate(cin: TinyStore) -> None:
    # Jan-24: A D over mid-2023's 10,000; the NFA referral of C never counts.
    row = cin.row("cin_rate_per_10k", "snapshot", "2024-01")
    assert (row["numerator"], row["denominator"], row["value"]) == (2, 10_000, 2.0)
    assert cin.value("cin_rate_per_10k", "snapshot", "2024-02") == 3.0
    # 31 Mar: A closed that day (out), B referred that day (in), D once for two episodes.
    row = cin.row("cin_rate_per_10k", "snapshot", "2024-03")
    assert (row["numerator"], row["value"]) == (2, 2.0)
    # Apr-24 is in 2024-25: mid-2024's 20,000, not annualised.
    row = cin.row("cin_rate_per_10k", "snapshot", "2024-04")
    assert (row["numerator"], row["denominator"], row["value"]) == (2, 20_000, 1.0)
    assert cin.value("cin_rate_per_10k", "snapshot", "2023-11") == 0.0


def test_cin_plans_open_started_ended(cin: TinyStore) -> None:
    assert cin.value("cin_plans_count", "snapshot", "2023-12") == 3
    assert cin.value("cin_plans_count", "snapshot", "2024-01") == 4
    assert cin.value("cin_plans_count", "snapshot", "2024-02") == 4
    # 31 Mar: P1 ends and P4 starts that day; A counts once, E's plan ended 10 Mar.
    assert cin.value("cin_plans_count", "snapshot", "2024-03") == 3
    assert cin.row("cin_plans_count", "snapshot", "2024-03", "team", "North")["value"] == 2
    assert cin.row("cin_plans_count", "snapshot", "2024-03", "team", "South")["value"] == 1
    assert cin.value("cin_plans_started_count", "month", "2024-01") == 2
    # A started two plans in the quarter: counted once.
    assert cin.value("cin_plans_started_count", "quarter", "2024-03") == 3
    assert cin.value("cin_plans_started_count", "fy", "2024-03") == 6
    assert cin.value("cin_plans_started_count", "month", "2024-04") == 0
    assert cin.value("cin_plans_ended_count", "month", "2024-01") == 1
    assert cin.value("cin_plans_ended_count", "month", "2024-02") == 1
    assert cin.value("cin_plans_ended_count", "month", "2024-03") == 2
    assert cin.value("cin_plans_ended_count", "quarter", "2024-03") == 4
    assert cin.value("cin_plans_ended_count", "month", "2024-05") == 0


def test_cin_up_to_date_plans(cin: TinyStore) -> None:
    row = cin.row("cin_up_to_date_plan_pct", "snapshot", "2023-12")
    assert (row["numerator"], row["denominator"], row["value"]) == (1, 2, 50.0)
    row = cin.row("cin_up_to_date_plan_pct", "snapshot", "2024-01")
    assert (row["numerator"], row["denominator"]) == (2, 3)
    assert row["value"] == pytest.approx(100 * 2 / 3)
    row = cin.row("cin_up_to_date_plan_pct", "snapshot", "2024-05")
    assert (row["numerator"], row["denominator"]) == (2, 3)
    row = cin.row("cin_up_to_date_plan_pct", "snapshot", "2024-07")
    assert (row["numerator"], row["denominator"]) == (1, 3)
    # Before any plan: no denominator, no figure.
    assert cin.value("cin_up_to_date_plan_pct", "snapshot", "2023-05") is None


@pytest.fixture
def cp(store: TinyStore) -> TinyStore:
    plans = [
        ("C1", "G", "2021-06-01", "2023-05-31", "North", None, None),
        ("C2", "G", "2024-05-31", None, "North", None, None),
        ("C3", "H", "2022-01-10", "2024-01-10", "South", None, None),
        ("C4", "I", "2024-02-28", None, "South", 1, "2024-07-20"),
        ("C5", "J", "2021-03-01", "2022-02-28", "South", None, None),
        ("C6", "J", "2024-02-29", None, "South", None, None),
        ("C7", "K", "2020-06-01", "2022-03-15", "South", None, None),
        ("C8", "K", "2024-03-16", None, "South", None, "2024-06-10"),
        ("C9", "L", "2022-03-31", None, "North", None, "2023-09-29"),
        ("C10", "M", "2024-03-05", "2024-03-20", "South", 0, None),
    ]
    store.add(
        "ssd_cp_plans",
        *(
            {
                "cppl_cp_plan_id": pid,
                "cppl_person_id": child,
                "cppl_cp_plan_start_date": d(start),
                "cppl_cp_plan_end_date": d(end) if end else None,
                "cppl_cp_plan_team": team,
                "cppl_number_of_previous_cpp": previous,
                "cppl_plan_review_date": d(updated) if updated else None,
            }
            for pid, child, start, end, team, previous, updated in plans
        ),
    )
    store.add(
        "ssd_professionals",
        {"prof_professional_id": "W1", "prof_social_worker_registration_no": "SW100"},
        {"prof_professional_id": "W2"},
        {"prof_professional_id": "W3", "prof_social_worker_registration_no": "  "},
        {"prof_professional_id": "W4", "prof_social_worker_registration_no": "SW400"},
    )
    allocations = [
        ("I1", "L", "W1", "SW", "2022-03-31", "2024-03-31"),
        ("I2", "L", "W2", "SW", "2024-03-31", None),
        ("I3", "I", "W1", "SW", "2024-03-01", None),
        ("I4", "J", "W3", "SW", "2024-02-29", None),
        ("I5", "J", "W4", "IRO", "2024-02-29", None),
        ("I6", "K", "W1", "SW", "2024-01-01", None),
    ]
    store.add(
        "ssd_involvements",
        *(
            {
                "invo_involvements_id": iid,
                "invo_person_id": child,
                "invo_professional_id": worker,
                "invo_professional_role_id": role,
                "invo_involvement_start_date": d(start),
                "invo_involvement_end_date": d(end) if end else None,
            }
            for iid, child, worker, role, start, end in allocations
        ),
    )
    _teams(store)
    store.add("ssd_person", *({"pers_person_id": c} for c in "GHIJKLM"))
    store.compute(CP_IDS, "2023-04", "2024-07")
    return store


def test_cp_open_plans(cp: TinyStore) -> None:
    assert cp.value("cp_count", "snapshot", "2023-12") == 2
    assert cp.value("cp_count", "snapshot", "2024-02") == 3
    assert cp.value("cp_count", "snapshot", "2024-03") == 4
    assert cp.row("cp_count", "snapshot", "2024-03", "team", "North")["value"] == 1
    assert cp.row("cp_count", "snapshot", "2024-03", "team", "South")["value"] == 3
    row = cp.row("cp_rate_per_10k", "snapshot", "2024-03")
    assert (row["numerator"], row["denominator"], row["value"]) == (4, 10_000, 4.0)
    row = cp.row("cp_rate_per_10k", "snapshot", "2024-05")
    assert (row["numerator"], row["denominator"], row["value"]) == (5, 20_000, 2.5)
    assert cp.value("cp_open_over_2y_count", "snapshot", "2024-02") == 0
    assert cp.value("cp_open_over_2y_count", "snapshot", "2024-03") == 1
    assert cp.value("cp_open_over_2y_count", "snapshot", "2023-12") == 0


def test_cp_starts_and_repeats(cp: TinyStore) -> None:
    assert cp.value("cp_starts_count", "month", "2024-02") == 2
    assert cp.value("cp_starts_count", "quarter", "2024-03") == 4
    assert cp.value("cp_starts_count", "fy", "2024-03") == 4
    assert cp.value("cp_starts_count", "ytd", "2024-05") == 1
    row = cp.row("cp_repeat_ever_pct", "month", "2024-02")
    assert (row["numerator"], row["denominator"], row["value"]) == (2, 2, 100.0)
    row = cp.row("cp_repeat_within_2y_pct", "month", "2024-02")
    assert (row["numerator"], row["denominator"], row["value"]) == (1, 2, 50.0)
    assert cp.value("cp_repeat_ever_pct", "month", "2024-03") == 50.0
    assert cp.value("cp_repeat_within_2y_pct", "month", "2024-03") == 0.0
    row = cp.row("cp_repeat_ever_pct", "quarter", "2024-03")
    assert (row["numerator"], row["denominator"], row["value"]) == (3, 4, 75.0)
    row = cp.row("cp_repeat_within_2y_pct", "quarter", "2024-03")
    assert (row["numerator"], row["denominator"], row["value"]) == (1, 4, 25.0)
    assert cp.value("cp_repeat_within_2y_pct", "month", "2024-05") == 100.0
    assert cp.value("cp_repeat_ever_pct", "month", "2024-04") is None


def test_cp_ends_and_plans_lasting_2_years(cp: TinyStore) -> None:
    assert cp.value("cp_ends_count", "month", "2023-05") == 1
    assert cp.value("cp_ceased_2y_plus_pct", "month", "2023-05") == 0.0
    assert cp.value("cp_ceased_2y_plus_pct", "month", "2024-01") == 100.0
    row = cp.row("cp_ceased_2y_plus_pct", "fy", "2024-03")
    assert (row["numerator"], row["denominator"]) == (1, 3)
    assert row["value"] == pytest.approx(100 / 3)
    assert cp.value("cp_ends_count", "fy", "2024-03") == 3
    assert cp.value("cp_ends_count", "month", "2024-04") == 0
    assert cp.value("cp_ceased_2y_plus_pct", "month", "2024-04") is None


def test_cp_up_to_date_plans(cp: TinyStore) -> None:
    row = cp.row("cp_up_to_date_plan_pct", "snapshot", "2024-03")
    assert (row["numerator"], row["denominator"], row["value"]) == (3, 4, 75.0)
    row = cp.row("cp_up_to_date_plan_pct", "snapshot", "2024-05")
    assert (row["numerator"], row["denominator"], row["value"]) == (3, 5, 60.0)
    row = cp.row("cp_up_to_date_plan_pct", "snapshot", "2024-06")
    assert (row["numerator"], row["denominator"], row["value"]) == (2, 5, 40.0)
    row = cp.row("cp_up_to_date_plan_pct", "snapshot", "2024-07")
    assert (row["numerator"], row["denominator"], row["value"]) == (3, 5, 60.0)


def test_cp_allocated_qualified_social_worker(cp: TinyStore) -> None:
    row = cp.row("cp_allocated_qualified_sw_pct", "snapshot", "2024-02")
    assert (row["numerator"], row["denominator"]) == (1, 3)
    assert row["value"] == pytest.approx(100 / 3)
    row = cp.row("cp_allocated_qualified_sw_pct", "snapshot", "2024-03")
    assert (row["numerator"], row["denominator"], row["value"]) == (2, 4, 50.0)
    north = cp.row("cp_allocated_qualified_sw_pct", "snapshot", "2024-03", "team", "North")
    assert (north["numerator"], north["denominator"]) == (0, 1)
    south = cp.row("cp_allocated_qualified_sw_pct", "snapshot", "2024-03", "team", "South")
    assert (south["numerator"], south["denominator"]) == (2, 3)
