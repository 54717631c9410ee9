"""Files read in many small batches give the same results as one read whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from csc_scorecard.ingest import Reason, ingest
from csc_scorecard.ingest import canonical as canonical_module
from csc_scorecard.ingest import validate as validate_module

Write = Callable[..., Path]
Query = Callable[[str], list[tuple[object, ...]]]
PERSON = "la_code,pers_person_id,pers_sex,pers_dob"
CIN = "la_code,cine_referral_id,cine_person_id,cine_referral_date"


@pytest.fixture(autouse=True)
def tiny_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """A few rows a batch, so every check has to see across batches."""
    monkeypatch.setattr(canonical_module, "_BATCH_BYTES", 64)


def test_duplicates_and_orphans_are_found_across_batches(write: Write, db: Path) -> None:
    people = [f"201,C{i:03},M,2015-01-01" for i in range(40)]
    write("ssd_person.csv", PERSON, *people, "201,C001,F,2016-01-01")
    cin = [f"201,R{i},C{i:03},2024-01-01" for i in range(40)]
    folder = write("ssd_cin_episodes.csv", CIN, *cin, "201,R40,C999,2024-01-01").parent
    report = ingest([folder], db)
    assert [(r.table, r.row, r.reason) for r in report.rejections] == [
        ("ssd_person", 41, Reason.DUPLICATE_KEY),
        ("ssd_cin_episodes", 41, Reason.ORPHAN_CHILD),
    ]
    assert "row 2" in report.rejections[0].message
    assert [(c.read, c.loaded) for c in report.counts] == [(41, 40), (41, 40)]


def test_a_ragged_row_after_loaded_batches_rejects_the_whole_file(
    write: Write, db: Path, query: Query
) -> None:
    ingest([write("ssd_person.csv", PERSON, "201,C001,M,2015-01-01", folder="old")], db)
    people = [f"201,C{i:03},M,2015-01-01,X" for i in range(40)]
    header = f"{PERSON},pers_name"
    person = write("ssd_person.csv", header, *people, "201,C100,M", folder="new")
    report = ingest([person], db)
    [rejection] = report.rejections
    assert (rejection.reason, rejection.row) == (Reason.MALFORMED_FILE, None)
    assert "ragged or truncated" in rejection.message
    assert (report.counts, report.notes) == ((), ())
    assert query("SELECT pers_person_id FROM ssd_person") == [("C001",)]


def test_batches_pooled_across_sources_keep_every_row_in_place(
    write: Write, db: Path, query: Query, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pools of a few rows: a file withdrawn part-way loses both its staged and waiting rows;
    keys repeated across pools and files still name the first row."""
    monkeypatch.setattr(validate_module, "MERGE_ROWS", 3)
    people = [f"201,C{i:03},M,2015-01-01" for i in range(10)]
    good = write("ssd_person.csv", PERSON, *people, "201,C003,F,2016-01-01", folder="a")
    ragged = [f"201,D{i:03},M,2015-01-01" for i in range(10)]
    bad = write("ssd_person.csv", PERSON, *ragged, "201,D100,M", folder="b")
    again = write("ssd_person.csv", PERSON, "201,C005,F,2016-01-01", folder="c")
    report = ingest([good, bad, again], db)
    assert [(r.source, r.row, r.reason) for r in report.rejections] == [
        (str(bad), None, Reason.MALFORMED_FILE),
        (str(good), 11, Reason.DUPLICATE_KEY),
        (str(again), 1, Reason.DUPLICATE_KEY),
    ]
    assert "row 4" in report.rejections[1].message
    assert f"row 6 of {good}" in report.rejections[2].message
    assert [(c.source, c.read, c.loaded) for c in report.counts] == [
        (str(good), 11, 10),
        (str(again), 1, 0),
    ]
    assert query("SELECT count(*) FROM ssd_person WHERE pers_person_id LIKE 'D%'") == [(0,)]
