"""Ingest runs: counts reconcile, loads are idempotent full refreshes, and all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl
import pytest

from csc_scorecard.ingest import Reason, Rejection, StoreError, ingest
from csc_scorecard.ingest import run as run_module
from csc_scorecard.ingest.reader import RawTable, ReadResult

Write = Callable[..., Path]
Query = Callable[[str], list[tuple[object, ...]]]
PERSON = "la_code,pers_person_id,pers_sex,pers_dob"
CIN = "la_code,cine_referral_id,cine_person_id,cine_referral_date"
ALL_ROWS = "SELECT * FROM ssd_person ORDER BY ALL"


def _council(write: Write, la: str, *people: str, folder: str) -> Path:
    lines = [f"{la},{p},M,2015-01-01" for p in people]
    return write("ssd_person.csv", PERSON, *lines, folder=folder)


def test_counts_reconcile_per_table_and_in_total(write: Write, db: Path) -> None:
    write("ssd_person.csv", PERSON, "201,C001,M,2015-01-01", "201,C002,Q,2015-01-01")
    cin = write("ssd_cin_episodes.csv", CIN, "201,R1,C001,2024-01-01", "201,R2,C009,2024-01-01")
    report = ingest([cin.parent], db)
    assert [(c.table, c.read, c.loaded, c.rejected) for c in report.counts] == [
        ("ssd_person", 2, 1, 1),
        ("ssd_cin_episodes", 2, 1, 1),
    ]
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (4, 2, 2)


def test_re_ingesting_the_same_files_gives_the_same_store(
    write: Write, db: Path, query: Query
) -> None:
    write("ssd_person.csv", PERSON, "201,C001,M,2015-01-01", "201,C002,Q,2015-01-01")
    cin = write("ssd_cin_episodes.csv", CIN, "201,R1,C001,2024-01-01")
    first = ingest([cin.parent], db)
    before = query(ALL_ROWS), query("SELECT * FROM ssd_cin_episodes")
    second = ingest([cin.parent], db)
    assert (query(ALL_ROWS), query("SELECT * FROM ssd_cin_episodes")) == before
    assert first.counts == second.counts
    assert first.rejections == second.rejections
    assert query("SELECT count(*) FROM csc_ingest_rejects") == [(1,)]
    assert query("SELECT count(*) FROM csc_ingest_runs") == [(2,)]


def test_full_refresh_replaces_one_council_and_leaves_another(
    write: Write, db: Path, query: Query
) -> None:
    ingest([_council(write, "201", "C001", "C002", folder="a")], db)
    ingest([_council(write, "202", "C001", folder="b")], db)
    ingest([_council(write, "201", "C003", folder="a2")], db)
    assert query("SELECT la_code, pers_person_id FROM ssd_person ORDER BY ALL") == [
        ("201", "C003"),
        ("202", "C001"),
    ]


def test_orphan_check_uses_children_already_in_the_store(write: Write, db: Path) -> None:
    ingest([_council(write, "201", "C001", folder="people")], db)
    cin = write("ssd_cin_episodes.csv", CIN, "201,R1,C001,2024-01-01", "202,R1,C001,2024-01-01")
    report = ingest([cin], db)
    [orphan] = report.rejections
    assert (orphan.reason, orphan.row, orphan.la_code) == (Reason.ORPHAN_CHILD, 2, "202")


def test_children_replaced_in_this_run_no_longer_count(write: Write, db: Path) -> None:
    ingest([_council(write, "201", "C001", folder="old")], db)
    _council(write, "201", "C002", folder="new")
    write("ssd_cin_episodes.csv", CIN, "201,R1,C001,2024-01-01", folder="new")
    [orphan] = ingest([db.parent / "new"], db).rejections
    assert orphan.reason is Reason.ORPHAN_CHILD


def test_a_failed_load_leaves_the_previous_store_intact(
    write: Write, db: Path, query: Query, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("ssd_person.csv", PERSON, "201,C001,M,2015-01-01")
    cin = write("ssd_cin_episodes.csv", CIN, "201,R1,C001,2024-01-01")
    ingest([cin.parent], db)
    before = [query(f"SELECT * FROM {t} ORDER BY ALL") for t in ("ssd_person", "ssd_cin_episodes")]
    runs = query("SELECT run_id FROM csc_ingest_runs")

    write("ssd_person.csv", PERSON, "201,C002,M,2015-01-01", folder="next")
    write("ssd_cin_episodes.csv", CIN, "201,R2,C002,2024-01-01", folder="next")
    real = run_module.replace_council_rows
    calls: list[str] = []

    def fail_on_second_table(con: duckdb.DuckDBPyConnection, table: str, *args: object) -> None:
        calls.append(table)
        if len(calls) == 2:
            raise duckdb.IOException("disk full")
        real(con, table, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(run_module, "replace_council_rows", fail_on_second_table)
    with pytest.raises(StoreError, match="unchanged"):
        ingest([db.parent / "next"], db)
    assert calls == ["ssd_person", "ssd_cin_episodes"]
    after = [query(f"SELECT * FROM {t} ORDER BY ALL") for t in ("ssd_person", "ssd_cin_episodes")]
    assert after == before
    assert query("SELECT run_id FROM csc_ingest_runs") == runs


def test_run_log_records_inputs_with_checksums(write: Write, db: Path, query: Query) -> None:
    person = _council(write, "201", "C001", folder="in")
    report = ingest([person], db)
    [(run_id, inputs, counts)] = query("SELECT run_id, inputs, counts FROM csc_ingest_runs")
    assert run_id == report.run_id
    assert inputs == [
        {"path": str(person), "sha256": report.inputs[0].sha256, "format": "canonical"}
    ]
    assert len(report.inputs[0].sha256) == 64
    assert counts == [
        {"source": str(person), "table_name": "ssd_person"}
        | {"read": 1, "loaded": 1, "rejected": 0, "merged": 0}
    ]


def test_unknown_input_is_unsupported(tmp_path: Path, db: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello\n")
    report = ingest([notes, tmp_path / "missing.csv"], db)
    assert [r.reason for r in report.rejections] == [Reason.UNSUPPORTED_FORMAT] * 2
    assert report.all_inputs_unusable


def test_unknown_format_name_is_refused(tmp_path: Path, db: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        ingest([tmp_path], db, format="annex_a_v9")


class _OneRecordReader:
    """A reader as an extension would write one, with a record it could not place."""

    name = "test-format"

    def detect(self, path: Path) -> bool:
        return path.suffix == ".test"

    def read(self, path: Path, la_code: str | None) -> ReadResult:
        frame = pl.DataFrame({"_row": [1], "la_code": ["201"], "pers_person_id": ["C001"]})
        bad = Rejection(str(path), "ssd_person", 2, None, Reason.MALFORMED_FILE, "unplaceable")
        return ReadResult([RawTable("ssd_person", str(path), frame)], [bad])


def test_reader_rejected_records_count_as_read_and_rejected(
    tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run_module, "readers", lambda: (_OneRecordReader(),))
    source = tmp_path / "x.test"
    source.write_text("anything")
    report = ingest([source], db)
    [count] = report.counts
    assert (count.read, count.loaded, count.rejected) == (2, 1, 1)
