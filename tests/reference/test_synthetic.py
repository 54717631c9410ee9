"""The synthetic national data set from a hand-made results frame, and the import command."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import typer
from typer.testing import CliRunner

from csc_scorecard.assess.benchmarks import benchmarks_for, load_benchmarks
from csc_scorecard.cli import reference
from csc_scorecard.engine.compute import RESULT_SCHEMA
from csc_scorecard.reference.synthetic import (
    synthetic_areas,
    synthetic_neighbours,
    write_synthetic_reference,
)
from csc_scorecard.reference.tables import PUBLISHED, read_table

FY = ("fy", date(2024, 4, 1), date(2025, 3, 31))
MARCH = ("snapshot", date(2025, 3, 31), date(2025, 3, 31))


def results() -> pl.DataFrame:
    """Three councils, FY 2024-25: re-referrals 10/50, 30/100, 0/50 (percent); referral rate
    100/20,000 and 300/30,000 per 10,000 (Z03 has none); children looked after at 31 March 2025
    70/20,000 and 90/30,000 per 10,000; plus rows that must be ignored: a month, a breakdown, a
    real council, an indicator with no published measure, a snapshot at another month end."""
    rows = [
        ("Z01", "re_referrals_12m_pct", *FY, None, None, 10.0, 50.0, 20.0),
        ("Z02", "re_referrals_12m_pct", *FY, None, None, 30.0, 100.0, 30.0),
        ("Z03", "re_referrals_12m_pct", *FY, None, None, 0.0, 50.0, 0.0),
        ("Z01", "referrals_rate_per_10k", *FY, None, None, 100.0, 20000.0, 50.0),
        ("Z02", "referrals_rate_per_10k", *FY, None, None, 300.0, 30000.0, 100.0),
        ("Z01", "referrals_count", *FY, None, None, 100.0, None, 100.0),
        ("Z02", "referrals_count", *FY, None, None, 300.0, None, 300.0),
        ("Z01", "re_referrals_12m_pct", "month", date(2025, 3, 1), date(2025, 3, 31),
         None, None, 1.0, 2.0, 50.0),
        ("Z01", "re_referrals_12m_pct", *FY, "team", "North", 1.0, 2.0, 50.0),
        ("343", "re_referrals_12m_pct", *FY, None, None, 1.0, 2.0, 50.0),
        ("Z01", "contacts_count", *FY, None, None, 7.0, None, 7.0),
        ("Z01", "cla_rate_per_10k", *MARCH, None, None, 70.0, 20000.0, 35.0),
        ("Z02", "cla_rate_per_10k", *MARCH, None, None, 90.0, 30000.0, 30.0),
        ("Z01", "cla_rate_per_10k", "snapshot", date(2025, 2, 28), date(2025, 2, 28),
         None, None, 99.0, 20000.0, 49.5),
    ]  # fmt: skip
    return pl.DataFrame(rows, schema=RESULT_SCHEMA, orient="row")


def test_published_from_results() -> None:
    """Regions: three councils split into nine in turn, Z01 -> region 1, Z02 -> 4, Z03 -> 7
    (1 + i x 9 // 3). England re-referrals = (10 + 30 + 0) / (50 + 100 + 50) x 100 = 20.0;
    England referral rate = (100 + 300) / (20,000 + 30,000) x 10,000 = 80.0; counts add: 400;
    England looked-after rate at 31 March = (70 + 90) / (20,000 + 30,000) x 10,000 = 32.0."""
    con = duckdb.connect()
    written = write_synthetic_reference(con, results())
    published = read_table(con, PUBLISHED)
    assert written == published.height
    assert published["synthetic"].all()
    assert set(published["indicator_id"]) == {
        "re_referrals_12m_pct", "referrals_rate_per_10k", "referrals_count", "cla_rate_per_10k",
    }  # fmt: skip
    england = published.filter(pl.col("level") == "england").sort("indicator_id")
    assert england.select("indicator_id", "la_code", "year", "value").rows() == [
        ("cla_rate_per_10k", "Z92000001", 2025, 32.0),
        ("re_referrals_12m_pct", "Z92000001", 2025, 20.0),
        ("referrals_count", "Z92000001", 2025, 400.0),
        ("referrals_rate_per_10k", "Z92000001", 2025, 80.0),
    ]
    regions = published.filter(
        pl.col("level") == "region", pl.col("indicator_id") == "re_referrals_12m_pct"
    )
    assert regions.sort("la_code").select("la_code", "value").rows() == [
        ("Z12000001", 20.0), ("Z12000004", 30.0), ("Z12000007", 0.0),
    ]  # fmt: skip
    b = benchmarks_for(load_benchmarks(con), "Z01", "re_referrals_12m_pct", 2025)
    assert b.synthetic
    # Z01's neighbours are Z02 and Z03: (30 + 0) / 2 = 15. Quartiles of 0, 20, 30: Q1 10, Q3 25.
    assert (b.published_la, b.statistical_neighbours, b.region, b.england) == (
        20.0,
        15.0,
        20.0,
        20.0,
    )
    assert (b.lower_quartile, b.upper_quartile) == (10.0, 25.0)
    assert b.quartile_band == "In range"


def test_regions_and_neighbours_of_153_councils() -> None:
    codes = [f"Z{n:03d}" for n in range(1, 154)]
    regions = synthetic_areas(codes)["region_code"].value_counts().sort("region_code")
    assert regions["count"].to_list() == [17] * 9
    neighbours = synthetic_neighbours(codes)
    assert neighbours.height == 1530
    assert neighbours.filter(pl.col("la_code") == "Z153")["neighbour_la_code"].to_list()[:2] == [
        "Z001", "Z002",
    ]  # fmt: skip


def test_reference_import_command(tmp_path: Path) -> None:
    rig = tmp_path / "rig.csv"
    rig.write_text(
        "indicator_id,quarter,la_value,group_value\nre_referrals_12m_pct,2024-25 Q1,24,22.2\n"
    )
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    db = tmp_path / "store.duckdb"
    app = typer.Typer()
    reference.register(app)
    runner = CliRunner()
    ok = runner.invoke(app, ["reference", "import", str(rig), "--db", str(db)])
    assert ok.exit_code == 0, ok.output
    assert "RIG quarterly figures" in ok.output
    bad = runner.invoke(app, ["reference", "import", str(other), "--db", str(db)])
    assert bad.exit_code == 1
    assert "other.csv: not a layout" in bad.output
