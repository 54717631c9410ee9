"""Assessment, section 47 and initial conference indicators, worked by hand.

Working days are start-exclusive, end-inclusive, weekends and England bank holidays excluded
(2024: New Year 1 Jan, Good Friday 29 Mar, Easter Monday 1 Apr, 6 May, 27 May). A start on a
weekend or holiday counts from the previous working day.

Assessments (id, child, start, seen, authorised, team); Duty is in service Safeguarding, CP Team
in service 'Corporate parenting' (case differs from the catalogue's match on purpose):
  A1  A 2024-02-01 Thu  seen same day   auth 2024-02-01: 0 wd                    Duty
  A2  B 2024-01-08 Mon  seen 01-22 (10) auth 2024-03-11 Mon: 9 whole weeks, the leap day
        inside, = 45 wd: within 45                                              Duty
  A3  C 2024-01-08 Mon  seen 01-23 (11) auth 2024-03-12: 46 wd, late             CP Team
  A4  D 2024-02-19 Mon  not seen        auth 2024-04-24 Wed: 47 weekdays less Good Friday and
        Easter Monday = 45 wd: within 45                                         CP Team
  A5  E 2024-03-28 Thu  seen 04-02 (1)  auth 2024-04-02 Tue: 1 wd across Easter  Duty
  A13 E 2024-03-04 Mon  seen 03-20 (12) never authorised: open                   Duty
  A6  F 2024-06-01 Sat  seen 06-17 (11) auth 2024-06-21 Fri: counted from Fri 31 May, 15 wd
                                                                                 CP Team
  A7  G 2024-06-03 Mon  seen 06-04 (1)  auth 2024-07-22: 35 wd                   Duty
  A8  H 2024-06-03 Mon  seen 06-17 (10) auth 2024-06-25: 16 wd                   Duty
  A9  I 2024-03-04 Mon  not seen        never authorised: open                   Duty
  A11 K 2024-03-01 Fri  seen 03-15 (10) auth 2024-03-31 Sun: 19 wd (Good Friday) Duty
  A12 L 2024-03-01 Fri  not seen        auth 2024-04-01 Easter Monday: 19 wd     Duty

Authorised per month: Feb A1; Mar A2 A3 A11; Apr A4 A5 A12; Jun A6 A8; Jul A7.
Population aged 0-17: mid-2023 8,000 (reporting year to March 2024), mid-2024 10,000.
"""

from __future__ import annotations

import pytest
from conftest import TinyStore, d

ASSESSMENT_IDS = [
    "assessments_completed_count",
    "assessments_rate_per_10k",
    "assessments_45wd_pct",
    "assessments_45wd_corporate_parenting_pct",
    "assessments_15d_pct",
    "assessments_35d_pct",
    "assessment_child_seen_10d_pct",
]


def _teams(store: TinyStore) -> None:
    store.add(
        "ssd_department",
        {"dept_team_id": "T1", "dept_team_name": "Duty", "dept_team_parent_name": "Safeguarding"},
        {
            "dept_team_id": "T2",
            "dept_team_name": "CP Team",
            "dept_team_parent_name": "Corporate parenting",
        },
        {"dept_team_id": "T3", "dept_team_name": "North", "dept_team_parent_name": "Locality"},
        {"dept_team_id": "T4", "dept_team_name": "South", "dept_team_parent_name": "Locality"},
    )


