"""The CIN census reader streams: rows wait in a private temporary folder, a chunk a file, and
only their keys stay in memory. Hand-made returns (synthetic ids C001...)."""

from __future__ import annotations

import stat
import tempfile
from pathlib import Path

import polars as pl
import pytest
from tests.ingest.test_cin_census import FULL_CHILD, census, child

from csc_scorecard.ingest import cin_census_rows, ingest
from csc_scorecard.ingest.cin_census import CinCensusReader
from csc_scorecard.ingest.reader import ROW
from csc_scorecard.ingest.streaming import TableStream


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the reader's temporary folders are made in, for the test to look into."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _returns(folder: Path) -> Path:
    """Two census years: the 2024 return repeats one of 2023's children and a closed episode."""
    folder.mkdir()
    old = [child(f"C{n:03}", referred="2023-03-01") for n in range(2, 8)]  # and C001
    (folder / "a_2023.xml").write_text(census(*old, FULL_CHILD, year=2023), encoding="utf-8")
    new = [child(f"C{n:03}", referred="2023-03-01", CINclosureDate="2023-06-30") for n in (2, 5)]
    new += [child(f"C{n:03}", referred=f"2024-01-0{n % 9 + 1}") for n in range(10, 16)]
    (folder / "b_2024.xml").write_text(census(*new, year=2024), encoding="utf-8")
    return folder


def _tables(folder: Path) -> dict[str, pl.DataFrame]:
    read = CinCensusReader().read(folder, None)
    assert not read.rejections
    tables: dict[str, list[pl.DataFrame]] = {}
    for raw in read.tables:
        tables.setdefault(raw.table, []).append(raw.frame.with_columns(pl.lit(raw.source)))
    return {t: pl.concat(f).sort("literal", ROW) for t, f in tables.items()}


def test_rows_wait_in_an_owner_only_folder_removed_afterwards(tmp_path: Path, temp: Path) -> None:
    result = CinCensusReader().stream(_returns(tmp_path / "in"), None)
    [spill] = temp.iterdir()
    assert stat.S_IMODE(spill.stat().st_mode) == 0o700
    assert list(spill.rglob("*.arrow"))
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o700 for p in spill.iterdir())
    streams = [i for i in result.items if isinstance(i, TableStream)]
    assert sum(f.height for s in streams for f in s.batches()) > 0
    result.cleanup()
    assert list(temp.iterdir()) == []


def test_ingest_leaves_nothing_behind(tmp_path: Path, temp: Path, db: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.xml").write_text(census(child("C001"))[:-20], encoding="utf-8")
    report = ingest([_returns(tmp_path / "ok"), tmp_path / "in" / "bad.xml"], db)
    assert report.rows_loaded == report.rows_read > 0
    assert [r.source for r in report.rejections] == [str(tmp_path / "in" / "bad.xml")]
    assert list(temp.iterdir()) == []


def test_small_chunks_give_the_same_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Later years' keys drop earlier rows in every chunk; each chunk numbers on from the last."""
    folder = _returns(tmp_path / "in")
    whole = _tables(folder)
    monkeypatch.setattr(cin_census_rows, "CHUNK", 2)
    chunked = _tables(folder)
    assert whole.keys() == chunked.keys()
    for table, frame in whole.items():
        assert chunked[table].equals(frame), table
    assert whole["ssd_person"].height == 5 + 8  # 2023's C002 and C005 are taken from 2024
    assert whole["ssd_cin_episodes"].filter(pl.col("cine_close_date").is_not_null()).height == 3
