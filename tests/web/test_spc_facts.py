"""The indicator page states which months a control chart's limits come from."""

from __future__ import annotations

from datetime import date

import polars as pl

from csc_scorecard.assess.assessment import assess_indicator
from csc_scorecard.assess.council import AssessedIndicator
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.compute import RESULT_SCHEMA
from csc_scorecard.engine.periods import month_ends
from csc_scorecard.narrative.draft import Draft
from csc_scorecard.web.indicator_page import spc_facts

# Four start-up months climbing to a level, then 14 months alternating 50 and 52. Windows of 12
# starting in the start-up break a rule among themselves (a run of 7 or more above their own
# centre line, or 40 outside 50 +/- 2.66 x 2.73), so the limits come from the 12 months from the
# fifth point (May 2024) to April 2025: centre 51, mean moving range 2, limits 45.68 to 56.32
# (a count: shown as whole numbers).
VALUES = [10.0, 20.0, 30.0, 40.0] + [50.0, 52.0] * 7
ENDS = month_ends(date(2024, 1, 31), date(2025, 6, 30))


def test_the_chart_names_its_baseline_months() -> None:
    indicator = load_catalogue()["referrals_count"]
    results = pl.DataFrame(
        {
            "la_code": "E09000001",
            "indicator_id": indicator.id,
            "period_kind": "month",
            "period_start": [end.replace(day=1) for end in ENDS],
            "period_end": ENDS,
            "breakdown": None,
            "breakdown_value": None,
            "numerator": VALUES,
            "denominator": None,
            "value": VALUES,
        },
        schema=RESULT_SCHEMA,
    )
    assessment = assess_indicator(results, indicator, "E09000001")
    assessed = AssessedIndicator(indicator, assessment, Draft(()), None, False, None)
    facts = spc_facts(assessed)
    assert facts[0] == (
        "Centre line 51; process limits 46 to 56 (from the 12 months May 2024 to April 2025)."
    )
