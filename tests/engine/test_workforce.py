"""Workforce indicators, worked by hand from three month ends of a small workforce return.

Teams: North and South (service Locality) hold social workers (SW); Reviewing and Reviewing East
(service Quality) hold IROs. Columns: filled FTE, agency FTE, vacant FTE, highest caseload of one
worker, children allocated, workers holding cases.

30 Apr 2024   North SW  filled 10, agency 3, vacant 1.5, highest 22
              South SW  filled 20, agency 3, vacant 0.5, highest 28
              Reviewing IRO filled 4, agency 1, highest 90, children 300, IROs 4
  agency 6 / 30 = 20% (the IRO agency worker is not a social worker); North 3/10 = 30%
  vacancies 1.5 + 0.5 = 2; highest 28 (the IRO's 90 is not a social worker caseload)
  IRO caseload 300 / 4 = 75
31 May 2024   North SW  filled 10, agency 5, vacant 0, highest 31
              South SW  filled (missing), agency 2, vacant 1, highest 19
              Reviewing IRO children 280, IROs 3; Reviewing East IRO children 60, IROs 1
  agency: South has no filled FTE, so it is out of both sides: 5 / 10 = 50%
  vacancies 0 + 1 = 1; highest 31
  IRO caseload (280 + 60) / (3 + 1) = 85, a ratio of sums (the mean of team means, 93.3 and 60,
  would be 76.7)
30 Jun 2024   North SW  filled 10, agency 0, vacant 2, highest 18
              South SW  filled 20, agency 4, vacant (missing), highest 24
              Reviewing IRO children 270, IROs 3; Reviewing East IRO children 0, IROs 0 (out);
              Reviewing West IRO children (missing), IROs 2 (out)
  agency 4 / 30 = 13.33%; vacancies 2; highest 24; IRO caseload 270 / 3 = 90
2024-25 Q1 (Apr-Jun): highest = the peak of 28, 31, 24 = 31;
  IRO caseload (300 + 340 + 270) / (4 + 4 + 3) = 910 / 11 = 82.73
31 Jul 2024: no return at all: agency % empty (zero denominator), vacancies empty (unknown, not 0).

Supervision and survey measures are entered by hand (csc_manual_measures).
"""

from __future__ import annotations

import polars as pl
import pytest
from conftest import TinyStore, d

COMPUTED = ["agency_sw_pct", "sw_vacancies", "highest_caseload", "iro_caseload_avg"]
MANUAL = [
    "iro_practice_alerts_avg",
    "supervision_frequency_pct",
    "supervision_quality_pct",
    "staff_supervision_beneficial_pct",
]


@pytest.fixture
def workforce(store: TinyStore) -> TinyStore:
    # month end, team, role, filled, agency, vacant, highest, children, IROs
    rows = [
        ("2024-04-30", "North", "SW", 10, 3, 1.5, 22, None, None),
        ("2024-04-30", "South", "SW", 20, 3, 0.5, 28, None, None),
        ("2024-04-30", "Reviewing", "IRO", 4, 1, None, 90, 300, 4),
        ("2024-05-31", "North", "SW", 10, 5, 0, 31, None, None),
        ("2024-05-31", "South", "SW", None, 2, 1, 19, None, None),
        ("2024-05-31", "Reviewing", "IRO", 3, 0, None, 100, 280, 3),
        ("2024-05-31", "Reviewing East", "IRO", 1, 0, None, 60, 60, 1),
        ("2024-06-30", "North", "SW", 10, 0, 2, 18, None, None),
        ("2024-06-30", "South", "SW", 20, 4, None, 24, None, None),
        ("2024-06-30", "Reviewing", "IRO", 3, 0, None, 95, 270, 3),
        ("2024-06-30", "Reviewing East", "IRO", 0, 0, None, None, 0, 0),
        ("2024-06-30", "Reviewing West", "IRO", 2, 0, None, None, None, 2),
    ]
    store.add(
        "csc_workforce_monthly",
        *(
            {
                "wkf_month_end": d(month_end),
                "wkf_team": team,
                "wkf_role": role,
                "wkf_filled_fte": filled,
                "wkf_agency_fte": agency,
                "wkf_vacancies_fte": vacant,
                "wkf_caseload_max": highest,
                "wkf_caseload_total": children,
                "wkf_headcount": iros,
            }
            for month_end, team, role, filled, agency, vacant, highest, children, iros in rows
        ),
    )
    store.add(
        "ssd_department",
        {"dept_team_id": "T1", "dept_team_name": "North", "dept_team_parent_name": "Locality"},
        {"dept_team_id": "T2", "dept_team_name": "South", "dept_team_parent_name": "Locality"},
        {"dept_team_id": "T3", "dept_team_name": "Reviewing", "dept_team_parent_name": "Quality"},
    )
    # The council is known from its children (csc_councils), not from the workforce return.
    store.add("ssd_person", {"pers_person_id": "X"})
    store.compute(COMPUTED, "2024-04", "2024-07")
    return store


