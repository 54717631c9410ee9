"""``csc-scorecard compute`` reads a store and writes every figure, atomically."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from csc_scorecard.cli import build_app
from csc_scorecard.store.database import open_store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.duckdb"
    con = open_store(path)
    con.execute("INSERT INTO csc_population VALUES ('Z01', 2023, 20000)")
    con.execute("INSERT INTO ssd_person (la_code, pers_person_id) VALUES ('Z01', 'A')")
    for number, day in enumerate(["2024-04-02", "2024-05-10", "2024-05-11"], start=1):
        con.execute(
            "INSERT INTO ssd_cin_episodes (la_code, cine_referral_id, cine_person_id, "
            "cine_referral_date) VALUES ('Z01', ?, 'A', ?)",
            [f"R{number}", date.fromisoformat(day)],
        )
    con.close()
    return path


def test_compute_writes_every_figure(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.parquet"
    result = CliRunner().invoke(
        build_app(),
        ["compute", "--db", str(db), "--out", str(out), "--indicator", "referrals_count"],
    )
    assert result.exit_code == 0, result.output
    figures = pl.read_parquet(out)
    # The data spans April-May 2024: May's month count is 2, the year to date 3.
    may = figures.filter(
        (pl.col("period_end") == date(2024, 5, 31)) & pl.col("breakdown").is_null()
    )
    assert dict(zip(may["period_kind"], may["value"], strict=True)) == {"month": 2, "ytd": 3}
    assert "figures written" in result.output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--indicator", "no_such_thing"], "no indicator 'no_such_thing'"),
        (["--first", "2024-13"], "give both --first and --last"),
        (["--first", "2024-13", "--last", "2024-05"], "2024-13"),
    ],
)
def test_bad_arguments_get_a_clear_message(db: Path, arguments: list[str], message: str) -> None:
    result = CliRunner().invoke(build_app(), ["compute", "--db", str(db), *arguments])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())


def test_a_missing_store_is_named(tmp_path: Path) -> None:
    result = CliRunner().invoke(build_app(), ["compute", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "run csc-scorecard ingest first" in " ".join(result.output.split())
