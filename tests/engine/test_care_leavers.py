"""Care leaver indicators, worked by hand.

Month-end snapshots: a young person's status is their latest record on or before the month
end; age is in whole years at the month end. Records (person, dob, category, record id, contact
date, in touch, suitable, activity, team):

  A 2003-05-15 FREL  A1 2023-06-01 YES suitable     F3 (training/employment)   North
                     A2 2024-03-31 YES not suitable G5 (NEET other): the last day of March
  B 2005-03-31 FREL  B1 2023-12-01 NO  (no information, ACTIV 0): turns 19 on 31 Mar 2024
  C 2004-02-29 REL   C1 2022-12-01 YES suitable     F1 (education)             North
                     leap-day birthday: 18 on 28 Feb 2023, 19 from 1 Mar 2023; REL at 19+ is
                     former relevant
  D 2002-01-10 FREL  D1 2023-01-05 YES suitable     G4 (NEET illness)          South
                     21 on 31 Dec 2023, 22 on 31 Jan 2024
  E 2003-07-01 QUAL  E1 2023-01-10 YES suitable     F3: qualifying, outside the DfE cohort
  F 2003-08-20 FREL  F1 2023-03-01 YES suitable     F2 (education)             South
                     died 2024-01-15: excluded from January 2024
  G 2002-06-01 FREL  G1 2023-09-30 YES not suitable G6  } same date: the later row id G2 wins
                     G2 2023-09-30 YES suitable     P3  }                      South
  H 2000-01-01 FREL  H1 2023-02-01 NO  (aged 23, not in touch: outside the 22-25 cohort)
  I 2003-01-01 FREL  I1 2023-01-15 RHOM (returned home: excluded)
  P 2000-10-10 FREL  P1 2023-04-01 YES suitable     F3
                     P2 2023-10-15 YES not suitable G5 (custody)

Aged 19-21 cohort:
  28 Feb 2023: D (C is 18)                          suitable 1/1, NEET 1/1
  31 Mar 2023: C D F                                suitable 3/3, EET 2/3 (C F), NEET 1/3
  31 Dec 2023: A C D F G = 5                        suitable 5/5, EET 4/5 (A C F G),
               NEET 1/5 (D, G4), education 2/5 (C F), training/employment 2/5 (A G)
  31 Jan 2024: A C G (D is 22, F died)              suitable 3/3, EET 3/3, NEET 0/3
  31 Mar 2024: A B C G = 4 (A2 applies; B is 19)    suitable 2/4, EET 2/4, NEET 1/4 (A, G5),
               education 1/4, training/employment 1/4
Aged 22-25 cohort (in touch only):
  31 Mar 2023: nobody (P's first record is 1 Apr)   empty
  30 Sep 2023: P (P1)                               suitable 1/1, NEET 0/1
  31 Dec 2023: P (P2)                               suitable 0/1, NEET 1/1
  31 Jan 2024: D P                                  suitable 1/2, NEET 2/2
Care-experienced, aged 16-25, not died or RHOM, any category but eligible:
  31 Dec 2023: A B C D E F G H P = 9 (I is RHOM); 31 Jan 2024: 8 (F died).
"""

from __future__ import annotations

import pytest
from conftest import TinyStore, d

SNAPSHOT_IDS = [
    "care_leavers_19_21_accom_pct",
    "care_leavers_22_25_accom_pct",
    "care_leavers_19_21_eet_pct",
    "care_leavers_19_21_neet_pct",
    "care_leavers_22_25_neet_pct",
    "care_leavers_neet_reason_pct",
    "care_leavers_education_pct",
    "care_leavers_training_employment_pct",
    "care_experienced_count",
]

PEOPLE = {
    "A": ("2003-05-15", None),
    "B": ("2005-03-31", None),
    "C": ("2004-02-29", None),
    "D": ("2002-01-10", None),
    "E": ("2003-07-01", None),
    "F": ("2003-08-20", "2024-01-15"),
    "G": ("2002-06-01", None),
    "H": ("2000-01-01", None),
    "I": ("2003-01-01", None),
    "P": ("2000-10-10", None),
}

RECORDS = [
    # person, row id, category, contact date, in touch, accommodation, suitable, activity, team
    ("A", "A1", "FREL", "2023-06-01", "YES", "D", True, "F3", "North"),
    ("A", "A2", "FREL", "2024-03-31", "YES", "S", False, "G5", "North"),
    ("B", "B1", "FREL", "2023-12-01", "NO", "Z", None, "0", None),
    ("C", "C1", "REL", "2022-12-01", "YES", "U", True, "F1", "North"),
    ("D", "D1", "FREL", "2023-01-05", "YES", "U", True, "G4", "South"),
    ("E", "E1", "QUAL", "2023-01-10", "YES", "U", True, "F3", None),
    ("F", "F1", "FREL", "2023-03-01", "YES", "U", True, "F2", "South"),
    ("G", "G1", "FREL", "2023-09-30", "YES", "W", False, "G6", "South"),
    ("G", "G2", "FREL", "2023-09-30", "YES", "U", True, "P3", "South"),
    ("H", "H1", "FREL", "2023-02-01", "NO", "Z", None, "0", None),
    ("I", "I1", "FREL", "2023-01-15", "RHOM", None, None, None, None),
    ("P", "P1", "FREL", "2023-04-01", "YES", "U", True, "F3", None),
    ("P", "P2", "FREL", "2023-10-15", "YES", "X", False, "G5", None),
]