@pytest.fixture
def assessments(store: TinyStore) -> TinyStore:
    rows = [
        ("A1", "A", "2024-02-01", "2024-02-01", "2024-02-01", "Duty"),
        ("A2", "B", "2024-01-08", "2024-01-22", "2024-03-11", "Duty"),
        ("A3", "C", "2024-01-08", "2024-01-23", "2024-03-12", "CP Team"),
        ("A4", "D", "2024-02-19", None, "2024-04-24", "CP Team"),
        ("A5", "E", "2024-03-28", "2024-04-02", "2024-04-02", "Duty"),
        ("A13", "E", "2024-03-04", "2024-03-20", None, "Duty"),
        ("A6", "F", "2024-06-01", "2024-06-17", "2024-06-21", "CP Team"),
        ("A7", "G", "2024-06-03", "2024-06-04", "2024-07-22", "Duty"),
        ("A8", "H", "2024-06-03", "2024-06-17", "2024-06-25", "Duty"),
        ("A9", "I", "2024-03-04", None, None, "Duty"),
        ("A11", "K", "2024-03-01", "2024-03-15", "2024-03-31", "Duty"),
        ("A12", "L", "2024-03-01", None, "2024-04-01", "Duty"),
    ]
    store.add(
        "ssd_cin_assessments",
        *(
            {
                "cina_assessment_id": aid,
                "cina_person_id": child,
                "cina_assessment_start_date": d(start),
                "cina_assessment_child_seen": d(seen) if seen else None,
                "cina_assessment_auth_date": d(auth) if auth else None,
                "cina_assessment_team": team,
            }
            for aid, child, start, seen, auth, team in rows
        ),
    )
    _teams(store)
    store.population(2023, 8_000).population(2024, 10_000)
    store.add("ssd_person", *({"pers_person_id": c} for c in "ABCDEFGHIKL"))
    store.compute(ASSESSMENT_IDS, "2023-04", "2024-09")
    return store


def test_assessments_completed_count_and_rate(assessments: TinyStore) -> None:
    # Open assessments A9 and A13 are never counted; A11 (31 Mar) and A12 (1 Apr, a bank holiday)
    # fall either side of the year end.
    assert assessments.value("assessments_completed_count", "month", "2024-03") == 3
    assert assessments.value("assessments_completed_count", "month", "2024-04") == 3
    assert assessments.value("assessments_completed_count", "month", "2024-05") == 0
    assert assessments.value("assessments_completed_count", "fy", "2024-03") == 4
    assert assessments.value("assessments_completed_count", "ytd", "2024-09") == 6
    by_service = assessments.row(
        "assessments_completed_count", "rolling_12m", "2024-09", "service", "Corporate parenting"
    )
    assert by_service["value"] == 3
    # 2023-24: 4 over mid-2023's 8,000 = 5.0 per 10,000.
    assert assessments.value("assessments_rate_per_10k", "fy", "2024-03") == 5.0
    # Oct 2023-Sep 2024: all 10 authorised, over mid-2024's 10,000 = 10.0.
    assert assessments.value("assessments_rate_per_10k", "rolling_12m", "2024-09") == 10.0
    # Apr-Jun 2024: A4 A5 A12 A6 A8 = 5, annualised x4 = 20 over 10,000 = 20.0.
    row = assessments.row("assessments_rate_per_10k", "quarter", "2024-06")
    assert (row["numerator"], row["denominator"], row["value"]) == (5, 10_000, 20.0)


def test_assessments_within_45_working_days(assessments: TinyStore) -> None:
    # March: A2 at exactly 45 (leap day inside) in, A3 at 46 out, A11 in.
    row = assessments.row("assessments_45wd_pct", "month", "2024-03")
    assert (row["numerator"], row["denominator"]) == (2, 3)
    assert row["value"] == pytest.approx(100 * 2 / 3)
    # 2023-24: A1 A2 A11 of A1 A2 A3 A11.
    assert assessments.value("assessments_45wd_pct", "fy", "2024-03") == 75.0
    # A4 is 45 only because Good Friday and Easter Monday are not working days.
    assert assessments.value("assessments_45wd_pct", "month", "2024-04") == 100.0
    # Oct 2023-Sep 2024: 9 of 10 (A3 late).
    row = assessments.row("assessments_45wd_pct", "rolling_12m", "2024-09")
    assert (row["numerator"], row["denominator"], row["value"]) == (9, 10, 90.0)
    # Nothing authorised in May: no figure, not 0%.
    assert assessments.value("assessments_45wd_pct", "month", "2024-05") is None
    by_team = assessments.row("assessments_45wd_pct", "fy", "2024-03", "team", "Duty")
    assert (by_team["numerator"], by_team["denominator"]) == (3, 3)


