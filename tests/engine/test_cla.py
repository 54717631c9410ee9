"""Children looked after: numbers, starts, ceasing, allocation, reviews and visits, worked by hand.

Episodes (child, dob; episode: start RNE legal status -> end reason; team North unless noted):
  A 2012-05-05: 2023-05-10 S C1 -> 2023-08-01 X1; 2023-08-01 L C2 open (status ASYL: not UASC)
  B 2020-03-15 (South): 2024-03-31 S V2 -> 2024-06-30 E4A (returned home)
  C short break: 2024-01-05 S V3 -> 2024-02-10 E8 (excluded from everything)
  D 2006-04-01 UASC 2023-09-01..2024-04-01: 2023-09-01 S V2 -> 2024-04-01 E8 (aged 18 that day)
  F 2008-02-29: 2023-11-01 S V2 -> 2024-02-28 E9 (aged 15: 29 Feb birthday not reached)
  G 2008-02-29: 2023-11-01 S V2 -> 2024-02-29 E9 (aged 16 on the leap day)
  H 2005-07-20: 2021-03-01 S C2 -> 2023-07-20 E17 (ceases on the 18th birthday)
  I 2021-01-01: 2022-02-01 S C2 -> 2023-06-01 X1; 2023-06-01 B E1 -> 2024-04-30 E11 (adopted)
  J 2015-09-09: 2023-04-01 S V2 -> 2023-10-31 E46 (SGO); 2024-01-15 S V2 -> 2024-03-31 E4B
Population aged 0-17: mid-2023 8,000; mid-2024 10,000.

Looked after at 31 Mar 2024: A, B (started that day), D, I; J ceased on 31 March (not counted),
C is a short break -> 4, rate 4 / 8,000 x 10,000 = 5.0. At 30 Apr 2024: A, B -> 2 (D ceased
1 Apr, I ceased 30 Apr), rate 2 / 10,000 x 10,000 = 2.0. At 29 Feb 2024: A, D, I, J -> 4 (G
ceased that day). At 30 Apr 2023: H, I, J -> 3.
Starts 2023-24: J (1 April), A, D, F, G, B (31 March) = 6; J's second start is the same child;
C excluded. UASC starts: D. Under 6 excluding UASC: B of A, J, B, F, G = 1/5.
Ceased 2023-24: H, J (twice: SGO then returned home), F, G = 4 children. 2024-25: D, I, B = 3.
"""

from __future__ import annotations

import pytest
from conftest import TinyStore, d

IDS = [
    "cla_count",
    "cla_rate_per_10k",
    "cla_uasc_count",
    "cla_starts_count",
    "cla_starts_uasc_count",
    "cla_starts_under6_pct",
    "cla_ceased_count",
    "cla_ceased_returned_home",
    "cla_ceased_sgo_pct",
    "cla_ceased_adopted_pct",
    "children_adopted_count",
    "cla_ceased_care_leaver_18",
    "cla_ceased_uasc_18",
    "cla_ceased_other_under18",
    "cla_remained_until_18_pct",
    "cla_allocated_qualified_sw_pct",
]

EPISODES = [
    # child, episode, start, rne, legal status, end, reason, team
    ("A", "A1", "2023-05-10", "S", "C1", "2023-08-01", "X1", "North"),
    ("A", "A2", "2023-08-01", "L", "C2", None, None, "North"),
    ("B", "B1", "2024-03-31", "S", "V2", "2024-06-30", "E4A", "South"),
    ("C", "C1", "2024-01-05", "S", "V3", "2024-02-10", "E8", "North"),
    ("D", "D1", "2023-09-01", "S", "V2", "2024-04-01", "E8", "North"),
    ("F", "F1", "2023-11-01", "S", "V2", "2024-02-28", "E9", "North"),
    ("G", "G1", "2023-11-01", "S", "V2", "2024-02-29", "E9", "North"),
    ("H", "H1", "2021-03-01", "S", "C2", "2023-07-20", "E17", "North"),
    ("I", "I1", "2022-02-01", "S", "C2", "2023-06-01", "X1", "North"),
    ("I", "I2", "2023-06-01", "B", "E1", "2024-04-30", "E11", "North"),
    ("J", "J1", "2023-04-01", "S", "V2", "2023-10-31", "E46", "North"),
    ("J", "J2", "2024-01-15", "S", "V2", "2024-03-31", "E4B", "North"),
]
BIRTHS = {
    "A": "2012-05-05",
    "B": "2020-03-15",
    "C": "2014-01-01",
    "D": "2006-04-01",
    "F": "2008-02-29",
    "G": "2008-02-29",
    "H": "2005-07-20",
    "I": "2021-01-01",
    "J": "2015-09-09",
}


