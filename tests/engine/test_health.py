"""Health indicators for children looked after, worked by hand.

Annual health assessment and dental check cohort (looked after at the month end, continuously
for 12 months: period of care began on or before the first day of the 12 months, e.g.
2023-04-01 for 2024-03-31; short breaks V3/V4 excluded):
  A  C2 from 2023-04-01, open. RHA done 2024-03-31 (the last day); dental 2023-03-31.
  B  C2 from 2023-04-02, open: one day short of 12 months at 31 March 2024, in the cohort at
     30 April 2024. IHA done 2023-05-01 (first day of the 12 months to 30 April 2024).
     Dental check refused 2024-04-01.
  C  V3 short break from 2022-01-01: never counted. RHA done 2024-01-10; RHA refused 2024-02-05.
  D  C2 2022-06-01 to 2023-09-30 (X1), then C2 (RNE P) from 2023-09-30: one period of care.
     Dental done 2023-04-01 (first day of the 12 months to 31 March 2024). RHA refused
     2024-02-15.
  E  C2 2022-01-01 to 2023-06-30 (E4A, went home), back (RNE S) the same day: a new period of
     care, so not continuously looked after. RHA done 2024-01-05.
  F  C2 2021-01-01 to 2024-03-31 (E4A): not looked after at 31 March 2024. RHA done
     2023-03-01: at 29 Feb 2024 the 12 months start on 2023-03-01 (leap-year arithmetic).

Cohort and numerators:
  2024-02-29: D, F -> assessment F (1/2), dental D (1/2).
  2024-03-31: A, D -> assessment A (1/2), dental D (1/2).
  2024-04-30: A, B, D -> assessment A, B (2/3), dental none (0/3).
Refusals (children looked after in the period, short breaks excluded):
  Feb 2024: A B D E F looked after; D refused an RHA -> 1/5. April 2024: A B D E (F ceased on
  31 March) -> 0/4 RHA; B refused a dental check on 1 April -> 1/4. FY 2023-24: A B D E F ->
  RHA 1/5, dental 0/5.
"""

from __future__ import annotations

import pytest
from conftest import TinyStore, d

COHORT_IDS = [
    "cla_health_assessment_pct",
    "cla_dental_check_pct",
    "cla_rha_refused_pct",
    "cla_dental_refused_pct",
]
IHA_IDS = ["iha_completed_pct", "iha_20wd_pct", "iha_form_5wd_pct"]
MANUAL_IDS = ["cla_rha_completed_ytd_pct", "cla_dental_completed_ytd_pct"]


def episode(
    eid: str,
    child: str,
    start: str,
    end: str | None = None,
    *,
    rne: str = "S",
    rec: str | None = None,
    legal: str = "C2",
    team: str = "CiC",
) -> dict[str, object]:
    return {
        "clae_cla_episode_id": eid,
        "clae_person_id": child,
        "clae_cla_episode_start_date": d(start),
        "clae_cla_episode_ceased_date": d(end) if end else None,
        "clae_cla_episode_start_reason": rne,
        "clae_cla_episode_ceased_reason": rec,
        "clae_cla_legal_status": legal,
        "clae_cla_team": team,
    }


def check(
    hid: str,
    child: str,
    kind: str,
    status: str,
    done: str | None,
    *,
    requested: str | None = None,
) -> dict[str, object]:
    return {
        "clah_health_check_id": hid,
        "clah_person_id": child,
        "clah_health_check_type": kind,
        "clah_health_check_status": status,
        "clah_health_check_date": d(done) if done else None,
        "clah_health_check_requested_date": d(requested) if requested else None,
    }


