"""Moving polars frames into DuckDB tables through Arrow, the one path rows take into the store."""

from __future__ import annotations

import duckdb
import polars as pl

_INCOMING = "__incoming"


def append_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Insert every row of ``frame`` into ``table`` (columns matched by name) via Arrow.

    DuckDB scans the Arrow buffers directly, so millions of rows load without a Python loop.
    ``table`` and the column names come from declarations, never from input files.
    """
    columns = ", ".join(f'"{c}"' for c in frame.columns)
    con.register(_INCOMING, frame.to_arrow())
    try:
        con.execute(f'INSERT INTO "{table}" ({columns}) SELECT {columns} FROM {_INCOMING}')
    finally:
        con.unregister(_INCOMING)
