"""Moving rows into DuckDB tables in bulk, the one path rows take into the store.

Rows come either as a polars frame (scanned through Arrow) or as a DuckDB relation over rows the
database already holds (an ingest's staging table), which never passes through Python at all.
"""

from __future__ import annotations

import duckdb
import polars as pl

Rows = pl.DataFrame | duckdb.DuckDBPyRelation


def append_frame(con: duckdb.DuckDBPyConnection, table: str, rows: Rows) -> None:
    """Insert every row of ``rows`` into ``table`` (columns matched by name).

    DuckDB scans the Arrow buffers (or its own relation) directly, so millions of rows load
    without a Python loop. A frame is found by DuckDB's replacement scan of the local name
    ``incoming``, not registered as a view: a view registered and dropped inside a transaction
    stays in the catalog (holding its Arrow buffers) until the transaction ends, so a run that
    loads batch after batch in one transaction would keep every batch in memory. ``table`` and
    the column names come from declarations, never from input files.
    """
    columns = ", ".join(f'"{c}"' for c in rows.columns)
    incoming = rows.to_arrow() if isinstance(rows, pl.DataFrame) else rows  # noqa: F841 - read by name
    con.execute(f'INSERT INTO "{table}" ({columns}) SELECT {columns} FROM incoming')
