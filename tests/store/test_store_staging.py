"""Store loading: rows from a relation without Python; the memory cap spills somewhere private."""

from __future__ import annotations

import stat
from pathlib import Path

from csc_scorecard.store.database import open_store, replace_council_rows, transaction


def test_memory_limit_spills_to_an_owner_only_folder(tmp_path: Path) -> None:
    con = open_store(tmp_path / "s.duckdb", memory_limit="512MB")
    try:
        [(limit, spill)] = con.execute(
            "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
        ).fetchall()
    finally:
        con.close()
    assert limit.endswith("MiB")
    assert spill == str(tmp_path / "s.duckdb.tmp")
    assert stat.S_IMODE(Path(spill).stat().st_mode) == 0o700


def test_rows_replace_a_council_from_a_relation(tmp_path: Path) -> None:
    con = open_store(tmp_path / "s.duckdb")
    rows = con.sql("SELECT '201' AS la_code, 'C00' || i AS pers_person_id FROM range(3) t(i)")
    with transaction(con):
        replace_council_rows(con, "ssd_person", rows, {"201"})
        replace_council_rows(con, "ssd_person", rows.limit(1), {"201"})
    assert con.execute("SELECT pers_person_id FROM ssd_person").fetchall() == [("C000",)]
    con.close()
