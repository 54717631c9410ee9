"""``csc-scorecard region`` on a small store of four synthetic councils."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from csc_scorecard.cli import build_app
from csc_scorecard.engine.catalogue import Polarity, Unit, load_catalogue
from csc_scorecard.synth import synthesise_store

COUNCILS = ["Z01", "Z02", "Z03", "Z04"]
HIGH_GOOD = "assessments_45wd_pct"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two years of four councils (6,000 children in all) to March 2026."""
    folder = tmp_path_factory.mktemp("region")
    return synthesise_store(
        folder, children=6000, councils=4, years=2, end_month=date(2026, 3, 31)
    ).path


def _run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(build_app(), list(arguments), terminal_width=200)
    return result.exit_code, result.output


def test_every_council_is_ranked_and_the_group_figure_is_from_summed_parts(
    store: Path, tmp_path: Path
) -> None:
    indicator = load_catalogue()[HIGH_GOOD]
    assert (indicator.unit, indicator.polarity) == (Unit.PERCENT, Polarity.HIGH_GOOD)
    out = tmp_path / "region.parquet"
    code, output = _run("region", "--db", str(store), "--indicator", HIGH_GOOD, "--out", str(out))
    assert code == 0, output
    assert "All councils" in output and "rank" in output
    frame = pl.read_parquet(out)
    assert set(frame["period_end"]) == {date(2026, 3, 31)}
    for (kind,), rows in frame.group_by("period_kind"):
        assert sorted(rows["la_code"]) == COUNCILS, kind
        assert rows["rank"].null_count() == 0, kind
        assert rows["rank"].min() == 1, kind
        summed = 100 * float(rows["numerator"].sum()) / float(rows["denominator"].sum())
        assert rows["group_value"].unique().to_list() == [pytest.approx(summed)], kind


def test_named_groups_from_a_file(store: Path, tmp_path: Path) -> None:
    groups = tmp_path / "groups.toml"
    groups.write_text('[groups]\nNorth = ["Z01", "Z02"]\nSouth = ["Z03", "Z04", "Z99"]\n')
    out = tmp_path / "region.csv"
    code, output = _run(
        "region", "--db", str(store), "--groups", str(groups), "--indicator", HIGH_GOOD,
        "--month", "2026-02", "--out", str(out),
    )  # fmt: skip
    assert code == 0, output
    assert "North" in output and "South" in output and "Z99" in output
    frame = pl.read_csv(out, try_parse_dates=True)
    assert set(frame["period_end"]) == {date(2026, 2, 28)}
    assert frame.group_by("group").agg(pl.col("la_code").n_unique()).sort("group").rows() == [
        ("North", 2),
        ("South", 2),
    ]


def test_a_bad_groups_file_is_an_error(store: Path, tmp_path: Path) -> None:
    groups = tmp_path / "groups.csv"
    groups.write_text("council,region\nZ01,North\n")
    code, output = _run("region", "--db", str(store), "--groups", str(groups))
    assert code == 2
    assert "missing column" in output