def add_episodes(store: TinyStore, episodes: list[tuple[str | None, ...]]) -> None:
    store.add(
        "ssd_cla_episodes",
        *(
            {
                "clae_person_id": child,
                "clae_cla_episode_id": eid,
                "clae_cla_episode_start_date": d(start) if start else None,
                "clae_cla_episode_start_reason": rne,
                "clae_cla_legal_status": ls,
                "clae_cla_episode_ceased_date": d(end) if end else None,
                "clae_cla_episode_ceased_reason": reason,
                "clae_cla_team": team,
            }
            for child, eid, start, rne, ls, end, reason, team in episodes
        ),
    )
    store.add(
        "ssd_department",
        {"dept_team_id": "T1", "dept_team_name": "North", "dept_team_parent_name": "Care"},
        {"dept_team_id": "T2", "dept_team_name": "South", "dept_team_parent_name": "Care"},
    )


@pytest.fixture
def cla(store: TinyStore) -> TinyStore:
    add_episodes(store, EPISODES)
    store.add(
        "ssd_person", *({"pers_person_id": c, "pers_dob": d(dob)} for c, dob in BIRTHS.items())
    )
    store.add(
        "ssd_immigration_status",
        {
            "immi_immigration_status_id": "IM1",
            "immi_person_id": "D",
            "immi_immigration_status": "UASC",
            "immi_immigration_status_start_date": d("2023-09-01"),
            "immi_immigration_status_end_date": d("2024-04-01"),
        },
        {
            "immi_immigration_status_id": "IM2",
            "immi_person_id": "A",
            "immi_immigration_status": "ASYL",
            "immi_immigration_status_start_date": d("2023-05-10"),
        },
    )
    # P1 registered; P2 no registration; P3 a blank registration (not qualified).
    store.add(
        "ssd_professionals",
        {"prof_professional_id": "P1", "prof_social_worker_registration_no": "SW12345"},
        {"prof_professional_id": "P2"},
        {"prof_professional_id": "P3", "prof_social_worker_registration_no": "  "},
    )
    involvements = [
        ("V1", "A", "P1", "SW", "2023-05-10", None),
        ("V2", "B", "P2", "SW", "2024-03-31", None),
        ("V3", "D", "P1", "SW", "2023-09-01", "2024-03-31"),
        ("V4", "I", "P1", "IRO", "2023-06-01", None),
        ("V5", "I", "P3", "SW", "2023-06-01", None),
    ]
    store.add(
        "ssd_involvements",
        *(
            {
                "invo_involvements_id": iid,
                "invo_person_id": child,
                "invo_professional_id": prof,
                "invo_professional_role_id": role,
                "invo_involvement_start_date": d(start),
                "invo_involvement_end_date": d(end) if end else None,
            }
            for iid, child, prof, role, start, end in involvements
        ),
    )
    store.population(2023, 8_000).population(2024, 10_000)
    store.compute(IDS, "2023-04", "2025-03")
    return store