def add_care_leavers(store: TinyStore, records: list[tuple]) -> None:
    store.add(
        "ssd_care_leavers",
        *(
            {
                "clea_table_id": rid,
                "clea_person_id": person,
                "clea_care_leaver_eligibility": category,
                "clea_care_leaver_latest_contact": d(day),
                "clea_care_leaver_in_touch": in_touch,
                "clea_care_leaver_accommodation": accom,
                "clea_care_leaver_accom_suitable": suitable,
                "clea_care_leaver_activity": activity,
                "clea_care_leaver_allocated_team": team,
            }
            for person, rid, category, day, in_touch, accom, suitable, activity, team in records
        ),
    )


@pytest.fixture
def leavers(store: TinyStore) -> TinyStore:
    store.add(
        "ssd_person",
        *(
            {
                "pers_person_id": p,
                "pers_dob": d(dob),
                "pers_death_date": d(died) if died else None,
            }
            for p, (dob, died) in PEOPLE.items()
        ),
    )
    add_care_leavers(store, RECORDS)
    store.add(
        "ssd_department",
        {"dept_team_id": "T1", "dept_team_name": "North", "dept_team_parent_name": "Leaving care"},
        {"dept_team_id": "T2", "dept_team_name": "South", "dept_team_parent_name": "Leaving care"},
    )
    store.compute(SNAPSHOT_IDS, "2023-01", "2024-03")
    return store


def figures(store: TinyStore, indicator_id: str, month: str, *breakdown: str) -> tuple:
    row = store.row(indicator_id, "snapshot", month, *breakdown)
    return row["numerator"], row["denominator"], row["value"]


def test_19_21_suitable_accommodation(leavers: TinyStore) -> None:
    # 28 Feb 2023: C (leap-day birthday) is still 18; only D.
    assert figures(leavers, "care_leavers_19_21_accom_pct", "2023-02") == (1, 1, 100.0)
    assert figures(leavers, "care_leavers_19_21_accom_pct", "2023-03") == (3, 3, 100.0)
    # 31 Dec 2023: A C D F G; E qualifying, I returned home, B 18, H 23 are out.
    assert figures(leavers, "care_leavers_19_21_accom_pct", "2023-12") == (5, 5, 100.0)
    # 31 Jan 2024: D has turned 22 and F died on 15 January.
    assert figures(leavers, "care_leavers_19_21_accom_pct", "2024-01") == (3, 3, 100.0)
    # 31 Mar 2024: A's record dated 31 March applies; B turns 19 that day, not in touch.
    assert figures(leavers, "care_leavers_19_21_accom_pct", "2024-03") == (2, 4, 50.0)
    south = leavers.row("care_leavers_19_21_accom_pct", "snapshot", "2023-12", "team", "South")
    assert (south["numerator"], south["denominator"]) == (3, 3)


def test_19_21_activity(leavers: TinyStore) -> None:
    assert figures(leavers, "care_leavers_19_21_eet_pct", "2023-03") == (
        2,
        3,
        pytest.approx(200 / 3),
    )
    assert figures(leavers, "care_leavers_19_21_eet_pct", "2023-12") == (4, 5, 80.0)
    assert figures(leavers, "care_leavers_19_21_neet_pct", "2023-12") == (1, 5, 20.0)
    assert figures(leavers, "care_leavers_education_pct", "2023-12") == (2, 5, 40.0)
    assert figures(leavers, "care_leavers_training_employment_pct", "2023-12") == (2, 5, 40.0)
    assert figures(leavers, "care_leavers_19_21_neet_pct", "2024-01") == (0, 3, 0.0)
    # 31 Mar 2024: B (no information) is in the denominator but in neither EET nor NEET.
    assert figures(leavers, "care_leavers_19_21_eet_pct", "2024-03") == (2, 4, 50.0)
    assert figures(leavers, "care_leavers_19_21_neet_pct", "2024-03") == (1, 4, 25.0)
    assert figures(leavers, "care_leavers_education_pct", "2024-03") == (1, 4, 25.0)
    assert figures(leavers, "care_leavers_training_employment_pct", "2024-03") == (1, 4, 25.0)
    # G's two same-day records: G2 (P3) wins over G1 (G6), so no pregnancy/parenting NEET.
    south = leavers.row("care_leavers_19_21_neet_pct", "snapshot", "2023-12", "team", "South")
    assert (south["numerator"], south["denominator"]) == (1, 3)


