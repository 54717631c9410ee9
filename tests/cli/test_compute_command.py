"""``csc-scorecard compute`` and ``explain``: figures and the rows behind them, from a store."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from csc_scorecard.cli import build_app
from csc_scorecard.store.database import open_store

COLUMNS = [
    "la_code",
    "indicator_id",
    "period_kind",
    "period_start",
    "period_end",
    "breakdown",
    "breakdown_value",
    "numerator",
    "denominator",
    "value",
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Three referrals of one child: 2 April, 10 May and 11 May 2024, teams North, North, South."""
    path = tmp_path / "store.duckdb"
    con = open_store(path)
    con.execute("INSERT INTO csc_population VALUES ('Z01', 2023, 20000)")
    con.execute("INSERT INTO ssd_person (la_code, pers_person_id) VALUES ('Z01', 'A')")
    referrals = [("2024-04-02", "North"), ("2024-05-10", "North"), ("2024-05-11", "South")]
    for number, (day, team) in enumerate(referrals, start=1):
        con.execute(
            "INSERT INTO ssd_cin_episodes (la_code, cine_referral_id, cine_person_id, "
            "cine_referral_date, cine_referral_team) VALUES ('Z01', ?, 'A', ?, ?)",
            [f"R{number}", date.fromisoformat(day), team],
        )
    con.close()
    return path


def _run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(build_app(), list(arguments))
    return result.exit_code, " ".join(result.output.split())


def test_compute_writes_the_reporting_month(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.parquet"
    code, output = _run(
        "compute", "--db", str(db), "--out", str(out), "--indicator", "referrals_count"
    )
    assert code == 0, output
    figures = pl.read_parquet(out)
    assert figures.columns == COLUMNS
    # The data ends in May 2024: May's month count is 2, the year to date (April-May) 3.
    assert set(figures["period_end"]) == {date(2024, 5, 31)}
    whole = figures.filter(pl.col("breakdown").is_null())
    assert dict(zip(whole["period_kind"], whole["value"], strict=True)) == {"month": 2, "ytd": 3}
    assert "figures written" in output


def test_compute_for_a_council_gives_its_figures(db: Path) -> None:
    every = CliRunner().invoke(build_app(), ["compute", "--db", str(db), "--no-record"])
    chosen = CliRunner().invoke(
        build_app(), ["compute", "--db", str(db), "--no-record", "--council", "Z01"]
    )
    assert every.exit_code == chosen.exit_code == 0, chosen.output
    assert chosen.stdout == every.stdout
    assert "referrals_count" in chosen.stdout


def test_compute_all_months_by_team_as_json(db: Path) -> None:
    result = CliRunner().invoke(
        build_app(),
        [
            "compute",
            "--db",
            str(db),
            "--indicator",
            "referrals_count",
            "--all-months",
            "--by",
            "team",
            "--format",
            "json",
            "--month",
            "2024-05",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    april_north = [
        r
        for r in rows
        if r["period_kind"] == "month"
        and r["period_end"] == "2024-04-30"
        and r["breakdown_value"] == "North"
    ]
    assert [r["value"] for r in april_north] == [1]


def test_explain_lists_the_rows_behind_a_figure(db: Path) -> None:
    result = CliRunner().invoke(
        build_app(),
        [
            "explain",
            "--db",
            str(db),
            "--indicator",
            "referrals_count",
            "--period-kind",
            "ytd",
            "--month",
            "2024-05",
            "--breakdown",
            "team",
            "--value",
            "North",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = pl.read_csv(result.stdout.encode())
    assert rows["referral_id"].to_list() == ["R1", "R2"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--indicator", "no_such_thing"], "no indicator 'no_such_thing'"),
        (["--month", "2024-13"], "2024-13"),
        (["--format", "parquet", "--indicator", "referrals_count"], "parquet needs --out FILE"),
        (["--council", "Z99"], "the store holds no children of council Z99 (it holds Z01)"),
    ],
)
def test_bad_arguments_get_a_clear_message(db: Path, arguments: list[str], message: str) -> None:
    code, output = _run("compute", "--db", str(db), *arguments)
    assert code == 2
    assert message in output


def test_a_missing_store_is_named(tmp_path: Path) -> None:
    code, output = _run("compute", "--db", str(tmp_path / "none.duckdb"))
    assert code == 2
    assert "run csc-scorecard ingest first" in output
