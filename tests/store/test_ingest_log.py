"""The ingest run log: a store made before merged rows were logged gains them when opened.

An earlier run's counts reconciled read = loaded + rejected + merged without storing merged,
so its merged rows are read - loaded - rejected: 3 - 1 - 1 = 1 and 2 - 2 - 0 = 0 below.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from csc_scorecard.store.database import open_store
from csc_scorecard.store.ingest_log import RUNS_SCHEMA, record_run

_OLD_RUNS = """CREATE TABLE csc_ingest_runs (
  run_id VARCHAR PRIMARY KEY,
  started_utc TIMESTAMP NOT NULL,
  finished_utc TIMESTAMP NOT NULL,
  inputs STRUCT(path VARCHAR, sha256 VARCHAR, format VARCHAR)[] NOT NULL,
  counts STRUCT(source VARCHAR, table_name VARCHAR, read BIGINT, loaded BIGINT, rejected BIGINT)[]
    NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_loaded BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL
)"""
_OLD_RUN = (
    "INSERT INTO csc_ingest_runs VALUES ('old', TIMESTAMP '2025-01-06 09:00', "
    "TIMESTAMP '2025-01-06 09:01', [], ["
    "{'source': 'cin.xml', 'table_name': 'ssd_person', 'read': 3, 'loaded': 1, 'rejected': 1}, "
    "{'source': 'header.csv', 'table_name': 'ssd_person', 'read': 2, 'loaded': 2, 'rejected': 0}"
    "], 5, 3, 1)"
)
_COUNTS = (
    "SELECT run_id, c.source, c.read, c.loaded, c.rejected, c.merged "
    "FROM (SELECT run_id, unnest(counts) AS c FROM csc_ingest_runs) ORDER BY 1, 2"
)


def test_an_older_run_log_gains_merged_counts_and_takes_new_runs(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    con = duckdb.connect(str(path))
    con.execute(_OLD_RUNS)
    con.execute(_OLD_RUN)
    con.close()

    con = open_store(path)
    try:
        new = {
            "run_id": "new",
            "started_utc": datetime(2025, 2, 3, 9),
            "finished_utc": datetime(2025, 2, 3, 9, 1),
            "inputs": [],
            "counts": [
                {"source": "a.csv", "table_name": "ssd_person"}
                | {"read": 4, "loaded": 1, "rejected": 1, "merged": 2}
            ],
            "rows_read": 4,
            "rows_loaded": 1,
            "rows_rejected": 1,
        }
        record_run(con, pl.DataFrame([new], schema=RUNS_SCHEMA))
        rows = con.execute(_COUNTS).fetchall()
    finally:
        con.close()
    assert rows == [
        ("new", "a.csv", 4, 1, 1, 2),
        ("old", "cin.xml", 3, 1, 1, 1),
        ("old", "header.csv", 2, 2, 0, 0),
    ]
    open_store(path).close()  # opening an up-to-date log again changes nothing
