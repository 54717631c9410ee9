"""``csc-scorecard ingest``: exit codes, printed counts, and the rejects CSV."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from csc_scorecard.cli import build_app

Write = Callable[..., Path]
PERSON = "la_code,pers_person_id,pers_sex,pers_dob"
runner = CliRunner()


def _invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(build_app(), ["ingest", *args], env={"COLUMNS": "200"})
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def test_prints_counts_and_writes_every_rejection(write: Write, tmp_path: Path) -> None:
    bad = [f"201,C{i:03},Q,2015-01-01" for i in range(25)]
    person = write("ssd_person.csv", PERSON, "201,C100,M,2015-01-01", *bad)
    db = tmp_path / "out" / "store.duckdb"
    db.parent.mkdir()
    code, output = _invoke(str(person), "--db", str(db))
    assert code == 0
    assert "│ ssd_person │   26 │      1 │       25 │" in output
    assert output.count("[unknown_code]") == 20
    assert "... and 5 more." in output
    with (db.parent / "store.rejects.csv").open(encoding="utf-8") as f:
        written = list(csv.DictReader(f))
    assert len(written) == 25
    assert written[0]["row"] == "2"
    assert written[0]["reason"] == "unknown_code"
    assert all("C0" not in r["message"] for r in written)


def test_rejects_option_and_la_code(write: Write, tmp_path: Path) -> None:
    person = write("ssd_person.csv", "pers_person_id", "C001")
    rejects = tmp_path / "r.csv"
    code, output = _invoke(
        str(person),
        "--db",
        str(tmp_path / "s.duckdb"),
        "--la-code",
        "201",
        "--rejects",
        str(rejects),
    )
    assert code == 0
    assert "All 0 rejections" in output
    assert rejects.read_text(encoding="utf-8").startswith("source,table,row,field,reason")


def test_exit_1_when_every_input_is_unusable(write: Write, tmp_path: Path) -> None:
    notes = write("notes.txt", "hello")
    code, output = _invoke(str(notes), "--db", str(tmp_path / "s.duckdb"))
    assert code == 1
    assert "unsupported_format" in output
    assert "Traceback" not in output


def test_exit_1_and_no_traceback_when_the_store_cannot_be_opened(
    write: Write, tmp_path: Path
) -> None:
    person = write("ssd_person.csv", PERSON, "201,C001,M,2015-01-01")
    not_a_db = write("store.duckdb", "this is not a database")
    code, output = _invoke(str(person), "--db", str(not_a_db))
    assert code == 1
    assert "could not open the store" in output


def test_exit_2_for_usage_errors(write: Write, tmp_path: Path) -> None:
    person = write("ssd_person.csv", PERSON)
    assert _invoke(str(person), "--format", "nope")[0] == 2
    assert _invoke(str(tmp_path / "missing.csv"))[0] == 2
    assert _invoke()[0] == 2


def test_a_missing_path_is_named_and_a_url_reaches_the_readers(tmp_path: Path) -> None:
    code, output = _invoke(str(tmp_path / "missing.csv"), "--db", str(tmp_path / "s.duckdb"))
    assert code == 2
    assert "no such file or folder" in " ".join(output.split())
    # No reader takes this scheme: the run completes with one unusable input, no traceback.
    code, output = _invoke("mysql://analyst@warehouse/ssd", "--db", str(tmp_path / "s.duckdb"))
    assert code == 1
    assert "Traceback" not in output
