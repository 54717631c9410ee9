"""Import the DfE's real published files and check figures looked up by hand in them.

The files live beside the checkout (``../shared/reference/benchmarks``), never in the project;
without them these tests are skipped, saying so.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from csc_scorecard.assess.benchmarks import benchmarks_for, load_benchmarks
from csc_scorecard.assess.facts import QuartileBand
from csc_scorecard.reference.importer import Layout, detect_layout, import_reference
from csc_scorecard.reference.tables import NEIGHBOURS, PUBLISHED, read_table

BENCHMARKS = Path(__file__).resolve().parents[3] / "shared" / "reference" / "benchmarks"
FILES = (
    "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
    "d3_cpps_subsequent_plan_2013_to_2025.csv",
    "cla_number_and_rate_per_10k_children.csv",
    "la_cla_placement_stability.csv",
    "lait_csc_compact.csv",
    "lait_data_dictionary.csv",
    "sn_model_2025_wide.csv",
)

pytestmark = pytest.mark.skipif(
    not all((BENCHMARKS / f).exists() for f in FILES),
    reason=f"real DfE files not found in {BENCHMARKS}",
)


@pytest.fixture(scope="module")
def store() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    import_reference(con, [BENCHMARKS / f for f in FILES])
    return con


@pytest.fixture(scope="module")
def frame(store: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return load_benchmarks(store)


def test_layouts_detected() -> None:
    assert [detect_layout(BENCHMARKS / f) for f in FILES] == [
        Layout.EES, Layout.EES, Layout.EES, Layout.EES,
        Layout.LAIT, Layout.LAIT_DICTIONARY, Layout.NEIGHBOURS,
    ]  # fmt: skip


def test_barnet_referral_rate_2025(frame: pl.DataFrame) -> None:
    """Barnet (302), referrals per 10,000, 2024-25.

    Own figure: LAIT ``CPP_Total_Rateper10,000`` 2025 / 302 = 293.1. Cross-check by hand: EES c1
    2025 Barnet referral_count 2751; ONS mid-2024 0-17 for Barnet 93,851;
    2751 / 93851 x 10,000 = 293.13 -> 293.1.
    Neighbours (sn_model_2025_wide, row 302): 320, 870, 310, 317, 315, 306, 209, 312, 309, 307,
    whose LAIT 2025 rates are 595.2, 602.9, 377.3, 519.0, 527.1, 850.1, 728.7, 549.9, 617.4,
    506.7: sum 5874.3, mean 587.43.
    Region: Barnet is Outer London (E13000002 in c1; LAIT 988) = 524.6. England (970) = 519.4.
    Quartiles: 153 councils have a 2025 rate; type 7 puts Q1 at 1 + 0.25 x 152 = the 39th
    smallest value, 422.3 (38th 420.2, 40th 422.9), and Q3 at 1 + 0.75 x 152 = the 115th, 619.6
    (114th 619.0, 116th 625.7). 293.1 <= 422.3, so Lower.
    """
    b = benchmarks_for(frame, "302", "referrals_rate_per_10k", 2025)
    assert b.year == "2024-25"
    assert b.published_la == 293.1
    assert b.statistical_neighbours == pytest.approx(587.43)
    assert b.region == 524.6
    assert b.england == 519.4
    assert (b.lower_quartile, b.upper_quartile) == (pytest.approx(422.3), pytest.approx(619.6))
    assert b.quartile_band is QuartileBand.LOWER
    assert not b.synthetic


def test_barnet_re_referrals_2025_matches_definitions_notes(frame: pl.DataFrame) -> None:
    """definitions-notes 3.1/3.2: Barnet 14.8%, Q1 16.9, Q3 23.0 (Lower), neighbours' mean 20.25.

    Here the figure comes from EES c1 (rereferral_percent 14.8 for 302 in 2025), preferred over
    LAIT's identical ReReferral; England 22.6 and Outer London 19.6 are c1's aggregate rows.
    """
    b = benchmarks_for(frame, "302", "re_referrals_12m_pct", 2025)
    assert b.published_la == 14.8
    assert b.statistical_neighbours == pytest.approx(20.25)
    assert (b.lower_quartile, b.upper_quartile) == (pytest.approx(16.9), pytest.approx(23.0))
    assert b.quartile_band is QuartileBand.LOWER
    assert (b.region, b.england) == (19.6, 22.6)


def test_sources_recorded_and_ees_preferred(store: duckdb.DuckDBPyConnection) -> None:
    published = read_table(store, PUBLISHED).filter(
        pl.col("indicator_id") == "re_referrals_12m_pct", pl.col("year") == 2025,
        pl.col("la_code") == "302",
    )  # fmt: skip
    assert sorted(published["source"]) == [
        "ees:c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        "lait:lait_csc_compact.csv",
    ]


def test_cla_rate_england_and_rounding(frame: pl.DataFrame) -> None:
    """CLA per 10,000 at 31 March 2025, England: cla_number_and_rate 'Children looked after on
    31 March each year', National, 81,770 / 12,183,016 -> rate_per_10000 67 (whole number)."""
    assert benchmarks_for(frame, "302", "cla_rate_per_10k", 2025).england == 67


def test_neighbour_model_loaded(store: duckdb.DuckDBPyConnection) -> None:
    """153 councils x 10 neighbours in the 2025 model."""
    assert read_table(store, NEIGHBOURS).height == 1530


def test_council_code_change_cumbria(frame: pl.DataFrame) -> None:
    """Cumbria (909) split into Cumberland (942) and Westmorland and Furness (943) in 2023:
    c1 has 909 up to 2023 (22.0) and 942 from 2024 (10.7); LAIT lists both codes every year
    with blanks where the council did not exist, which stay missing (no figure, no band)."""
    rerefs = frame.filter(pl.col("indicator_id") == "re_referrals_12m_pct")

    def years(code: str) -> list[int]:
        rows = rerefs.filter(pl.col("la_code") == code, pl.col("published_la").is_not_null())
        return rows["year"].to_list()

    assert years("909") == list(range(2013, 2024))
    assert years("942") == [2024, 2025]
    gap = rerefs.filter(pl.col("la_code") == "909", pl.col("year") == 2025).row(0, named=True)
    assert gap["published_la"] is None and gap["quartile_band"] is None
