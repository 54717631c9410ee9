"""The embedded DuckDB store: opening it, and replacing a council's rows in one transaction.

Canonical extracts are full refreshes: a council's file for a table is the whole truth for that
council and table, so loading replaces that council's rows rather than merging with them. Rows go
in through Arrow (polars frame to DuckDB scan), never row by row.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from csc_scorecard.store.ddl import create_all_sql
from csc_scorecard.store.frames import append_frame
from csc_scorecard.store.ingest_log import create_ingest_log


def open_store(path: Path) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the store at ``path`` with every canonical table present.

    A new file is created readable by its owner only (0600): it holds child-level data.
    """
    created = not path.exists()
    previous = os.umask(0o077) if created else None
    try:
        con = duckdb.connect(str(path))
    finally:
        if previous is not None:
            os.umask(previous)
    if created:
        path.chmod(0o600)
    for sql in create_all_sql():
        con.execute(sql)
    create_ingest_log(con)
    return con


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run the block in one transaction: commit if it finishes, roll back if anything raises."""
    con.begin()
    try:
        yield
    except BaseException:
        con.rollback()
        raise
    con.commit()


def replace_council_rows(
    con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, councils: Collection[str]
) -> None:
    """Make ``frame`` the whole content of ``table`` for each council in ``councils``.

    Councils not named are left alone, so one store can hold many councils loaded separately.
    """
    con.execute(
        f'DELETE FROM "{table}" WHERE list_contains(?::VARCHAR[], la_code)', [sorted(councils)]
    )
    append_frame(con, table, frame)


def stored_children(con: duckdb.DuckDBPyConnection, excluding: Collection[str]) -> pl.DataFrame:
    """Children (``la_code``, ``person_id``) in the store, except those of ``excluding`` councils.

    The excluded councils are those whose ``ssd_person`` the current run replaces: their children
    are the run's, not the store's.
    """
    rel = con.sql(
        "SELECT la_code, pers_person_id AS person_id FROM ssd_person "
        "WHERE NOT list_contains(?::VARCHAR[], la_code)",
        params=[sorted(excluding)],
    )
    frame = pl.from_arrow(rel.to_arrow_table())
    assert isinstance(frame, pl.DataFrame)
    return frame