def test_looked_after_at_month_end(cla: TinyStore) -> None:
    assert cla.value("cla_count", "snapshot", "2024-03") == 4
    assert cla.value("cla_count", "snapshot", "2024-02") == 4
    assert cla.value("cla_count", "snapshot", "2023-04") == 3
    assert cla.value("cla_count", "snapshot", "2024-04") == 2
    row = cla.row("cla_rate_per_10k", "snapshot", "2024-03")
    assert (row["numerator"], row["denominator"], row["value"]) == (4, 8_000, 5.0)
    assert cla.value("cla_rate_per_10k", "snapshot", "2024-04") == 2.0
    by_team = cla.row("cla_count", "snapshot", "2024-03", "team", "South")
    assert by_team["numerator"] == 1
    # UASC at the month end: D's status runs to 1 April 2024.
    assert cla.value("cla_uasc_count", "snapshot", "2023-08") == 0
    assert cla.value("cla_uasc_count", "snapshot", "2023-09") == 1
    assert cla.value("cla_uasc_count", "snapshot", "2024-03") == 1
    assert cla.value("cla_uasc_count", "snapshot", "2024-04") == 0


def test_starts(cla: TinyStore) -> None:
    assert cla.value("cla_starts_count", "fy", "2024-03") == 6
    assert cla.value("cla_starts_count", "month", "2023-04") == 1  # J on 1 April
    assert cla.value("cla_starts_count", "month", "2024-03") == 1  # B on 31 March
    assert cla.value("cla_starts_count", "month", "2024-01") == 1  # J again; C is a short break
    assert cla.value("cla_starts_count", "fy", "2025-03") == 0
    assert cla.value("cla_starts_uasc_count", "fy", "2024-03") == 1
    assert cla.value("cla_starts_uasc_count", "month", "2023-09") == 1
    row = cla.row("cla_starts_under6_pct", "fy", "2024-03")
    assert (row["numerator"], row["denominator"], row["value"]) == (1, 5, 20.0)
    # Nobody starts in 2024-25: no denominator, no figure.
    assert cla.value("cla_starts_under6_pct", "fy", "2025-03") is None


def test_ceased_and_reasons(cla: TinyStore) -> None:
    assert cla.value("cla_ceased_count", "fy", "2024-03") == 4
    assert cla.value("cla_ceased_count", "fy", "2025-03") == 3
    assert cla.value("cla_ceased_count", "month", "2024-04") == 2  # D on 1 April, I on 30 April
    assert cla.value("cla_ceased_count", "month", "2024-02") == 2  # F, G; C is a short break
    assert cla.row("cla_ceased_count", "fy", "2025-03", "team", "South")["numerator"] == 1
    assert cla.value("cla_ceased_returned_home", "fy", "2024-03") == 1  # J (E4B on 31 March)
    assert cla.value("cla_ceased_returned_home", "fy", "2025-03") == 1  # B (E4A)
    assert cla.value("cla_ceased_returned_home", "month", "2024-03") == 1
    # SGO: J (E46) of H, J, F, G; J also returned home later, and counts once in the ceased.
    row = cla.row("cla_ceased_sgo_pct", "fy", "2024-03")
    assert (row["numerator"], row["denominator"], row["value"]) == (1, 4, 25.0)
    assert cla.value("cla_ceased_sgo_pct", "fy", "2025-03") == 0.0
    row = cla.row("cla_ceased_adopted_pct", "fy", "2025-03")
    assert (row["numerator"], row["denominator"]) == (1, 3)
    assert row["value"] == pytest.approx(100 / 3)
    assert cla.value("cla_ceased_adopted_pct", "fy", "2024-03") == 0.0
    assert cla.value("cla_ceased_adopted_pct", "month", "2023-05") is None
    assert cla.value("children_adopted_count", "fy", "2025-03") == 1
    assert cla.value("children_adopted_count", "month", "2024-04") == 1
    assert cla.value("children_adopted_count", "fy", "2024-03") == 0
    # Aged 18+ on ceasing: H (on the 18th birthday, not UASC) and D (UASC, on 1 April 2024).
    assert cla.value("cla_ceased_care_leaver_18", "fy", "2024-03") == 1
    assert cla.value("cla_ceased_care_leaver_18", "fy", "2025-03") == 0
    assert cla.value("cla_ceased_uasc_18", "fy", "2024-03") == 0
    assert cla.value("cla_ceased_uasc_18", "fy", "2025-03") == 1
    assert cla.value("cla_ceased_uasc_18", "month", "2024-04") == 1
    # Under 18 for other reasons: F and G (custody); J, B and I left for listed reasons.
    assert cla.value("cla_ceased_other_under18", "fy", "2024-03") == 2
    assert cla.value("cla_ceased_other_under18", "month", "2024-02") == 2
    assert cla.value("cla_ceased_other_under18", "fy", "2025-03") == 0