def test_agency_social_workers_percentage_of_filled_fte(workforce: TinyStore) -> None:
    row = workforce.row("agency_sw_pct", "month", "2024-04")
    assert (row["numerator"], row["denominator"]) == (6, 30)
    assert row["value"] == pytest.approx(20.0)
    # South has no filled FTE in May: left out of both sides.
    row = workforce.row("agency_sw_pct", "month", "2024-05")
    assert (row["numerator"], row["denominator"]) == (5, 10)
    assert row["value"] == pytest.approx(50.0)
    assert workforce.value("agency_sw_pct", "month", "2024-06") == pytest.approx(100 * 4 / 30)
    # No return in July: no denominator, no figure.
    assert workforce.value("agency_sw_pct", "month", "2024-07") is None
    north = workforce.row("agency_sw_pct", "month", "2024-04", "team", "North")
    assert north["value"] == pytest.approx(30.0)
    locality = workforce.row("agency_sw_pct", "month", "2024-04", "service", "Locality")
    assert (locality["numerator"], locality["denominator"]) == (6, 30)


def test_stocks_are_not_summed_over_months(workforce: TinyStore) -> None:
    assert workforce.results is not None
    kinds = set(
        workforce.results.filter(
            workforce.results["indicator_id"].is_in(["agency_sw_pct", "sw_vacancies"])
        )["period_kind"]
    )
    assert kinds == {"month"}


def test_social_work_vacancies_at_month_end(workforce: TinyStore) -> None:
    assert workforce.value("sw_vacancies", "month", "2024-04") == pytest.approx(2.0)
    assert workforce.value("sw_vacancies", "month", "2024-05") == pytest.approx(1.0)
    # South's vacancies are missing in June; North's 2 stand.
    assert workforce.value("sw_vacancies", "month", "2024-06") == pytest.approx(2.0)
    assert workforce.value("sw_vacancies", "month", "2024-07") is None
    south = workforce.row("sw_vacancies", "month", "2024-04", "team", "South")
    assert south["value"] == pytest.approx(0.5)


def test_highest_social_worker_caseload(workforce: TinyStore) -> None:
    assert workforce.value("highest_caseload", "month", "2024-04") == 28
    assert workforce.value("highest_caseload", "month", "2024-05") == 31
    # The quarter-end position is the June figure; the quarter is the peak of its month ends.
    assert workforce.value("highest_caseload", "month", "2024-06") == 24
    assert workforce.value("highest_caseload", "quarter", "2024-06") == 31
    north = workforce.row("highest_caseload", "quarter", "2024-06", "team", "North")
    assert north["value"] == 31
    south = workforce.row("highest_caseload", "quarter", "2024-06", "team", "South")
    assert south["value"] == 28


def test_iro_caseload_is_children_over_iros(workforce: TinyStore) -> None:
    row = workforce.row("iro_caseload_avg", "month", "2024-04")
    assert (row["numerator"], row["denominator"], row["value"]) == (300, 4, 75.0)
    row = workforce.row("iro_caseload_avg", "month", "2024-05")
    assert (row["numerator"], row["denominator"]) == (340, 4)
    assert row["value"] == pytest.approx(85.0)
    # June: a team with no IROs and a team with no caseload recorded are out.
    row = workforce.row("iro_caseload_avg", "month", "2024-06")
    assert (row["numerator"], row["denominator"], row["value"]) == (270, 3, 90.0)
    row = workforce.row("iro_caseload_avg", "quarter", "2024-06")
    assert (row["numerator"], row["denominator"]) == (910, 11)
    assert row["value"] == pytest.approx(910 / 11)
    assert workforce.value("iro_caseload_avg", "month", "2024-07") is None


