"""Figures councils enter by hand (``csc_manual_measures``): audits and supervision, quarterly.

These are the catalogue's manual-entry indicators: case audit grades, supervision frequency and
quality, the children in care pledge survey. Each council has a practice level; quarters wander
around it, slowly improving, as improvement-plan scorecards show.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from csc_scorecard.synth.context import Council, month_ends

MANUAL_INDICATORS: dict[str, tuple[float, str]] = {  # id: (level relative to practice, source)
    "audit_assessments_good_pct": (0.95, "Case audit"),
    "audit_decision_making_good_pct": (1.0, "Case audit"),
    "audit_plans_good_pct": (0.9, "Case audit"),
    "audit_recording_quality_pct": (0.92, "Case audit"),
    "audit_visit_timeliness_pct": (1.05, "Case audit"),
    "audit_diversity_good_pct": (0.85, "Case audit"),
    "audit_risk_good_pct": (0.97, "Case audit"),
    "audit_placement_quality_pct": (1.05, "Case audit"),
    "audit_pwp_outcomes_pct": (0.9, "Case audit"),
    "audit_review_good_pct": (1.0, "Case audit"),
    "audit_impact_good_pct": (0.88, "Case audit"),
    "audit_independence_prep_pct": (0.9, "Case audit"),
    "supervision_frequency_pct": (1.12, "Supervision records"),
    "supervision_quality_pct": (1.0, "Supervision audit"),
    "staff_supervision_beneficial_pct": (1.08, "Staff survey"),
    "cla_pledge_survey_pct": (1.02, "Children in care survey"),
}


def manual_measures_frame(council: Council) -> pl.DataFrame:
    """One row per indicator and quarter end (30 June, 30 September, 31 December, 31 March)."""
    rng = council.rng("manual")
    quarters = np.array(
        [m for m in month_ends(council.start, council.end) if m.astype(object).month % 3 == 0]
    )
    ids = list(MANUAL_INDICATORS)
    indicator = np.repeat(np.arange(len(ids)), quarters.size)
    period = np.tile(quarters, len(ids))
    level = np.array([MANUAL_INDICATORS[i][0] for i in ids])[indicator] * council.profile.practice
    trend = np.tile(np.linspace(-0.05, 0.05, quarters.size), len(ids))
    share = np.clip(level + trend + rng.normal(0, 0.05, indicator.size), 0.2, 1.0)
    denominator = rng.integers(15, 80, indicator.size).astype(np.float64)
    numerator = np.rint(share * denominator)
    return pl.DataFrame(
        {
            "mm_indicator_id": np.array(ids)[indicator],
            "mm_period_kind": np.full(indicator.size, "quarter"),
            "mm_period_end": period,
            "mm_numerator": numerator,
            "mm_denominator": denominator,
            "mm_value": np.round(numerator / denominator * 100, 1),
            "mm_note": np.array([MANUAL_INDICATORS[i][1] for i in ids])[indicator],
        }
    )