def test_assessments_within_45_working_days_corporate_parenting(assessments: TinyStore) -> None:
    # CP Team only: A3 (Mar, 46 late), A4 (Apr, 45), A6 (Jun, 15).
    assert assessments.value("assessments_45wd_corporate_parenting_pct", "month", "2024-03") == 0.0
    assert assessments.value("assessments_45wd_corporate_parenting_pct", "month", "2024-02") is None
    row = assessments.row("assessments_45wd_corporate_parenting_pct", "rolling_6m", "2024-06")
    assert (row["numerator"], row["denominator"]) == (2, 3)
    assert row["value"] == pytest.approx(100 * 2 / 3)
    assert assessments.value("assessments_45wd_corporate_parenting_pct", "month", "2024-06") == 100


def test_assessments_within_15_and_35_working_days(assessments: TinyStore) -> None:
    # Jan-Mar 2024: A1 (0), A2 (45), A3 (46), A11 (19): 15 -> A1; 35 -> A1 A11.
    assert assessments.value("assessments_15d_pct", "quarter", "2024-03") == 25.0
    assert assessments.value("assessments_35d_pct", "quarter", "2024-03") == 50.0
    # Apr-Jun 2024: A4 (45), A5 (1), A12 (19), A6 (15 from a Saturday start), A8 (16).
    row = assessments.row("assessments_15d_pct", "quarter", "2024-06")
    assert (row["numerator"], row["denominator"], row["value"]) == (2, 5, 40.0)
    row = assessments.row("assessments_35d_pct", "quarter", "2024-06")
    assert (row["numerator"], row["denominator"], row["value"]) == (4, 5, 80.0)
    # Jul-Sep 2024: A7 at exactly 35.
    assert assessments.value("assessments_35d_pct", "quarter", "2024-09") == 100.0
    assert assessments.value("assessments_15d_pct", "quarter", "2024-09") == 0.0


def test_children_seen_within_10_working_days(assessments: TinyStore) -> None:
    # By start month. Jan: B (10) yes, C (11) no.
    assert assessments.value("assessment_child_seen_10d_pct", "month", "2024-01") == 50.0
    # Jan-Mar: B yes, C no, A yes, D no (never seen), E yes (A5 in 1; A13 at 12 does not undo
    # it, the child counts once), I no (open, not seen), K yes (10), L no -> 4 of 8 children.
    row = assessments.row("assessment_child_seen_10d_pct", "rolling_3m", "2024-03")
    assert (row["numerator"], row["denominator"], row["value"]) == (4, 8, 50.0)
    # Apr-Jun: F no (Saturday start counts from Friday: 11), G yes, H yes (10) -> 2 of 3.
    row = assessments.row("assessment_child_seen_10d_pct", "quarter", "2024-06")
    assert (row["numerator"], row["denominator"]) == (2, 3)
    assert assessments.value("assessment_child_seen_10d_pct", "month", "2024-04") is None


