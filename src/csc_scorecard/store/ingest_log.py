"""The store's record of ingest runs and of every row they rejected.

These are store internals, not canonical tables: they describe how the data got in, so an analyst
can trace any figure back to the files (and checksums) that fed it and see what was left out.
Their polars schemas live beside the DDL so the rows written always match the tables.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import polars as pl

from csc_scorecard.store.frames import append_frame

RUNS_TABLE = "csc_ingest_runs"
REJECTS_TABLE = "csc_ingest_rejects"

_COUNT = pl.Struct(
    {
        "source": pl.String,
        "table_name": pl.String,
        "read": pl.Int64,
        "loaded": pl.Int64,
        "rejected": pl.Int64,
        "merged": pl.Int64,
    }
)
RUNS_SCHEMA = pl.Schema(
    {
        "run_id": pl.String(),
        "started_utc": pl.Datetime("us"),
        "finished_utc": pl.Datetime("us"),
        "inputs": pl.List(
            pl.Struct({"path": pl.String(), "sha256": pl.String(), "format": pl.String()})
        ),
        "counts": pl.List(_COUNT),
        "rows_read": pl.Int64(),
        "rows_loaded": pl.Int64(),
        "rows_rejected": pl.Int64(),
    }
)

_COUNT_SQL = (
    "STRUCT(source VARCHAR, table_name VARCHAR, read BIGINT, loaded BIGINT, rejected BIGINT, "
    "merged BIGINT)"
)
"""One file and table's counts: read = loaded + rejected + merged (``ingest.report``)."""

REJECTS_SCHEMA = pl.Schema(
    {
        "run_id": pl.String,
        "la_code": pl.String,
        "source": pl.String,
        "table_name": pl.String,
        "source_row": pl.Int64,
        "field": pl.String,
        "reason": pl.String,
        "message": pl.String,
        "location": pl.String,
    }
)

_DDL = (
    f"""CREATE TABLE IF NOT EXISTS {RUNS_TABLE} (
  run_id VARCHAR PRIMARY KEY,
  started_utc TIMESTAMP NOT NULL,
  finished_utc TIMESTAMP NOT NULL,
  inputs STRUCT(path VARCHAR, sha256 VARCHAR, format VARCHAR)[] NOT NULL,
  counts {_COUNT_SQL}[] NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_loaded BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL
)""",
    f"""CREATE TABLE IF NOT EXISTS {REJECTS_TABLE} (
  run_id VARCHAR NOT NULL,
  la_code VARCHAR,
  source VARCHAR NOT NULL,
  table_name VARCHAR NOT NULL,
  source_row BIGINT,
  field VARCHAR,
  reason VARCHAR NOT NULL,
  message VARCHAR NOT NULL,
  location VARCHAR
)""",
)


def create_ingest_log(con: duckdb.DuckDBPyConnection) -> None:
    """Create the run and reject tables if the store lacks them; bring older ones up to date."""
    for sql in _DDL:
        con.execute(sql)
    _add_merged(con)


def _add_merged(con: duckdb.DuckDBPyConnection) -> None:
    """Give the counts of a run table made before merged rows were logged their ``merged``.

    An ingest's counts have always reconciled, so an earlier count's merged rows are exactly
    read - loaded - rejected (none before statutory returns were merged).
    """
    [counts] = con.table(RUNS_TABLE).select("counts").dtypes
    if "merged" in dict(counts.child.children):
        return
    con.execute(
        f"ALTER TABLE {RUNS_TABLE} ALTER counts TYPE {_COUNT_SQL}[] USING list_transform("
        "counts, lambda c: struct_insert(c, merged := c.read - c.loaded - c.rejected))"
    )


def record_run(con: duckdb.DuckDBPyConnection, run: pl.DataFrame) -> None:
    """Append one run (a frame of ``RUNS_SCHEMA``)."""
    append_frame(con, RUNS_TABLE, run.cast(RUNS_SCHEMA))


def replace_rejects(
    con: duckdb.DuckDBPyConnection, rejects: pl.DataFrame, replaced: Iterable[tuple[str, str]]
) -> None:
    """Store a run's rejections, dropping earlier ones for each (table, council) it reloaded.

    Rejections were about data the new load has replaced, so keeping them would report problems
    that no longer exist. Rejections tied to no council (an unreadable file) stay with their run.
    """
    pairs = pl.DataFrame(list(replaced), schema=["table_name", "la_code"], orient="row")
    con.register("__replaced", pairs.to_arrow())
    try:
        con.execute(
            f"DELETE FROM {REJECTS_TABLE} AS r USING __replaced AS p "
            "WHERE r.table_name = p.table_name AND r.la_code = p.la_code"
        )
    finally:
        con.unregister("__replaced")
    append_frame(con, REJECTS_TABLE, rejects.cast(REJECTS_SCHEMA))
