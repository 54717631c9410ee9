"""Scratch tables where one canonical table's rows wait, typed, while ingest checks the whole input.

Duplicate keys and orphans are properties of the whole input, not of one batch of it. Keeping the
batches in DuckDB (which spills to disk past its memory limit) and finding those rows with SQL
bounds an ingest's memory by a batch and DuckDB's limit, not by the data set. The tables are TEMP:
private to the connection, inside the run's transaction, and never part of the store file.

Every staged row is kept, valid or not, because a rejected row still holds its key: a later row
repeating it is a duplicate, as when all rows were checked at once. ``_bad`` marks the rows that
are rejected; ``_idx`` is a row's position in the table's whole input, which orders rejections
and decides which of two rows sharing a key came first. ``_merged`` marks a row whose values were
combined into another row of the same key from a different statutory return (``ingest.keys``):
it is neither loaded nor rejected.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import polars as pl

from csc_scorecard.model.schema import LA_CODE, Table
from csc_scorecard.store.ddl import SQL_TYPES
from csc_scorecard.store.frames import append_frame

STAGE = "__csc_stage"
ISSUES = "__csc_issues"
CHILDREN = "__csc_children"
"""The relation the orphan check reads known children from: (``la_code``, ``person_id``)."""
GROUPS = "__csc_groups"
"""Each source's merge group (``_src``, ``_grp``): 0 for a source never merged."""
MERGING = "__csc_merging"

IDX, SRC, ROW, LOCATION, BAD, ORDER = "_idx", "_src", "_row", "_location", "_bad", "_ord"
MERGED, GROUP = "_merged", "_grp"

_STAGE_COLUMNS = (
    f"{IDX} BIGINT, {SRC} INTEGER, {ROW} BIGINT, {LOCATION} VARCHAR, {BAD} BOOLEAN, "
    f"{MERGED} BOOLEAN DEFAULT false"
)
_ISSUE_COLUMNS = (
    f"{IDX} BIGINT, {ORDER} INTEGER, {SRC} INTEGER, {ROW} BIGINT, {LOCATION} VARCHAR, "
    f"{LA_CODE} VARCHAR, field VARCHAR, reason VARCHAR, message VARCHAR"
)
_LOCATED = ", ".join(f"s.{c}" for c in (IDX, SRC, ROW, LOCATION, LA_CODE))
"""Where an issue is: its row's position, source, row number, location and council."""


def _quoted(names: Sequence[str]) -> list[str]:
    return [f'"{n}"' for n in names]


def _frame(rel: duckdb.DuckDBPyRelation) -> pl.DataFrame:
    frame = pl.from_arrow(rel.to_arrow_table())
    assert isinstance(frame, pl.DataFrame)
    return frame


def create_stage(con: duckdb.DuckDBPyConnection, table: Table) -> None:
    """Empty staging and issue tables for ``table`` (typed as the store's columns)."""
    typed = ", ".join(f'"{c.name}" {SQL_TYPES[c.type]}' for c in table.all_columns)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {STAGE} ({_STAGE_COLUMNS}, {typed})")
    con.execute(f"CREATE OR REPLACE TEMP TABLE {ISSUES} ({_ISSUE_COLUMNS})")


def drop_stage(con: duckdb.DuckDBPyConnection) -> None:
    """Release the staging tables (and DuckDB's memory or disk behind them)."""
    for name in (STAGE, ISSUES, GROUPS, MERGING):
        con.execute(f"DROP TABLE IF EXISTS {name}")


def stage_rows(con: duckdb.DuckDBPyConnection, rows: pl.DataFrame) -> None:
    """Add a checked batch's typed rows."""
    append_frame(con, STAGE, rows)


def add_issues(con: duckdb.DuckDBPyConnection, issues: pl.DataFrame) -> None:
    """Add issues found (``_idx``, ``_ord``, where, field, reason, message)."""
    if issues.height:
        append_frame(con, ISSUES, issues)


def withdraw(con: duckdb.DuckDBPyConnection, source: int) -> None:
    """Remove every row and issue of ``source``: it turned out unreadable part-way through."""
    for name in (STAGE, ISSUES):
        con.execute(f"DELETE FROM {name} WHERE {SRC} = ?", [source])


