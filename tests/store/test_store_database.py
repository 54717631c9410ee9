"""The DuckDB store: created private with every table; transactions roll back on failure."""

from __future__ import annotations

import stat
from pathlib import Path

import polars as pl
import pytest

from csc_scorecard.model import TABLES
from csc_scorecard.store.database import open_store, replace_council_rows, transaction


def test_new_store_is_owner_only_and_has_every_table(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    con = open_store(path)
    try:
        names = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    finally:
        con.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert {t.name for t in TABLES} | {"csc_ingest_runs", "csc_ingest_rejects"} <= names
    open_store(path).close()  # opening again is harmless


def test_transaction_rolls_back_when_the_block_raises(tmp_path: Path) -> None:
    con = open_store(tmp_path / "s.duckdb")
    people = pl.DataFrame({"la_code": ["201"], "pers_person_id": ["C001"]})
    with transaction(con):
        replace_council_rows(con, "ssd_person", people, {"201"})
    with pytest.raises(RuntimeError), transaction(con):
        replace_council_rows(con, "ssd_person", people.head(0), {"201"})
        raise RuntimeError("stop")
    assert con.execute("SELECT pers_person_id FROM ssd_person").fetchall() == [("C001",)]
    con.close()
