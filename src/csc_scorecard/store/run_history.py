"""The store's record of published runs (``compute`` and ``report``) and the figures each gave.

Like the ingest log, these are store internals: they let last month's scorecard be reproduced
and this month's differences explained. A run row says what went in (the ingest runs and input
checksums behind the store's data, the configuration file's text, the code version, the command's
options); its figures are kept whole in ``csc_run_results``, in the engine's tidy shape.
"""

from __future__ import annotations

import duckdb
import polars as pl

from csc_scorecard.engine.compute import RESULT_SCHEMA
from csc_scorecard.store.frames import append_frame

HISTORY_TABLE = "csc_runs"
HISTORY_RESULTS_TABLE = "csc_run_results"

INPUT = pl.Struct({"path": pl.String(), "sha256": pl.String(), "format": pl.String()})
HISTORY_SCHEMA = pl.Schema(
    {
        "run_id": pl.String(),
        "kind": pl.String(),
        "started_utc": pl.Datetime("us"),
        "finished_utc": pl.Datetime("us"),
        "month": pl.Date(),
        "ingest_runs": pl.List(pl.String()),
        "inputs": pl.List(INPUT),
        "config_path": pl.String(),
        "config_sha256": pl.String(),
        "config_text": pl.String(),
        "package_version": pl.String(),
        "git_commit": pl.String(),
        "options": pl.String(),
        "figures": pl.Int64(),
    }
)
HISTORY_RESULTS_SCHEMA = pl.Schema({"run_id": pl.String(), **RESULT_SCHEMA})

_DDL = (
    f"""CREATE TABLE IF NOT EXISTS {HISTORY_TABLE} (
  run_id VARCHAR PRIMARY KEY,
  kind VARCHAR NOT NULL,
  started_utc TIMESTAMP NOT NULL,
  finished_utc TIMESTAMP NOT NULL,
  month DATE,
  ingest_runs VARCHAR[] NOT NULL,
  inputs STRUCT(path VARCHAR, sha256 VARCHAR, format VARCHAR)[] NOT NULL,
  config_path VARCHAR,
  config_sha256 VARCHAR,
  config_text VARCHAR,
  package_version VARCHAR NOT NULL,
  git_commit VARCHAR,
  options VARCHAR NOT NULL,
  figures BIGINT NOT NULL
)""",
    f"""CREATE TABLE IF NOT EXISTS {HISTORY_RESULTS_TABLE} (
  run_id VARCHAR NOT NULL,
  la_code VARCHAR NOT NULL,
  indicator_id VARCHAR NOT NULL,
  period_kind VARCHAR NOT NULL,
  period_start DATE,
  period_end DATE NOT NULL,
  breakdown VARCHAR,
  breakdown_value VARCHAR,
  numerator DOUBLE PRECISION,
  denominator DOUBLE PRECISION,
  value DOUBLE PRECISION
)""",
)


def create_history(con: duckdb.DuckDBPyConnection) -> None:
    """Create the run history tables if the store lacks them."""
    for sql in _DDL:
        con.execute(sql)


def has_history(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the store has the history tables (a store never published from has not)."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [HISTORY_TABLE]
    ).fetchall()
    return bool(found[0][0])


def append_run(con: duckdb.DuckDBPyConnection, run: pl.DataFrame, results: pl.DataFrame) -> None:
    """Add one run (a one-row frame of ``HISTORY_SCHEMA``) and its figures."""
    append_frame(con, HISTORY_TABLE, run.cast(HISTORY_SCHEMA))
    run_id = run["run_id"][0]
    rows = results.select(list(RESULT_SCHEMA)).with_columns(run_id=pl.lit(run_id))
    append_frame(con, HISTORY_RESULTS_TABLE, rows.cast(HISTORY_RESULTS_SCHEMA))


def read_runs(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every recorded run, oldest first (empty, in ``HISTORY_SCHEMA``, when none)."""
    if not has_history(con):
        return pl.DataFrame(schema=HISTORY_SCHEMA)
    columns = ", ".join(HISTORY_SCHEMA)
    sql = f"SELECT {columns} FROM {HISTORY_TABLE} ORDER BY started_utc, run_id"
    frame: pl.DataFrame = con.sql(sql).pl()
    return pl.concat([pl.DataFrame(schema=HISTORY_SCHEMA), frame.cast(HISTORY_SCHEMA)])


def read_results(con: duckdb.DuckDBPyConnection, run_id: str) -> pl.DataFrame:
    """The figures run ``run_id`` gave, in the engine's result shape and order."""
    columns = ", ".join(RESULT_SCHEMA)
    sql = f"SELECT {columns} FROM {HISTORY_RESULTS_TABLE} WHERE run_id = $run_id"
    frame: pl.DataFrame = con.sql(sql, params={"run_id": run_id}).pl()
    return pl.concat([pl.DataFrame(schema=RESULT_SCHEMA), frame.cast(RESULT_SCHEMA)]).sort(
        list(RESULT_SCHEMA)[:7], nulls_last=True
    )