def duplicates(con: duckdb.DuckDBPyConnection, key: Sequence[str]) -> pl.DataFrame:
    """Rows whose full key an earlier row has, with that first row's source and row number.

    Rows with part of the key missing (or unparseable, so null here) are not compared. Grouping
    first keeps only keys that repeat, so the join back touches few rows.
    """
    cols = _quoted(key)
    firsts = (
        f"SELECT {', '.join(cols)}, min({IDX}) AS first_idx, arg_min({SRC}, {IDX}) AS first_src, "
        f"arg_min({ROW}, {IDX}) AS first_row FROM {STAGE} "
        f"WHERE {' AND '.join(f'{c} IS NOT NULL' for c in cols)} "
        "GROUP BY ALL HAVING count(*) > 1"
    )
    on = " AND ".join(f"s.{c} = f.{c}" for c in cols)
    rel = con.sql(
        f"SELECT {_LOCATED}, f.first_src, f.first_row "
        f"FROM {STAGE} AS s JOIN ({firsts}) AS f ON {on} "
        f"WHERE s.{IDX} <> f.first_idx ORDER BY s.{IDX}"
    )
    return _frame(rel)


def set_groups(con: duckdb.DuckDBPyConnection, groups: dict[int, int]) -> None:
    """Record each source's merge group (``GROUPS``); a source not given is in group 0."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {GROUPS} ({SRC} INTEGER, {GROUP} INTEGER)")
    if groups:
        frame = pl.DataFrame(
            {SRC: list(groups), GROUP: list(groups.values())},
            schema={SRC: pl.Int32, GROUP: pl.Int32},
        )
        append_frame(con, GROUPS, frame)


def grouped_duplicates(con: duckdb.DuckDBPyConnection, key: Sequence[str]) -> pl.DataFrame:
    """``duplicates``, except that rows of two different merge groups (``GROUPS``, not 0) do
    not clash: each row is compared with the earlier rows of its key it clashes with."""
    cols = _quoted(key)
    keyed = " AND ".join(f"s.{c} IS NOT NULL" for c in cols)
    repeated = (
        f"SELECT {', '.join(cols)} FROM {STAGE} AS s WHERE {keyed} GROUP BY ALL HAVING count(*) > 1"
    )
    rows = (
        f"SELECT s.*, coalesce(g.{GROUP}, 0) AS {GROUP} FROM {STAGE} AS s "
        f"JOIN ({repeated}) AS k USING ({', '.join(cols)}) LEFT JOIN {GROUPS} AS g USING ({SRC})"
    )
    on = " AND ".join(f"a.{c} = b.{c}" for c in cols)
    clash = f"(a.{GROUP} = b.{GROUP} OR a.{GROUP} = 0 OR b.{GROUP} = 0)"
    located = ", ".join(f"a.{c}" for c in (IDX, SRC, ROW, LOCATION, LA_CODE))
    rel = con.sql(
        f"WITH r AS ({rows}) SELECT {located}, arg_min(b.{SRC}, b.{IDX}) AS first_src, "
        f"arg_min(b.{ROW}, b.{IDX}) AS first_row FROM r AS a JOIN r AS b "
        f"ON {on} AND b.{IDX} < a.{IDX} AND {clash} GROUP BY ALL ORDER BY a.{IDX}"
    )
    return _frame(rel)


def merge_candidates(con: duckdb.DuckDBPyConnection, table: Table) -> pl.DataFrame:
    """Rows that can be merged: valid so far (no issue yet), of a merge group, and sharing their
    key with a row of another group; each with its group, in input order."""
    cols = _quoted(table.key)
    keyed = " AND ".join(f"s.{c} IS NOT NULL" for c in cols)
    candidates = (
        f"SELECT s.*, g.{GROUP} FROM {STAGE} AS s JOIN {GROUPS} AS g USING ({SRC}) "
        f"WHERE NOT s.{BAD} AND {keyed} AND g.{GROUP} <> 0 "
        f"AND s.{IDX} NOT IN (SELECT {IDX} FROM {ISSUES})"
    )
    shared = f"SELECT {', '.join(cols)} FROM c GROUP BY ALL HAVING count(DISTINCT {GROUP}) > 1"
    rel = con.sql(
        f"WITH c AS ({candidates}) SELECT c.* FROM c SEMI JOIN ({shared}) AS k "
        f"USING ({', '.join(cols)}) ORDER BY c.{IDX}"
    )
    return _frame(rel)


def apply_merge(con: duckdb.DuckDBPyConnection, kept: pl.DataFrame, merged: Sequence[int]) -> None:
    """Give each row of ``kept`` (``_idx`` and canonical columns) those values; mark the rows
    ``merged`` (by ``_idx``) as merged into them."""
    if kept.height:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {MERGING} AS SELECT * FROM {STAGE} LIMIT 0")
        append_frame(con, MERGING, kept)
        names = [c for c in kept.columns if c != IDX]
        assign = ", ".join(f"{c} = m.{c}" for c in _quoted(names))
        con.execute(
            f"UPDATE {STAGE} SET {assign} FROM {MERGING} AS m WHERE {STAGE}.{IDX} = m.{IDX}"
        )
    if merged:
        con.execute(
            f"UPDATE {STAGE} SET {MERGED} = true WHERE list_contains(?::BIGINT[], {IDX})",
            [list(merged)],
        )


def orphans(con: duckdb.DuckDBPyConnection, person_column: str) -> pl.DataFrame:
    """Rows naming a child who is not in ``CHILDREN`` for the row's council."""
    person = f'"{person_column}"'
    rel = con.sql(
        f"SELECT {_LOCATED} FROM {STAGE} AS s "
        f"WHERE s.{person} IS NOT NULL AND s.{LA_CODE} IS NOT NULL AND NOT EXISTS ("
        f"SELECT 1 FROM {CHILDREN} AS k "
        f"WHERE k.{LA_CODE} = s.{LA_CODE} AND k.person_id = s.{person}) ORDER BY s.{IDX}"
    )
    return _frame(rel)