def test_remained_until_18(cla: TinyStore) -> None:
    # 2023-24, ceasing aged 16+: H (18) and G (16 on 29 Feb 2024); F ceased on 28 Feb aged 15.
    row = cla.row("cla_remained_until_18_pct", "fy", "2024-03")
    assert (row["numerator"], row["denominator"], row["value"]) == (1, 2, 50.0)
    # 2024-25: D, 18 on the day care ceased.
    assert cla.value("cla_remained_until_18_pct", "fy", "2025-03") == 100.0
    assert cla.value("cla_remained_until_18_pct", "quarter", "2023-12") is None


def test_allocated_qualified_social_worker(cla: TinyStore) -> None:
    # 31 Mar 2024: A (registered SW), B (SW not registered), D (SW ended on 31 March),
    # I (IRO only, and a SW with a blank registration) -> 1 of 4.
    row = cla.row("cla_allocated_qualified_sw_pct", "snapshot", "2024-03")
    assert (row["numerator"], row["denominator"], row["value"]) == (1, 4, 25.0)
    # 30 Apr 2024: A, B -> 1 of 2.
    assert cla.value("cla_allocated_qualified_sw_pct", "snapshot", "2024-04") == 50.0


REVIEW_EPISODES = [
    ("A", "A1", "2023-05-10", "S", "C2", None, None, "North"),
    ("B", "B1", "2024-03-31", "S", "V2", "2024-06-30", "E4A", "South"),
    ("C", "C1", "2024-01-05", "S", "V3", None, None, "North"),
    ("D", "D1", "2023-09-01", "S", "V2", None, None, "North"),
    ("I", "I1", "2022-02-01", "S", "C2", "2024-04-30", "E11", "North"),
]