@pytest.fixture
def cohort(store: TinyStore) -> TinyStore:
    store.add(
        "ssd_cla_episodes",
        episode("A1", "A", "2023-04-01", team="North"),
        episode("B1", "B", "2023-04-02", team="South"),
        episode("C1", "C", "2022-01-01", legal="V3"),
        episode("D1", "D", "2022-06-01", "2023-09-30", rec="X1", team="North"),
        episode("D2", "D", "2023-09-30", rne="P", team="North"),
        episode("E1", "E", "2022-01-01", "2023-06-30", rec="E4A"),
        episode("E2", "E", "2023-06-30"),
        episode("F1", "F", "2021-01-01", "2024-03-31", rec="E4A"),
    )
    store.add(
        "ssd_cla_health",
        check("h1", "A", "RHA", "C", "2024-03-31"),
        check("h2", "A", "DENTAL", "C", "2023-03-31"),
        check("h3", "B", "IHA", "C", "2023-05-01"),
        check("h4", "B", "DENTAL", "R", "2024-04-01"),
        check("h5", "C", "RHA", "C", "2024-01-10"),
        check("h6", "C", "RHA", "R", "2024-02-05"),
        check("h7", "D", "DENTAL", "C", "2023-04-01"),
        check("h8", "D", "RHA", "R", "2024-02-15"),
        check("h9", "E", "RHA", "C", "2024-01-05"),
        check("h10", "F", "RHA", "C", "2023-03-01"),
    )
    store.add(
        "ssd_department",
        {"dept_team_id": "T1", "dept_team_name": "North", "dept_team_parent_name": "CiC"},
        {"dept_team_id": "T2", "dept_team_name": "South", "dept_team_parent_name": "CiC"},
    )
    store.add("ssd_person", *({"pers_person_id": c} for c in "ABCDEF"))
    store.compute(COHORT_IDS, "2023-04", "2024-04")
    return store


def figures(s: TinyStore, indicator_id: str, kind: str, month: str) -> tuple[float, float, float]:
    row = s.row(indicator_id, kind, month)
    return row["numerator"], row["denominator"], row["value"]


def test_annual_health_assessment_cohort_at_31_march(cohort: TinyStore) -> None:
    # A (from 1 April 2023) is in; B (2 April) one day short; C short break; E re-entered care;
    # F ceased on 31 March. A's RHA on 31 March counts.
    assert figures(cohort, "cla_health_assessment_pct", "snapshot", "2024-03") == (1, 2, 50.0)
    # A month on, B is in the cohort and its IHA on the first day of the 12 months counts.
    num, den, value = figures(cohort, "cla_health_assessment_pct", "snapshot", "2024-04")
    assert (num, den) == (2, 3)
    assert value == pytest.approx(100 * 2 / 3)
    # Leap year: at 29 Feb 2024 the 12 months start on 1 March 2023, the day of F's RHA.
    assert figures(cohort, "cla_health_assessment_pct", "snapshot", "2024-02") == (1, 2, 50.0)
    by_team = cohort.row("cla_health_assessment_pct", "snapshot", "2024-03", "team", "North")
    assert (by_team["numerator"], by_team["denominator"]) == (1, 2)


def test_dental_check_in_the_last_12_months(cohort: TinyStore) -> None:
    # D's check on 1 April 2023 is inside the 12 months to 31 March 2024; A's on 31 March 2023
    # is one day outside.
    assert figures(cohort, "cla_dental_check_pct", "snapshot", "2024-03") == (1, 2, 50.0)
    assert figures(cohort, "cla_dental_check_pct", "snapshot", "2024-02") == (1, 2, 50.0)
    # At 30 April 2024 D's check has dropped out; B's refusal is not a check.
    assert figures(cohort, "cla_dental_check_pct", "snapshot", "2024-04") == (0, 3, 0.0)


def test_refusals_among_children_looked_after(cohort: TinyStore) -> None:
    # February: A B D E F looked after (C's short break and refusal excluded); D refused.
    assert figures(cohort, "cla_rha_refused_pct", "month", "2024-02") == (1, 5, 20.0)
    # April: F ceased on 31 March, so A B D E; B refused a dental check on 1 April.
    assert figures(cohort, "cla_rha_refused_pct", "month", "2024-04") == (0, 4, 0.0)
    assert figures(cohort, "cla_dental_refused_pct", "month", "2024-04") == (1, 4, 25.0)
    # March: F still counts (looked after until 31 March).
    assert figures(cohort, "cla_dental_refused_pct", "month", "2024-03") == (0, 5, 0.0)
    # Financial year 2023-24: A B D E F, each once.
    assert figures(cohort, "cla_rha_refused_pct", "fy", "2024-03") == (1, 5, 20.0)
    assert figures(cohort, "cla_dental_refused_pct", "fy", "2024-03") == (0, 5, 0.0)
    assert figures(cohort, "cla_dental_refused_pct", "ytd", "2024-04") == (1, 4, 25.0)