@pytest.fixture
def looked_after(store: TinyStore) -> TinyStore:
    """Children looked after (SSDA903 episodes: start RNE -> end reason) and their assessments.

    P: 2022-05-10 S -> 2023-06-01 X1, then 2023-06-01 P open: back to back on the same day, one
       period of care from 2022-05-10; assessed 2023-09-30.
    Q: 2023-03-31 S open, never assessed.
    R: 2023-04-01 S open; assessed 2024-04-30.
    S: 2022-01-01 S open, short breaks (V3): never in the cohort; assessed 2024-01-05.
    T: 2021-01-01 S -> 2023-10-01 X1, then 2023-10-02 P open: a gap of one day starts a new
       period of care on 2023-10-02, though the second episode only changes placement;
       assessed 2024-01-10.
    U: 2020-01-01 S -> 2024-03-31 E13 (ceased on the month end); assessed 2023-02-28.
    V: 2023-09-01 S open, but entered care 2022-06-01; assessed 2024-03-31.
    W: 2022-01-01 S -> 2023-06-30 E13 (left care), then 2023-06-30 S open: back in care the day
       care ended, but a new period of care from 2023-06-30; assessed 2023-12-01.
    """
    episodes = [
        ("P", "E1", "2022-05-10", "S", "2023-06-01", "X1", "C2", None),
        ("P", "E2", "2023-06-01", "P", None, None, "C2", None),
        ("Q", "E3", "2023-03-31", "S", None, None, "V2", None),
        ("R", "E4", "2023-04-01", "S", None, None, "C1", None),
        ("S", "E5", "2022-01-01", "S", None, None, "V3", None),
        ("T", "E6", "2021-01-01", "S", "2023-10-01", "X1", "C2", None),
        ("T", "E7", "2023-10-02", "P", None, None, "C2", None),
        ("U", "E8", "2020-01-01", "S", "2024-03-31", "E13", "C2", None),
        ("V", "E9", "2023-09-01", "S", None, None, "C2", "2022-06-01"),
        ("W", "E10", "2022-01-01", "S", "2023-06-30", "E13", "C2", None),
        ("W", "E11", "2023-06-30", "S", None, None, "C2", None),
    ]
    store.add(
        "ssd_cla_episodes",
        *(
            {
                "clae_person_id": child,
                "clae_cla_episode_id": eid,
                "clae_cla_episode_start_date": d(start),
                "clae_cla_episode_start_reason": rne,
                "clae_cla_episode_ceased_date": d(end) if end else None,
                "clae_cla_episode_ceased_reason": reason,
                "clae_cla_legal_status": status,
                "clae_entered_care_date": d(entered) if entered else None,
                "clae_cla_team": "CP Team",
            }
            for child, eid, start, rne, end, reason, status, entered in episodes
        ),
    )
    assessed = [("P", "2023-09-30"), ("R", "2024-04-30"), ("S", "2024-01-05")]
    assessed += [("T", "2024-01-10"), ("U", "2023-02-28"), ("V", "2024-03-31")]
    assessed += [("W", "2023-12-01")]
    store.add(
        "ssd_cin_assessments",
        *(
            {
                "cina_assessment_id": f"X{child}",
                "cina_person_id": child,
                "cina_assessment_start_date": d(auth),
                "cina_assessment_auth_date": d(auth),
            }
            for child, auth in assessed
        ),
    )
    _teams(store)
    store.population(2024, 10_000)
    store.add("ssd_person", *({"pers_person_id": c} for c in "PQRSTUVW"))
    store.compute(["cla_12m_assessment_pct"], "2024-01", "2024-09")
    return store


def test_cla_12_months_with_an_assessment(looked_after: TinyStore) -> None:
    """The cohort at a month end: looked after then, in a period of care that began on or
    before the first day of the 12 months to it (month end + 1 day - 12 months); the assessment
    authorised in those 12 months. T is never in it here: its period began 2023-10-02, so it
    reaches 12 months at 31 October 2024."""
    ind = "cla_12m_assessment_pct"
    # 31 Jan 2024 (12 months from 1 Feb 2023): P (in care since 2022-05-10, the same-day move
    # keeping it), U, V in the cohort; P and U assessed, V not until March. W's period began
    # 2023-06-30: not in it (one run of care since 2022, assessed in December, it would be 3/4).
    row = looked_after.row(ind, "snapshot", "2024-01")
    assert (row["numerator"], row["denominator"]) == (2, 3)
    # 29 Feb 2024: the 12 months start 1 Mar 2023, so U's assessment of 28 Feb 2023 is just
    # outside: only P. Q (in care from 31 Mar 2023) is not yet 12 months in care.
    row = looked_after.row(ind, "snapshot", "2024-02")
    assert (row["numerator"], row["denominator"]) == (1, 3)
    # 31 Mar 2024 (12 months from 1 Apr 2023): P yes, Q no, R (in care from 1 April, the first
    # day: 12 months, as in the DfE 31 March cohort) no, V yes (assessed on the day); S short
    # breaks; U ceased on 31 Mar. P, V of P, Q, R, V.
    row = looked_after.row(ind, "snapshot", "2024-03")
    assert (row["numerator"], row["denominator"]) == (2, 4)
    # 30 Apr 2024: R assessed that day: P, R, V of P, Q, R, V.
    assert looked_after.value(ind, "snapshot", "2024-04") == 75.0
    # 31 May 2024 (12 months from 1 Jun 2023): W's period, from 30 Jun 2023, not yet: 3 of 4.
    # 30 Jun 2024 (from 1 Jul 2023): W joins, assessed 1 Dec 2023: P, R, V, W of P, Q, R, V, W.
    assert looked_after.value(ind, "snapshot", "2024-05") == 75.0
    row = looked_after.row(ind, "snapshot", "2024-06")
    assert (row["numerator"], row["denominator"]) == (4, 5)
    # 30 Sep 2024 (from 1 Oct 2023): P's assessment of 30 Sep 2023 has dropped out: R, V, W of
    # P, Q, R, V, W.
    row = looked_after.row(ind, "snapshot", "2024-09")
    assert (row["numerator"], row["denominator"], row["value"]) == (3, 5, 60.0)


