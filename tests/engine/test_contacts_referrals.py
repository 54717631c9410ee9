"""Referral indicators, worked by hand from nine referrals of five children.

Referrals (child, id, date, decision date, team):
  A R1 2024-01-15 (Mon) decided 2024-01-16: 1 working day               North
  A R2 2024-06-10 (Mon) decided 2024-06-14: 4 working days; R1 is 5 months before: re-referral
                                                                        North
  B R4 2023-02-28                                                       South
  B R5 2024-02-29 (leap day) decided 2024-03-04 (Mon): 2 working days; 12 months back is
        2023-02-28, the date of R4, so R5 IS a re-referral (boundary inclusive)   South
  C R6 2023-03-01                                                       South
  C R7 2024-03-02 (Sat) decided 2024-03-04 (Mon): 1 working day; 12 months back is 2023-03-02,
        after R6, so NOT a re-referral                                  South
  D R8 2024-11-30 (Sat), no decision yet                                South
  E R9 2024-03-28 (Thu) decided 2024-04-02 (Tue): Good Friday 29 Mar and Easter Monday 1 Apr
        are bank holidays, so 1 working day                             South
Population aged 0-17: mid-2023 8,000; mid-2024 10,000.
"""

from __future__ import annotations

import pytest
from conftest import TinyStore, d

IDS = [
    "referrals_count",
    "referrals_rate_per_10k",
    "re_referrals_12m_pct",
    "re_referrals_count",
    "referrals_completed_1wd_pct",
    "referrals_completed_over_3wd_pct",
]


@pytest.fixture
def referrals(store: TinyStore) -> TinyStore:
    rows = [
        ("A", "R1", "2024-01-15", "2024-01-16", "North"),
        ("A", "R2", "2024-06-10", "2024-06-14", "North"),
        ("B", "R4", "2023-02-28", None, "South"),
        ("B", "R5", "2024-02-29", "2024-03-04", "South"),
        ("C", "R6", "2023-03-01", None, "South"),
        ("C", "R7", "2024-03-02", "2024-03-04", "South"),
        ("D", "R8", "2024-11-30", None, "South"),
        ("E", "R9", "2024-03-28", "2024-04-02", "South"),
    ]
    store.add(
        "ssd_cin_episodes",
        *(
            {
                "cine_person_id": child,
                "cine_referral_id": rid,
                "cine_referral_date": d(day),
                "cine_referral_decision_date": d(decided) if decided else None,
                "cine_referral_team": team,
            }
            for child, rid, day, decided, team in rows
        ),
    )
    store.add(
        "ssd_department",
        {"dept_team_id": "T1", "dept_team_name": "North", "dept_team_parent_name": "Locality"},
        {"dept_team_id": "T2", "dept_team_name": "South", "dept_team_parent_name": "Locality"},
    )
    store.population(2023, 8_000).population(2024, 10_000)
    store.add(
        "ssd_person",
        {"pers_person_id": "A", "pers_sex": "F", "pers_dob": d("2010-06-01")},
        {"pers_person_id": "B", "pers_sex": "M", "pers_dob": d("2023-03-01")},
        {"pers_person_id": "C", "pers_dob": d("2008-03-31")},
        {"pers_person_id": "D"},
        {"pers_person_id": "E", "pers_sex": "M", "pers_dob": d("2014-04-01")},
    )
    store.compute(IDS, "2023-01", "2024-11")
    return store


def test_referral_counts_and_rates(referrals: TinyStore) -> None:
    # Dec23-Nov24: R1 R2 R5 R7 R8 R9 = 6; population for a period ending Nov 2024 is mid-2024.
    assert referrals.value("referrals_count", "rolling_12m", "2024-11") == 6
    assert referrals.value("referrals_rate_per_10k", "rolling_12m", "2024-11") == 6.0
    # Jun24-Nov24: R2 R8 = 2, annualised x2 = 4 per 10,000 of 10,000.
    assert referrals.value("referrals_rate_per_10k", "rolling_6m", "2024-11") == 4.0
    # 2023-24 (Apr23-Mar24): R1 R5 R7 R9 = 4 over mid-2023's 8,000 = 5.0.
    assert referrals.value("referrals_count", "fy", "2024-03") == 4
    assert referrals.value("referrals_rate_per_10k", "fy", "2024-03") == 5.0
    # A month with nothing is a zero, not a gap.
    assert referrals.value("referrals_count", "month", "2024-04") == 0
    # Rolling 12 months ending Jun 2023 would start before the data (Jan 2023): not computed.
    assert referrals.results is not None
    assert referrals.results.filter(
        (referrals.results["period_kind"] == "rolling_12m")
        & (referrals.results["period_end"] == d("2023-06-30"))
    ).is_empty()


