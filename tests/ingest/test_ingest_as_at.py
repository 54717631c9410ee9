"""The run's date (``as_at`` / ``--as-at``): a date after it has not happened yet."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from csc_scorecard.cli import build_app
from csc_scorecard.ingest import Reason, ingest

Write = Callable[..., Path]
PERSON = "la_code,pers_person_id,pers_sex,pers_dob"
CIN = "la_code,cine_referral_id,cine_person_id,cine_referral_date"


def _inputs(write: Write) -> Path:
    write("ssd_person.csv", PERSON, "201,C001,M,2015-01-01")
    return write("ssd_cin_episodes.csv", CIN, "201,R1,C001,2024-06-01").parent


def test_a_date_after_as_at_is_refused(write: Write, db: Path) -> None:
    report = ingest([_inputs(write)], db, as_at=date(2024, 5, 31))
    [rejection] = report.rejections
    assert (rejection.table, rejection.field, rejection.reason) == (
        "ssd_cin_episodes",
        "cine_referral_date",
        Reason.FUTURE_DATE,
    )
    assert "after the run date (2024-05-31)" in rejection.message


def test_the_same_date_is_accepted_when_as_at_is_later(write: Write, db: Path) -> None:
    for day in (date(2024, 6, 1), date(2025, 1, 1)):
        report = ingest([_inputs(write)], db, as_at=day)
        assert report.rejections == ()
        assert report.rows_loaded == 2


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(build_app(), ["ingest", *args], env={"COLUMNS": "200"})
    return result.exit_code, result.output


def test_cli_as_at(write: Write, tmp_path: Path) -> None:
    folder, db = str(_inputs(write)), str(tmp_path / "s.duckdb")
    code, output = _cli(folder, "--db", db, "--as-at", "2024-05-31")
    assert code == 0
    assert "[future_date]" in output
    code, output = _cli(folder, "--db", db, "--as-at", "2024-06-01")
    assert code == 0
    assert "All 0 rejections" in output


def test_cli_as_at_must_be_a_date(write: Write, tmp_path: Path) -> None:
    code, output = _cli(
        str(_inputs(write)), "--db", str(tmp_path / "s.duckdb"), "--as-at", "1/6/24"
    )
    assert code == 2
    assert "YYYY-MM-DD" in output