@pytest.fixture
def child_protection(store: TinyStore) -> TinyStore:
    """Section 47 enquiries and initial conferences.

    Enquiries (id, child, start = strategy discussion, team):
      S1 A 2024-04-02 Tue North   A on a CP plan since 2024-01-10, open
      S2 A 2024-04-25 Thu North   A's second enquiry
      S3 B 2024-04-30 Tue South   B's plan ended 2024-04-30: not open that day
      S4 C 2024-05-01 Wed South   C's plan starts 2024-05-01: open that day
      S5 D 2024-03-31 Sun South   in March (2023-24)
      S6 E 2024-06-28 Fri North
    Conferences (id, child, enquiry, date, transfer in):
      C1 A S1 2024-04-23 Tue: 15 wd, in time
      C6 D S5 2024-04-19 Fri: from Sunday 31 Mar (counts from Thu 28; Good Friday, Easter Monday
            off) = 14 wd, in time
      C2 B S3 2024-05-22 Wed: 16 weekdays less 6 May = 15 wd, in time
      C3 C S4 2024-05-24 Fri: 16 wd, late
      C4 E -  2024-05-15 transfer in: out of both measures
      C5 F -  2024-05-31 no linked enquiry: in the denominator, not in time
      C7 A S2 2024-06-10 Mon: 30 wd, late
    """
    enquiries = [
        ("S1", "A", "2024-04-02", "North"),
        ("S2", "A", "2024-04-25", "North"),
        ("S3", "B", "2024-04-30", "South"),
        ("S4", "C", "2024-05-01", "South"),
        ("S5", "D", "2024-03-31", "South"),
        ("S6", "E", "2024-06-28", "North"),
    ]
    store.add(
        "ssd_s47_enquiry",
        *(
            {
                "s47e_s47_enquiry_id": eid,
                "s47e_person_id": child,
                "s47e_s47_start_date": d(start),
                "s47e_s47_completed_by_team": team,
            }
            for eid, child, start, team in enquiries
        ),
    )
    store.add(
        "ssd_cp_plans",
        {
            "cppl_cp_plan_id": "P1",
            "cppl_person_id": "A",
            "cppl_cp_plan_start_date": d("2024-01-10"),
        },
        {
            "cppl_cp_plan_id": "P2",
            "cppl_person_id": "B",
            "cppl_cp_plan_start_date": d("2023-06-01"),
            "cppl_cp_plan_end_date": d("2024-04-30"),
        },
        {
            "cppl_cp_plan_id": "P3",
            "cppl_person_id": "C",
            "cppl_cp_plan_start_date": d("2024-05-01"),
        },
    )
    conferences = [
        ("C1", "A", "S1", "2024-04-23", False),
        ("C6", "D", "S5", "2024-04-19", False),
        ("C2", "B", "S3", "2024-05-22", False),
        ("C3", "C", "S4", "2024-05-24", False),
        ("C4", "E", None, "2024-05-15", True),
        ("C5", "F", None, "2024-05-31", None),
        ("C7", "A", "S2", "2024-06-10", False),
    ]
    store.add(
        "ssd_initial_cp_conference",
        *(
            {
                "icpc_icpc_id": cid,
                "icpc_person_id": child,
                "icpc_s47_enquiry_id": eid,
                "icpc_icpc_date": d(day),
                "icpc_icpc_transfer_in": transfer,
                "icpc_icpc_team": "North",
            }
            for cid, child, eid, day, transfer in conferences
        ),
    )
    _teams(store)
    store.population(2023, 8_000).population(2024, 10_000)
    store.add("ssd_person", *({"pers_person_id": c} for c in "ABCDEF"))
    ids = [
        "s47_enquiries_count",
        "s47_children_count",
        "s47_children_open_cp_count",
        "s47_rate_per_10k",
        "icpc_rate_per_10k",
        "icpc_15wd_pct",
    ]
    store.compute(ids, "2023-04", "2025-03")
    return store