def test_neet_by_reason(leavers: TinyStore) -> None:
    reason = "care_leavers_neet_reason_pct"
    # The headline is the total NEET; each reason is over the whole cohort.
    assert figures(leavers, reason, "2023-12") == (1, 5, 20.0)
    assert figures(leavers, reason, "2023-12", "reason", "illness_disability") == (1, 5, 20.0)
    assert figures(leavers, reason, "2023-12", "reason", "other") == (0, 5, 0.0)
    assert figures(leavers, reason, "2023-12", "reason", "pregnancy_parenting") == (0, 5, 0.0)
    assert figures(leavers, reason, "2024-03", "reason", "other") == (1, 4, 25.0)
    assert figures(leavers, reason, "2024-03", "reason", "illness_disability") == (0, 4, 0.0)


def test_22_25(leavers: TinyStore) -> None:
    # Nobody aged 22-25 and in touch at 31 Mar 2023: an empty figure, not zero.
    assert figures(leavers, "care_leavers_22_25_accom_pct", "2023-03") == (0, 0, None)
    assert figures(leavers, "care_leavers_22_25_accom_pct", "2023-09") == (1, 1, 100.0)
    assert figures(leavers, "care_leavers_22_25_neet_pct", "2023-09") == (0, 1, 0.0)
    assert figures(leavers, "care_leavers_22_25_accom_pct", "2023-12") == (0, 1, 0.0)
    assert figures(leavers, "care_leavers_22_25_neet_pct", "2023-12") == (1, 1, 100.0)
    # D turns 22 on 10 Jan 2024; H (not in touch) never counts.
    assert figures(leavers, "care_leavers_22_25_accom_pct", "2024-01") == (1, 2, 50.0)
    assert figures(leavers, "care_leavers_22_25_neet_pct", "2024-01") == (2, 2, 100.0)


def test_care_experienced(leavers: TinyStore) -> None:
    assert leavers.value("care_experienced_count", "snapshot", "2023-12") == 9
    assert leavers.value("care_experienced_count", "snapshot", "2024-01") == 8
    band = leavers.row("care_experienced_count", "snapshot", "2023-12", "leaver_age_band", "22-25")
    assert band["numerator"] == 2


def test_emergency_accommodation(store: TinyStore) -> None:
    """Statuses are in force from their contact date until the next record.

      M FREL M1 2023-03-31 V, M2 2023-04-01 U: in emergency accommodation on 31 March only
      J FREL J1 2023-05-20 V, J2 2023-07-01 U: May and June (the new record on 1 July)
      K ELIG K1 2023-08-10 V: still looked after, not a care leaver
      L REL  L1 2023-08-31 V, L2 2023-11-01 V: from 31 August on, counted once per period

    Month Mar 2023: M = 1; Apr 2023: 0; Jul 2023: 0; quarter Apr-Jun: J = 1; quarter Jul-Sep:
    L = 1; quarter Oct-Dec: L = 1; year to date Dec 2023 and 2023-24: J L = 2.
    """
    store.add(
        "ssd_person",
        *({"pers_person_id": p, "pers_dob": d("2004-06-01")} for p in "MJKL"),
    )
    add_care_leavers(
        store,
        [
            ("M", "M1", "FREL", "2023-03-31", "YES", "V", False, "G5", "North"),
            ("M", "M2", "FREL", "2023-04-01", "YES", "U", True, "G5", "North"),
            ("J", "J1", "FREL", "2023-05-20", "YES", "V", False, "F3", "North"),
            ("J", "J2", "FREL", "2023-07-01", "YES", "U", True, "F3", "North"),
            ("K", "K1", "ELIG", "2023-08-10", None, "V", False, None, "North"),
            ("L", "L1", "REL", "2023-08-31", "YES", "V", False, "G5", "South"),
            ("L", "L2", "REL", "2023-11-01", "YES", "V", False, "G5", "South"),
        ],
    )
    ident = "care_leavers_emergency_accom_count"
    store.compute([ident], "2023-03", "2024-03")
    assert store.value(ident, "month", "2023-03") == 1
    assert store.value(ident, "month", "2023-04") == 0
    assert store.value(ident, "month", "2023-06") == 1
    assert store.value(ident, "month", "2023-07") == 0
    assert store.value(ident, "quarter", "2023-06") == 1
    assert store.value(ident, "quarter", "2023-09") == 1
    assert store.value(ident, "quarter", "2023-12") == 1
    assert store.value(ident, "ytd", "2023-12") == 2
    assert store.value(ident, "fy", "2024-03") == 2
    assert store.value(ident, "rolling_12m", "2024-03") == 2
    north = store.row(ident, "fy", "2024-03", "team", "North")
    assert north["numerator"] == 1


def test_homelessness_is_manual(store: TinyStore) -> None:
    """No homelessness presentations in the model: figures come from csc_manual_measures."""
    store.add(
        "csc_manual_measures",
        {
            "mm_indicator_id": "homeless_16_17_referral_pct",
            "mm_period_kind": "fy",
            "mm_period_end": d("2024-03-31"),
            "mm_numerator": 19,
            "mm_denominator": 25,
            "mm_value": 76.0,
        },
    )
    store.compute(["homeless_16_17_referral_pct"], "2023-04", "2024-03")
    row = store.row("homeless_16_17_referral_pct", "fy", "2024-03")
    assert (row["numerator"], row["denominator"], row["value"]) == (19, 25, 76.0)
