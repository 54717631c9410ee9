"""The improvement-plan scorecard (seed 001) on hand-made figures for council Z01, Sept 2024.

Re-referrals (rolling 12 months, bands RI 20-25 / Good 15-19 / Outstanding <=14): 2023-24's
year end 17.6% (baseline), Q1 (June 2024) 21.0% and Q2 (September) 19.5%, which falls in the
gap between Good and RI. An audit measure (quarterly only): Q1 55.0% (RI), Q2 82.0%.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import polars as pl
import pytest

from csc_scorecard.assess.bands import BandPlacement, ToleranceBand, place_in_bands
from csc_scorecard.assess.council import assess_council
from csc_scorecard.assess.rag import Rag
from csc_scorecard.config.models import CouncilConfig
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.catalogue.entry import Unit
from csc_scorecard.engine.compute import RESULT_SCHEMA
from csc_scorecard.render.improvement import build_improvement
from csc_scorecard.render.model import Report
from csc_scorecard.render.report_layouts import ImprovementLayout, load_improvement_layout
from csc_scorecard.render.tolerance import band_rag, band_text, change_text, quarter_ends

SEP = date(2024, 9, 30)


BANDS = (
    ToleranceBand("Requires improvement", 20, 25),
    ToleranceBand("Good", 15, 19),
    ToleranceBand("Outstanding", None, 14),
)
LAYOUT = {
    "title": "Improvement Plan Scorecard",
    "intro": ["Measures in {year} to {month}."],
    "section": [
        {
            "title": "1. Front door",
            "rows": [
                {
                    "ref": "1.2",
                    "indicator": "re_referrals_12m_pct",
                    "label": "Re-referrals",
                    "period": "rolling_12m",
                },
                {
                    "ref": "1.7",
                    "indicator": "audit_assessments_good_pct",
                    "label": "Assessments audited good (audit measure)",
                    "period": "quarter",
                },
            ],
        }
    ],
}


def test_quarter_ends_of_the_financial_year() -> None:
    assert quarter_ends(SEP) == (
        date(2024, 6, 30),
        date(2024, 9, 30),
        date(2024, 12, 31),
        date(2025, 3, 31),
    )
    assert quarter_ends(date(2025, 2, 28))[-1] == date(2025, 3, 31)


@pytest.mark.parametrize(
    ("value", "rag", "words"),
    [
        (22.0, Rag.AMBER, "RI"),
        (17.0, Rag.GREEN, "Good"),
        (10.0, Rag.GREEN, "Outstanding"),
        (19.5, Rag.NONE, "Between Good and RI"),
        (30.0, Rag.RED, "Beyond RI"),
    ],
)
def test_band_shading(value: float, rag: Rag, words: str) -> None:
    assert band_rag(place_in_bands(value, BANDS)) == (rag, words)


def test_no_bands_no_shade() -> None:
    assert band_rag(None) == (Rag.NONE, "")
    assert band_rag(BandPlacement(5.0, band=ToleranceBand("Target", 1, 9))) == (Rag.NONE, "Target")


def test_band_ranges_as_seed_001_writes_them() -> None:
    assert [band_text(b) for b in BANDS] == ["20-25", "15-19", "≤14"]
    assert band_text(ToleranceBand("Outstanding", 85, None)) == "85+"


def test_change_on_baseline() -> None:
    assert change_text(17.6, 21.6, Unit.PERCENT) == "+4.0 pts"
    assert change_text(488.9, 517.0, Unit.RATE_PER_10K) == "+5.7%"
    assert change_text(3, 5, Unit.COUNT) == "+66.7%"
    assert change_text(0, 5, Unit.COUNT) == "-"
    assert change_text(None, 5, Unit.COUNT) == "-"


@pytest.fixture
def improvement(
    result_row: Callable[..., dict[str, object]], borough_config: Callable[..., CouncilConfig]
) -> Report:
    config = borough_config(
        {
            "re_referrals_12m_pct": {
                "target": 16,
                "bands": [
                    {"label": "Requires improvement", "min": 20, "max": 25},
                    {"label": "Good", "min": 15, "max": 19},
                    {"label": "Outstanding", "max": 14},
                ],
            },
            "audit_assessments_good_pct": {
                "target": 61,
                "bands": [
                    {"label": "Requires improvement", "min": 50, "max": 60},
                    {"label": "Good", "min": 61, "max": 80},
                    {"label": "Outstanding", "min": 81},
                ],
            },
        }
    )
    rows = [
        result_row("re_referrals_12m_pct", "fy", date(2024, 3, 31), 17.6, counts=(176, 1000)),
        result_row("re_referrals_12m_pct", "rolling_12m", date(2024, 6, 30), 21.0),
        result_row("re_referrals_12m_pct", "rolling_12m", SEP, 19.5, counts=(195, 1000)),
        result_row("audit_assessments_good_pct", "quarter", date(2024, 3, 31), 36.0),
        result_row("audit_assessments_good_pct", "quarter", date(2024, 6, 30), 55.0),
        result_row("audit_assessments_good_pct", "quarter", SEP, 82.0),
    ]
    results = pl.DataFrame(rows, schema=RESULT_SCHEMA)
    layout = ImprovementLayout.model_validate(LAYOUT)
    ids = layout.indicator_ids
    assessed = assess_council(
        results, load_catalogue().select(ids), la_code="Z01", month=SEP, config=config
    )
    return build_improvement(layout, assessed, results, month=SEP, config=config)


def _row(report: Report, ref: str) -> dict[str, tuple[str, Rag]]:
    section = report.sections[0]
    row = next(r for r in section.rows if r[0].text == ref)
    return {c.title: (cell.text, cell.fill) for c, cell in zip(section.columns, row, strict=True)}


def test_the_quarterly_table(improvement: Report) -> None:
    titles = [c.title for c in improvement.sections[0].columns]
    assert titles == [
        "Ref",
        "Measure",
        "NW Av*",
        "National Av**",
        "RI",
        "Good",
        "Outstanding",
        "Year end target",
        "Baseline 2023-24",
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        "Year end 2024-25",
        "Change",
        "Latest band",
        "Comments",
    ]
    row = _row(improvement, "1.2")
    assert row["Baseline 2023-24"] == ("17.6%", Rag.GREEN)
    assert row["Q1"] == ("21.0%", Rag.AMBER)
    assert row["Q2"] == ("19.5%", Rag.NONE)  # in the gap between Good and RI
    assert row["Q3"][0] == row["Q4"][0] == ""  # the future
    assert row["Year end 2024-25"][0] == ""  # the year is not over
    assert row["Change"][0] == "+1.9 pts"
    assert row["Latest band"][0] == "Between Good and RI"
    assert (row["RI"][0], row["Good"][0], row["Outstanding"][0]) == ("20-25", "15-19", "≤14")
    assert row["Year end target"][0] == "16.0%"
    assert improvement.intro == ("Measures in 2024-25 to September 2024.",)


def test_an_audit_measure_has_no_year_end(improvement: Report) -> None:
    row = _row(improvement, "1.7")
    assert row["Baseline 2023-24"] == ("36.0%", Rag.RED)  # below the RI band
    assert row["Q1"] == ("55.0%", Rag.AMBER)
    assert row["Q2"] == ("82.0%", Rag.GREEN)
    assert row["Year end 2024-25"][0] == "NA"
    assert row["Change"][0] == "+46.0 pts"
    assert row["Latest band"][0] == "Outstanding"


def test_the_shipped_layout_covers_seed_001s_catalogued_measures() -> None:
    layout = load_improvement_layout()
    refs = [r.ref for s in layout.section for r in s.rows]
    assert refs[:3] == ["1.1", "1.2", "1.3"] and "11.4" in refs
    assert len(layout.indicator_ids) == len(refs)