@pytest.fixture
def entries(store: TinyStore) -> TinyStore:
    """Children entering care (working days start-exclusive, England bank holidays):

    G  C1 from Thu 2024-03-28. IHA requested Fri 5 April: Good Friday 29 March and Easter
       Monday 1 April are bank holidays, so 2-5 April = 4 working days (<= 5). IHA done Mon
       29 April = 20 working days (2-5, 8-12, 15-19, 22-26 April, 29 April): within 20.
    H  V2 from Tue 2024-04-02. Requested Wed 10 April: 6 working days. IHA done Wed 1 May:
       21 working days.
    J  J1 (remand) from 2024-04-15, no IHA: out of the 20/5-day measures, in 'completed'.
    K  C2 from Sat 2024-04-20, UASC since 1 April: out of the 20/5-day measures. IHA done
       2024-05-10.
    L  V3 short break from 2024-04-03 with an IHA: never counted.
    """
    store.add(
        "ssd_cla_episodes",
        episode("G1", "G", "2024-03-28", legal="C1", team="North"),
        episode("H1", "H", "2024-04-02", legal="V2", team="South"),
        episode("J1", "J", "2024-04-15", legal="J1"),
        episode("K1", "K", "2024-04-20"),
        episode("L1", "L", "2024-04-03", legal="V3"),
    )
    store.add(
        "ssd_cla_health",
        check("i1", "G", "IHA", "C", "2024-04-29", requested="2024-04-05"),
        check("i2", "H", "IHA", "C", "2024-05-01", requested="2024-04-10"),
        check("i3", "K", "IHA", "C", "2024-05-10", requested="2024-04-22"),
        check("i4", "L", "IHA", "C", "2024-04-10", requested="2024-04-04"),
    )
    store.add(
        "ssd_immigration_status",
        {
            "immi_immigration_status_id": "u1",
            "immi_person_id": "K",
            "immi_immigration_status": "UASC",
            "immi_immigration_status_start_date": d("2024-04-01"),
        },
    )
    store.add("ssd_person", *({"pers_person_id": c} for c in "GHJKL"))
    store.compute(IHA_IDS, "2024-01", "2024-06")
    return store


def test_initial_health_assessments(entries: TinyStore) -> None:
    # March: G, 20 working days exactly across Easter; request after 4 working days.
    assert figures(entries, "iha_completed_pct", "month", "2024-03") == (1, 1, 100.0)
    assert figures(entries, "iha_20wd_pct", "month", "2024-03") == (1, 1, 100.0)
    assert figures(entries, "iha_form_5wd_pct", "month", "2024-03") == (1, 1, 100.0)
    # April: H J K entered (L short break). Completed: H and K of 3.
    num, den, value = figures(entries, "iha_completed_pct", "month", "2024-04")
    assert (num, den) == (2, 3)
    assert value == pytest.approx(100 * 2 / 3)
    # Only H is in the timeliness measures (J remand, K UASC): 21 and 6 working days.
    assert figures(entries, "iha_20wd_pct", "month", "2024-04") == (0, 1, 0.0)
    assert figures(entries, "iha_form_5wd_pct", "ytd", "2024-04") == (0, 1, 0.0)
    # March to May: G H J K entered; G and H in the timeliness measures.
    assert figures(entries, "iha_completed_pct", "rolling_3m", "2024-05") == (3, 4, 75.0)
    assert figures(entries, "iha_20wd_pct", "rolling_3m", "2024-05") == (1, 2, 50.0)
    assert figures(entries, "iha_form_5wd_pct", "quarter", "2024-06") == (0, 1, 0.0)
    # Nobody entered care in June: no figure.
    assert entries.value("iha_20wd_pct", "month", "2024-06") is None


def test_manual_due_date_measures_come_from_manual_entries(store: TinyStore) -> None:
    store.add(
        "csc_manual_measures",
        {
            "mm_indicator_id": "cla_rha_completed_ytd_pct",
            "mm_period_kind": "ytd",
            "mm_period_end": d("2023-09-30"),
            "mm_numerator": 80,
            "mm_denominator": 101,
            "mm_value": 79.2,
        },
        {
            "mm_indicator_id": "cla_dental_completed_ytd_pct",
            "mm_period_kind": "ytd",
            "mm_period_end": d("2023-09-30"),
            "mm_value": 51.8,
        },
    )
    store.compute(MANUAL_IDS, "2023-04", "2023-09")
    assert store.value("cla_rha_completed_ytd_pct", "ytd", "2023-09") == 79.2
    assert store.value("cla_dental_completed_ytd_pct", "ytd", "2023-09") == 51.8
