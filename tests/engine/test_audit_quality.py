"""Case audit measures and the pledge survey: figures entered by hand come through unchanged.

Entries follow seed 001 (Sefton CYIPG scorecard 2016-17); numerators and denominators are
invented to fit the printed figures:
  audit_assessments_good_pct      Q3 (Dec 2016) 21.0 = 21 of 100; Q4 (Mar 2017) 30.0 = 9 of 30
  audit_diversity_good_pct        Q4 53.3 = 8 of 15 (53.33, published rounded to 53.3)
  audit_pwp_outcomes_pct          Q3 0 = 0 of 3 (a real zero, not a missing figure)
  audit_independence_prep_pct     Q4 58.8 = 10 of 17
  cla_pledge_survey_pct           Q3 26 = 52 of 200, entered for the quarter the survey ran
The other audits each get one Q4 entry: the seed's Q4 figure over an invented base.
Ignored: an entry for a kind the indicator does not declare (a month), an entry under another
id, and another council's entry. A quarter with nothing entered has no figure at all.
"""

from __future__ import annotations

import polars as pl
import pytest
from conftest import TinyStore, d

AUDITS = [
    "audit_assessments_good_pct",
    "audit_decision_making_good_pct",
    "audit_plans_good_pct",
    "audit_recording_quality_pct",
    "audit_visit_timeliness_pct",
    "audit_diversity_good_pct",
    "audit_risk_good_pct",
    "audit_placement_quality_pct",
    "audit_pwp_outcomes_pct",
    "audit_review_good_pct",
    "audit_impact_good_pct",
    "audit_independence_prep_pct",
]
IDS = [*AUDITS, "cla_pledge_survey_pct"]

# indicator, council, kind, period end, numerator, denominator, value
ENTRIES = [
    ("audit_assessments_good_pct", "Z01", "quarter", "2016-12-31", 21, 100, 21.0),
    ("audit_assessments_good_pct", "Z01", "quarter", "2017-03-31", 9, 30, 30.0),
    ("audit_assessments_good_pct", "Z01", "month", "2017-03-31", 1, 1, 100.0),
    ("audit_assessments_good_pct", "Z02", "quarter", "2017-03-31", 1, 2, 50.0),
    ("audit_decision_making_good_pct", "Z01", "quarter", "2017-03-31", 33, 100, 33.0),
    ("audit_plans_good_pct", "Z01", "quarter", "2017-03-31", 20, 100, 20.0),
    ("audit_recording_quality_pct", "Z01", "quarter", "2017-03-31", 57, 100, 57.0),
    ("audit_visit_timeliness_pct", "Z01", "quarter", "2017-03-31", 116, 125, 92.8),
    ("audit_diversity_good_pct", "Z01", "quarter", "2017-03-31", 8, 15, 53.3),
    ("audit_risk_good_pct", "Z01", "quarter", "2017-03-31", 50, 100, 50.0),
    ("audit_placement_quality_pct", "Z01", "quarter", "2017-03-31", 8, 15, 53.3),
    ("audit_pwp_outcomes_pct", "Z01", "quarter", "2016-12-31", 0, 3, 0.0),
    ("audit_pwp_outcomes_pct", "Z01", "quarter", "2017-03-31", 1, 3, 33.0),
    ("audit_review_good_pct", "Z01", "quarter", "2017-03-31", 50, 100, 50.0),
    ("audit_impact_good_pct", "Z01", "quarter", "2017-03-31", 60, 100, 60.0),
    ("audit_independence_prep_pct", "Z01", "quarter", "2017-03-31", 10, 17, 58.8),
    ("cla_pledge_survey_pct", "Z01", "quarter", "2016-12-31", 52, 200, 26.0),
    # Entered under an id that is not an audit measure here: must not leak into any of them.
    ("not_an_indicator", "Z01", "quarter", "2016-09-30", 1, 1, 100.0),
]


@pytest.fixture
def audits(store: TinyStore) -> pl.DataFrame:
    store.add(
        "csc_manual_measures",
        *(
            {
                "la_code": la,
                "mm_indicator_id": ind,
                "mm_period_kind": kind,
                "mm_period_end": d(end),
                "mm_numerator": top,
                "mm_denominator": bottom,
                "mm_value": value,
            }
            for ind, la, kind, end, top, bottom, value in ENTRIES
        ),
    )
    return store.compute(IDS, "2016-04", "2017-03")


def _figures(
    results: pl.DataFrame, ind: str, kind: str, end: str, la: str = "Z01"
) -> tuple[object, ...] | None:
    """(numerator, denominator, value) for the whole council; None where nothing was entered."""
    rows = results.filter(
        (pl.col("indicator_id") == ind)
        & (pl.col("la_code") == la)
        & (pl.col("period_kind") == kind)
        & (pl.col("period_end") == d(end))
        & pl.col("breakdown").is_null()
    )
    assert rows.height <= 1, rows
    return rows.select("numerator", "denominator", "value").row(0) if rows.height else None


def test_audit_figures_come_through_as_entered(audits: pl.DataFrame) -> None:
    expected = {
        (ind, kind, end): (top, bottom, value)
        for ind, la, kind, end, top, bottom, value in ENTRIES
        if la == "Z01" and kind == "quarter" and ind in IDS
    }
    for (ind, kind, end), figures in expected.items():
        assert _figures(audits, ind, kind, end) == figures, ind
    # Every audit measure has its Q4 figure.
    assert {ind for ind, _, end in expected if end == "2017-03-31"} == set(AUDITS)


def test_only_the_matching_id_kind_and_council(audits: pl.DataFrame) -> None:
    # The month entry is of a kind audits do not declare.
    assert audits.filter(pl.col("period_kind") == "month").is_empty()
    # Another council's figure stays with it.
    assert _figures(audits, "audit_assessments_good_pct", "quarter", "2017-03-31", "Z02") == (
        1,
        2,
        50.0,
    )
    # Nothing entered for Q2: no figure (not a zero), for any audit.
    for ind in AUDITS:
        assert _figures(audits, ind, "quarter", "2016-09-30") is None, ind
    assert set(audits["indicator_id"]) <= set(IDS)
    # A published zero stays a zero.
    assert _figures(audits, "audit_pwp_outcomes_pct", "quarter", "2016-12-31") == (0, 3, 0.0)


def test_pledge_survey_is_entered_for_the_quarter_or_year(audits: pl.DataFrame) -> None:
    assert _figures(audits, "cla_pledge_survey_pct", "quarter", "2016-12-31") == (52, 200, 26.0)
    # Not entered for the year: no year figure is derived from the quarter.
    assert _figures(audits, "cla_pledge_survey_pct", "fy", "2017-03-31") is None
