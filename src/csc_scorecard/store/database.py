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

from csc_scorecard.store.ddl import create_all_sql
from csc_scorecard.store.frames import Rows, append_frame
from csc_scorecard.store.ingest_log import create_ingest_log


def open_store(path: Path, *, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the store at ``path`` with every canonical table present.

    A new file is created readable by its owner only (0600): it holds child-level data.
    ``memory_limit`` (e.g. ``"2GB"``) caps DuckDB's memory; beyond it, DuckDB spills to a temp
    folder beside the store (``<store>.tmp``, owner-only: spilled rows are child-level data)
    instead of taking the machine's memory (its default is 80% of it, too much on a shared
    machine). None keeps DuckDB's defaults.
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
    # The CLI draws its own progress bars; DuckDB's would interleave with them on stderr.
    con.execute("SET enable_progress_bar = false")
    if memory_limit is not None:
        spill = path.with_name(f"{path.name}.tmp")
        spill.mkdir(mode=0o700, exist_ok=True)
        quoted = str(spill).replace("'", "''")
        con.execute(f"SET temp_directory = '{quoted}'")
        con.execute(f"SET memory_limit = '{memory_limit}'")
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
    con: duckdb.DuckDBPyConnection, table: str, rows: Rows, councils: Collection[str]
) -> None:
    """Make ``rows`` the whole content of ``table`` for each council in ``councils``.

    Councils not named are left alone, so one store can hold many councils loaded separately.
    """
    con.execute(
        f'DELETE FROM "{table}" WHERE list_contains(?::VARCHAR[], la_code)', [sorted(councils)]
    )
    append_frame(con, table, rows)