def test_section_47_counts(child_protection: TinyStore) -> None:
    cp = child_protection
    # April: S1 S2 S3 = 3 enquiries of 2 children (A twice); A's plan is open, B's ended that day.
    assert cp.value("s47_enquiries_count", "month", "2024-04") == 3
    assert cp.value("s47_children_count", "month", "2024-04") == 2
    assert cp.value("s47_children_open_cp_count", "month", "2024-04") == 1
    # May: C's plan started the day of S4, so it is open.
    assert cp.value("s47_children_open_cp_count", "month", "2024-05") == 1
    # Sunday 31 March falls in 2023-24.
    assert cp.value("s47_enquiries_count", "fy", "2024-03") == 1
    assert cp.value("s47_children_open_cp_count", "fy", "2024-03") == 0
    # Apr-Jun: S1 S2 S3 S4 S6 = 5 enquiries; A B C E = 4 children; A and C on plans.
    assert cp.value("s47_enquiries_count", "quarter", "2024-06") == 5
    assert cp.value("s47_children_count", "quarter", "2024-06") == 4
    assert cp.value("s47_children_open_cp_count", "quarter", "2024-06") == 2
    by_team = cp.row("s47_enquiries_count", "quarter", "2024-06", "team", "North")
    assert by_team["value"] == 3
    assert cp.value("s47_enquiries_count", "month", "2024-07") == 0


def test_section_47_rate(child_protection: TinyStore) -> None:
    cp = child_protection
    # Apr-Jun 2024: 4 children (not 5 enquiries) x 4 over 10,000 = 16.0.
    row = cp.row("s47_rate_per_10k", "quarter", "2024-06")
    assert (row["numerator"], row["denominator"], row["value"]) == (4, 10_000, 16.0)
    # 2023-24: D only, over mid-2023's 8,000 = 1.25.
    assert cp.value("s47_rate_per_10k", "fy", "2024-03") == 1.25
    # 2024-25: A B C E = 4 over 10,000.
    assert cp.value("s47_rate_per_10k", "fy", "2025-03") == 4.0


def test_initial_conferences(child_protection: TinyStore) -> None:
    cp = child_protection
    # April: C1 (15) and C6 (14) in time.
    assert cp.value("icpc_15wd_pct", "month", "2024-04") == 100.0
    # May: C2 in time (6 May bank holiday), C3 late, C5 no enquiry; C4 transfer in left out.
    row = cp.row("icpc_15wd_pct", "month", "2024-05")
    assert (row["numerator"], row["denominator"]) == (1, 3)
    # Apr-Jun: C1 C6 C2 in time of C1 C6 C2 C3 C5 C7.
    row = cp.row("icpc_15wd_pct", "quarter", "2024-06")
    assert (row["numerator"], row["denominator"], row["value"]) == (3, 6, 50.0)
    assert cp.value("icpc_15wd_pct", "month", "2024-07") is None
    # Rate, children: May B C F (E transferred in) = 3 x 12 = 36 per 10,000 of 10,000.
    assert cp.value("icpc_rate_per_10k", "month", "2024-05") == 36.0
    # Apr-Jun: A (twice, once as a child) D B C F = 5 x 4 over 10,000 = 20.0.
    row = cp.row("icpc_rate_per_10k", "quarter", "2024-06")
    assert (row["numerator"], row["value"]) == (5, 20.0)