def reject_rows_with_issues(con: duckdb.DuckDBPyConnection) -> None:
    """Mark every row with an issue as rejected (batch checks marked theirs already)."""
    con.execute(
        f"UPDATE {STAGE} SET {BAD} = true WHERE NOT {BAD} AND {IDX} IN (SELECT {IDX} FROM {ISSUES})"
    )


def source_counts(con: duckdb.DuckDBPyConnection) -> dict[int, tuple[int, int, int]]:
    """Rows read, rejected and merged into another source's row, per source."""
    rows = con.execute(
        f"SELECT {SRC}, count(*), count(*) FILTER (WHERE {BAD}), "
        f"count(*) FILTER (WHERE {MERGED} AND NOT {BAD}) FROM {STAGE} GROUP BY {SRC}"
    ).fetchall()
    return {src: (read, rejected, merged) for src, read, rejected, merged in rows}


def councils(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """Every council code staged, in valid rows or not."""
    rows = con.execute(f"SELECT DISTINCT {LA_CODE} FROM {STAGE} WHERE {LA_CODE} IS NOT NULL")
    return frozenset(code for (code,) in rows.fetchall())


def issues(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every issue, in input order, a row's issues in the order they were checked."""
    return _frame(con.sql(f"SELECT * FROM {ISSUES} ORDER BY {IDX}, {ORDER}"))


def valid_rows(con: duckdb.DuckDBPyConnection, table: Table) -> duckdb.DuckDBPyRelation:
    """The staged rows that pass every check, in canonical columns and input order."""
    columns = ", ".join(_quoted(table.column_names))
    return con.sql(f"SELECT {columns} FROM {STAGE} WHERE NOT {BAD} AND NOT {MERGED}")


def view_stored_children(con: duckdb.DuckDBPyConnection) -> None:
    """Make ``CHILDREN`` the store's ``ssd_person`` as it stands in this transaction.

    Loading ``ssd_person`` first replaces the run's councils, so this is exactly the run's valid
    children plus the store's for every other council.
    """
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {CHILDREN} AS "
        f"SELECT {LA_CODE}, pers_person_id AS person_id FROM ssd_person"
    )