@pytest.fixture
def reviews(store: TinyStore) -> TinyStore:
    """Reviews and visits.

    Reviews (regulation 33; due date recorded only for I-R1):
      A from Wed 10 May 2023: 20 working days (29 May bank holiday) -> due 8 Jun 2023;
        R1 held 8 Jun (on time); R2 due 8 Sep (3 months) held 9 Sep (late); a cancelled review
        on 1 Dec is ignored; R3 due 9 Mar 2024 (6 months) held 1 Mar (on time); the next,
        due 1 Sep 2024, not held (late).
      B from Sun 31 Mar 2024: 20 working days with Easter Monday 1 Apr off -> due 29 Apr;
        R1 held 29 Apr (on time). The next (29 Jul) falls after B ceased on 30 Jun: not due.
      D from Fri 1 Sep 2023, no review: the first, due 29 Sep 2023, counts as late.
      I: R1 recorded due 15 Nov 2023, held 20 Nov (late); the next, due 20 Feb 2024, not held.
      C: short break, its review is left out.
    2023-24 by due date: A-R1 on, A-R2 late, D late, I-R1 late, I next late, A-R3 on = 2/6.
    Apr-Sep 2024: B-R1 on, A next late = 1/2.

    Visits (due, done): A 31 Jan 2024 done 31 Jan (on time); A 1 Feb done 2 Feb (late);
    A 29 Feb (leap day) not done (late); B placed with parents (South) 7 Apr done 5 Apr (on
    time) and 19 May done 20 May (late); C 25 Jan (short break only: left out).
    """
    add_episodes(store, REVIEW_EPISODES)
    store.add("ssd_person", *({"pers_person_id": c} for c in "ABCDI"))
    rows = [
        ("R1", "A", None, "2023-06-08", None),
        ("R2", "A", None, "2023-09-09", None),
        ("RX", "A", None, "2023-12-01", True),
        ("R3", "A", None, "2024-03-01", None),
        ("R4", "B", None, "2024-04-29", None),
        ("R5", "I", "2023-11-15", "2023-11-20", None),
        ("R6", "C", None, "2024-01-20", None),
    ]
    store.add(
        "ssd_cla_reviews",
        *(
            {
                "clar_cla_review_id": rid,
                "clar_person_id": child,
                "clar_cla_review_due_date": d(due) if due else None,
                "clar_cla_review_date": d(held),
                "clar_cla_review_cancelled": cancelled,
            }
            for rid, child, due, held, cancelled in rows
        ),
    )
    visits = [
        ("V1", "A", "2024-01-31", "2024-01-31", False, "North"),
        ("V2", "A", "2024-02-01", "2024-02-02", False, "North"),
        ("V3", "A", "2024-02-29", None, False, "North"),
        ("V4", "B", "2024-04-07", "2024-04-05", True, "South"),
        ("V5", "B", "2024-05-19", "2024-05-20", True, "South"),
        ("V6", "C", "2024-01-25", "2024-02-20", False, "North"),
    ]
    store.add(
        "ssd_cla_visits",
        *(
            {
                "clav_cla_visit_id": vid,
                "clav_person_id": child,
                "clav_cla_visit_due_date": d(due),
                "clav_cla_visit_date": d(done) if done else None,
                "clav_placed_with_parents": pwp,
                "clav_cla_visit_team": team,
            }
            for vid, child, due, done, pwp, team in visits
        ),
    )
    store.compute(
        ["cla_reviews_timescale_pct", "cla_visits_pct", "pwp_visits_pct"], "2023-04", "2025-03"
    )
    return store


def test_reviews_within_timescale(reviews: TinyStore) -> None:
    row = reviews.row("cla_reviews_timescale_pct", "fy", "2024-03")
    assert (row["numerator"], row["denominator"]) == (2, 6)
    assert row["value"] == pytest.approx(100 * 2 / 6)
    assert reviews.value("cla_reviews_timescale_pct", "month", "2023-06") == 100.0
    assert reviews.value("cla_reviews_timescale_pct", "month", "2023-09") == 0.0
    assert reviews.value("cla_reviews_timescale_pct", "month", "2023-10") is None
    assert reviews.value("cla_reviews_timescale_pct", "month", "2024-04") == 100.0  # Easter
    row = reviews.row("cla_reviews_timescale_pct", "ytd", "2024-09")
    assert (row["numerator"], row["denominator"]) == (1, 2)
    assert reviews.value("cla_reviews_timescale_pct", "month", "2024-07") is None  # B left


def test_visits_within_timescale(reviews: TinyStore) -> None:
    assert reviews.value("cla_visits_pct", "month", "2024-01") == 100.0
    assert reviews.value("cla_visits_pct", "month", "2024-02") == 0.0
    row = reviews.row("cla_visits_pct", "quarter", "2024-03")
    assert (row["numerator"], row["denominator"]) == (1, 3)
    assert reviews.value("cla_visits_pct", "ytd", "2024-05") == 50.0
    row = reviews.row("cla_visits_pct", "fy", "2024-03", "team", "North")
    assert (row["numerator"], row["denominator"]) == (1, 3)
    row = reviews.row("pwp_visits_pct", "quarter", "2024-06")
    assert (row["numerator"], row["denominator"], row["value"]) == (1, 2, 50.0)
    assert reviews.value("pwp_visits_pct", "quarter", "2024-03") is None