def test_manual_workforce_measures_come_through(store: TinyStore) -> None:
    """Seed 001 2016-17: supervision frequency Q4 71.0 (entered with 71 of 100 audited);
    supervision quality Q3 50; staff survey 55 of 79 respondents = 69.6, printed 69.0 for the year
    and in Q4 (the published figure is carried as entered); practice alerts 17.4 per IRO over
    the rolling 3 months to December and 17.8 for Q4."""
    entries = [
        ("supervision_frequency_pct", "quarter", "2017-03-31", 71, 100, 71.0),
        ("supervision_quality_pct", "quarter", "2016-12-31", 5, 10, 50.0),
        ("staff_supervision_beneficial_pct", "fy", "2017-03-31", 55, 79, 69.0),
        ("staff_supervision_beneficial_pct", "quarter", "2017-03-31", 55, 79, 69.0),
        ("iro_practice_alerts_avg", "rolling_3m", "2016-12-31", 87, 5, 17.4),
        ("iro_practice_alerts_avg", "quarter", "2017-03-31", None, None, 17.8),
        # A kind the indicator does not declare, and another council's figure: ignored.
        ("supervision_frequency_pct", "month", "2017-03-31", 1, 1, 100.0),
    ]
    store.add(
        "csc_manual_measures",
        *(
            {
                "mm_indicator_id": ind,
                "mm_period_kind": kind,
                "mm_period_end": d(end),
                "mm_numerator": top,
                "mm_denominator": bottom,
                "mm_value": value,
            }
            for ind, kind, end, top, bottom, value in entries
        ),
        {
            "la_code": "Z02",
            "mm_indicator_id": "supervision_quality_pct",
            "mm_period_kind": "quarter",
            "mm_period_end": d("2017-03-31"),
            "mm_value": 99.0,
        },
    )
    results = store.compute(MANUAL, "2016-04", "2017-03")

    def figures(ind: str, kind: str, end: str, la: str = "Z01") -> tuple[object, ...] | None:
        """(numerator, denominator, value) as entered; None where nothing was entered."""
        rows = results.filter(
            (pl.col("indicator_id") == ind)
            & (pl.col("la_code") == la)
            & (pl.col("period_kind") == kind)
            & (pl.col("period_end") == d(end))
            & pl.col("breakdown").is_null()
        )
        assert rows.height <= 1, rows
        return rows.select("numerator", "denominator", "value").row(0) if rows.height else None

    assert figures("supervision_frequency_pct", "quarter", "2017-03-31") == (71, 100, 71.0)
    assert figures("supervision_quality_pct", "quarter", "2016-12-31") == (5, 10, 50.0)
    # No entry for Q4 in this council: Z02's 99 is another council's.
    assert figures("supervision_quality_pct", "quarter", "2017-03-31") is None
    assert figures("supervision_quality_pct", "quarter", "2017-03-31", "Z02") == (None, None, 99.0)
    assert figures("staff_supervision_beneficial_pct", "fy", "2017-03-31") == (55, 79, 69.0)
    assert figures("staff_supervision_beneficial_pct", "quarter", "2017-03-31") == (55, 79, 69.0)
    assert figures("iro_practice_alerts_avg", "rolling_3m", "2016-12-31") == (87, 5, 17.4)
    # Entered as the published figure only: no numerator or denominator is invented.
    assert figures("iro_practice_alerts_avg", "quarter", "2017-03-31") == (None, None, 17.8)
    # Nothing was entered for the rolling 3 months to March.
    assert figures("iro_practice_alerts_avg", "rolling_3m", "2017-03-31") is None
    # The month entry is of a kind no manual indicator here declares.
    assert results.filter(pl.col("period_kind") == "month").is_empty()