def test_re_referrals_within_12_months(referrals: TinyStore) -> None:
    # Dec23-Nov24: re-referrals R2 and R5 (leap-day boundary) of 6 referrals.
    row = referrals.row("re_referrals_12m_pct", "rolling_12m", "2024-11")
    assert (row["numerator"], row["denominator"]) == (2, 6)
    assert row["value"] == pytest.approx(100 * 2 / 6)
    assert referrals.value("re_referrals_12m_pct", "rolling_6m", "2024-11") == 50.0
    assert referrals.value("re_referrals_12m_pct", "month", "2024-02") == 100.0
    # R7 is one day outside the 12 months; R9 is a first referral.
    assert referrals.value("re_referrals_12m_pct", "month", "2024-03") == 0.0
    assert referrals.value("re_referrals_12m_pct", "month", "2024-04") is None
    assert referrals.value("re_referrals_count", "rolling_12m", "2024-11") == 2
    by_team = referrals.row("re_referrals_12m_pct", "rolling_12m", "2024-11", "team", "South")
    assert (by_team["numerator"], by_team["denominator"]) == (1, 4)


def test_referral_decision_timeliness(referrals: TinyStore) -> None:
    # Decided in March 2024: R5 (2 working days) and R7 (1 working day, from a Saturday).
    assert referrals.value("referrals_completed_1wd_pct", "month", "2024-03") == 50.0
    assert referrals.value("referrals_completed_over_3wd_pct", "month", "2024-03") == 0.0
    # R9 across Easter: 1 working day.
    assert referrals.value("referrals_completed_1wd_pct", "month", "2024-04") == 100.0
    # R2: 4 working days.
    assert referrals.value("referrals_completed_over_3wd_pct", "month", "2024-06") == 100.0
    # Year to date Apr-Nov 2024: R9 (1) and R2 (4); R8 has no decision and is not in scope.
    row = referrals.row("referrals_completed_1wd_pct", "ytd", "2024-11")
    assert (row["numerator"], row["denominator"]) == (1, 2)


def test_drill_through_lists_the_referrals_behind_a_figure(referrals: TinyStore) -> None:
    from csc_scorecard.engine.catalogue import load_catalogue
    from csc_scorecard.engine.compile import DrillCell
    from csc_scorecard.engine.drill import rows_behind

    cell = DrillCell("Z01", "rolling_12m", "2024-11-30", "team", "South")
    indicator = load_catalogue()["re_referrals_12m_pct"]
    rows = rows_behind(referrals.drill_backend(indicator), indicator, cell).sort("referral_id")
    # South's four referrals Dec23-Nov24, of which R5 is the re-referral.
    assert rows["referral_id"].to_list() == ["R5", "R7", "R8", "R9"]
    assert rows["in_numerator"].to_list() == [True, False, False, False]
    assert set(rows["person_id"]) == {"B", "C", "D", "E"}


def test_breakdowns_by_child_characteristics(referrals: TinyStore) -> None:
    """Ages at the end of the month each referral counts in:
    A (born 2010-06-01): R1 Jan 2024 and R2 Jun 2024, 13 and 14: "10 to 15".
    B (born 2023-03-01): R5 at 2024-02-29, 0: "Under 1".
    C (born 2008-03-31): R7 at 2024-03-31, 16 on that very day: "16 to 17".
    D (no date of birth): R8: "Unborn or not known".
    E (born 2014-04-01): R9 at 2024-03-31, 9 (10 the next day): "5 to 9".
    Sex: A female; B and E male; C and D not recorded.
    """
    referrals.compute(IDS, "2023-01", "2024-11", by=["age_band", "sex"])

    def count(kind: str, value: str) -> float:
        return referrals.row("referrals_count", "rolling_12m", "2024-11", kind, value)["value"]

    assert count("age_band", "10 to 15") == 2
    assert count("age_band", "Under 1") == 1
    assert count("age_band", "16 to 17") == 1
    assert count("age_band", "Unborn or not known") == 1
    assert count("age_band", "5 to 9") == 1
    female = referrals.row("re_referrals_12m_pct", "rolling_12m", "2024-11", "sex", "Female")
    male = referrals.row("re_referrals_12m_pct", "rolling_12m", "2024-11", "sex", "Male")
    unknown = referrals.row("re_referrals_12m_pct", "rolling_12m", "2024-11", "sex", "Not known")
    assert [(r["numerator"], r["denominator"]) for r in (female, male, unknown)] == [
        (1, 2),
        (1, 2),
        (0, 2),
    ]
    # Asked for characteristics only, team breakdowns are not computed.
    assert referrals.results is not None
    assert "team" not in set(referrals.results["breakdown"].drop_nulls())
