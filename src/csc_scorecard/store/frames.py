"""Moving rows into DuckDB tables in bulk, the one path rows take into the store.

Rows come either as a polars frame (scanned through Arrow) or as a DuckDB relation over rows the
database already holds (an ingest's staging table), which never passes through Python at all.
"""

from __future__ import annotations

import duckdb
import polars as pl

_INCOMING = "__incoming"

Rows = pl.DataFrame | duckdb.DuckDBPyRelation


def append_frame(con: duckdb.DuckDBPyConnection, table: str, rows: Rows) -> None:
    """Insert every row of ``rows`` into ``table`` (columns matched by name).

    DuckDB scans the Arrow buffers (or its own relation) directly, so millions of rows load
    without a Python loop. ``table`` and the column names come from declarations, never from
    input files.
    """
    columns = ", ".join(f'"{c}"' for c in rows.columns)
    if isinstance(rows, pl.DataFrame):
        con.register(_INCOMING, rows.to_arrow())
    else:
        rows.create_view(_INCOMING, replace=True)
    try:
        con.execute(f'INSERT INTO "{table}" ({columns}) SELECT {columns} FROM {_INCOMING}')
    finally:
        if isinstance(rows, pl.DataFrame):
            con.unregister(_INCOMING)
        else:
            con.execute(f"DROP VIEW {_INCOMING}")
