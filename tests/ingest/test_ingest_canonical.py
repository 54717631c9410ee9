"""The canonical reader: every file is read, or rejected whole with one clear message."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

from csc_scorecard.ingest import Reason, ingest
from csc_scorecard.ingest.canonical import CanonicalReader

Write = Callable[..., Path]
Query = Callable[[str], list[tuple[object, ...]]]
PERSON = "la_code,pers_person_id,pers_sex,pers_dob"


def _good_person(write: Write) -> Path:
    return write("ssd_person.csv", PERSON, "201,C001,M,2015-01-01", "201,C002,F,2016-01-01")


def _malformed(folder: Path, db: Path, reason: Reason = Reason.MALFORMED_FILE) -> str:
    """Ingest ``folder``; the bad file costs one rejection and the good person file still loads."""
    report = ingest([folder], db)
    [rejection] = report.rejections
    assert rejection.reason is reason
    assert rejection.row is None
    assert "C00" not in rejection.message
    assert [(c.table, c.loaded) for c in report.counts] == [("ssd_person", 2)]
    return rejection.message


def test_file_that_is_not_utf8(write: Write, db: Path) -> None:
    folder = _good_person(write).parent
    (folder / "ssd_cin_episodes.csv").write_bytes(
        b"la_code,cine_referral_id,cine_person_id,cine_referral_date\n201,R1,C001,2024-01-01\n"
        b"201,R2,C\xe9001,2024-01-01\n"
    )
    assert "not UTF-8" in _malformed(folder, db)


def test_missing_required_column_is_named(write: Write, db: Path) -> None:
    folder = _good_person(write).parent
    write("ssd_cin_episodes.csv", "la_code,cine_referral_id,cine_person_id", "201,R1,C001")
    assert "cine_referral_date" in _malformed(folder, db)


@pytest.mark.parametrize(
    "last_line",
    [
        pytest.param("201,R2,C001", id="short-row"),
        pytest.param("201,R2,C001,2024-01-01,extra", id="long-row"),
        pytest.param('201,R2,"C001,2024-0', id="cut-mid-quote"),
    ],
)
def test_ragged_or_truncated_rows(write: Write, db: Path, last_line: str) -> None:
    folder = _good_person(write).parent
    header = "la_code,cine_referral_id,cine_person_id,cine_referral_date"
    write("ssd_cin_episodes.csv", header, "201,R1,C001,2024-01-01", last_line)
    assert "ragged or truncated" in _malformed(folder, db)


def test_corrupt_parquet(write: Write, db: Path) -> None:
    folder = _good_person(write).parent
    (folder / "ssd_cin_episodes.parquet").write_bytes(b"PAR1 this is not really parquet")
    assert "Parquet" in _malformed(folder, db)


def test_empty_file(write: Write, db: Path) -> None:
    folder = _good_person(write).parent
    (folder / "ssd_cin_episodes.csv").write_bytes(b"")
    assert "empty" in _malformed(folder, db)


def test_unknown_file_name_is_reported_not_ignored(write: Write, db: Path) -> None:
    folder = _good_person(write).parent
    write("children.csv", PERSON, "201,C003,M,2015-01-01")
    assert "children.csv" in _malformed(folder, db, Reason.UNSUPPORTED_FORMAT)


def test_bom_header_case_spaces_and_unknown_columns(tmp_path: Path, db: Path, query: Query) -> None:
    path = tmp_path / "SSD_Person.csv"
    path.write_bytes(
        b"\xef\xbb\xbf LA_Code ,PERS_PERSON_ID,pers_sex,pers_dob,pers_name\n"
        b"201,C001,M,2015-01-01,X\n"
    )
    report = ingest([path], db)
    assert report.rejections == ()
    [note] = report.notes
    assert "pers_name" in note.message
    assert query("SELECT la_code, pers_person_id, pers_dob::VARCHAR FROM ssd_person") == [
        ("201", "C001", "2015-01-01")
    ]


def test_gzip_and_parquet_and_la_code_option(tmp_path: Path, db: Path, query: Query) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ssd_person.csv.gz").write_bytes(gzip.compress(b"pers_person_id\nC001\nC002\n"))
    pl.DataFrame(
        {
            "cine_referral_id": ["R1"],
            "cine_person_id": ["C002"],
            "cine_referral_date": [datetime(2024, 1, 5, 0, 0)],
        }
    ).write_parquet(folder / "ssd_cin_episodes.parquet")
    report = ingest([folder], db, la_code="201")
    assert report.rejections == ()
    assert report.rows_loaded == 3
    assert query("SELECT la_code, cine_referral_date::VARCHAR FROM ssd_cin_episodes") == [
        ("201", "2024-01-05")
    ]


def test_la_code_is_required_without_the_option(write: Write, db: Path) -> None:
    path = write("ssd_person.csv", "pers_person_id", "C001")
    [rejection] = ingest([path], db).rejections
    assert "la_code" in rejection.message
    assert "--la-code" in rejection.message


def test_detect(tmp_path: Path, write: Write) -> None:
    reader = CanonicalReader()
    person = write("ssd_person.csv", "pers_person_id")
    assert reader.detect(person)
    assert reader.detect(person.parent)
    assert not reader.detect(write("notes.txt", "x"))
    assert not reader.detect(write("other.csv", "x", folder="elsewhere").parent)
