"""Rejections only the whole input reveals: a key given twice, a child not in ``ssd_person``, or
a child older than ``AGE_LIMIT`` at the row's event by the date of birth ``ssd_person`` holds.

The rows are found with SQL over the staged table (``store.staging``); only the rows found come
back to be worded, so these checks cost memory in proportion to the problems, not the input.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import polars as pl

from csc_scorecard.ingest.report import Reason
from csc_scorecard.model.schema import AGE_LIMIT, LA_CODE, Table
from csc_scorecard.model.tables import table_by_name
from csc_scorecard.store.staging import IDX, LOCATION, ORDER, ROW, SRC, STAGE, duplicates, orphans

PERSON = table_by_name("ssd_person")
"""Where a child's date of birth is: ingest loads it before every table that refers to it."""

DUPLICATE_ORDER = 10_000
ORPHAN_ORDER = DUPLICATE_ORDER + 1
AGE_ORDER = ORPHAN_ORDER + 1
"""Where these checks come among a row's issues: after every check of the row's own values."""


def duplicate_issues(
    con: duckdb.DuckDBPyConnection, table: Table, names: Sequence[str]
) -> pl.DataFrame:
    """Every row after the first with the same (typed) key; the message names the first row.

    Keys are compared after typing, so ``2024-01-31`` and ``31/01/2024`` are the same date.
    ``names`` are the sources' names, by source index, for a first row in another file.
    """
    found = duplicates(con, table.key)
    first = pl.col("first_src")
    source = first.replace_strict(dict(enumerate(names)), return_dtype=pl.String)
    elsewhere = pl.when(first != pl.col(SRC)).then(pl.format(" of {}", source))
    message = pl.concat_str(
        pl.lit(f"same key ({', '.join(table.key)}) as row "),
        pl.col("first_row").cast(pl.String),
        elsewhere.fill_null(""),
    )
    field = ", ".join(table.primary_key)
    return _issues(found, DUPLICATE_ORDER, field, Reason.DUPLICATE_KEY, message)


def orphan_issues(con: duckdb.DuckDBPyConnection, person_column: str) -> pl.DataFrame:
    """Rows naming a child who is not in ``ssd_person`` for the row's council."""
    message = pl.lit(f"{person_column} is not a child in ssd_person for this council")
    found = orphans(con, person_column)
    return _issues(found, ORPHAN_ORDER, person_column, Reason.ORPHAN_CHILD, message)


def age_message(table: Table, born: pl.Expr, event: pl.Expr) -> pl.Expr:
    """Why a row's child is too old: the event and the birth date, never the child's id."""
    return pl.format(
        f"{table.age_event} ({{}}) is on or after the child's {AGE_LIMIT + 1}th birthday "
        "(date of birth {})",
        event,
        born,
    )


def age_issues(con: duckdb.DuckDBPyConnection, table: Table) -> pl.DataFrame:
    """Rows whose event falls when the child was older than ``AGE_LIMIT`` (in whole years).

    The date of birth is the one in ``ssd_person`` for the row's council and child (the store's
    table mid-run, holding this run's valid children: ingest loads it first). Rows without an
    event, a known child or a date of birth are not checked (orphans are reported already).
    """
    assert table.person_column is not None and table.age_event is not None
    assert PERSON.birth_date is not None
    person, event = f'"{table.person_column}"', f'"{table.age_event}"'
    born, key = f'"{PERSON.birth_date}"', f'"{PERSON.primary_key[0]}"'
    rel = con.sql(
        f"SELECT s.{IDX}, s.{SRC}, s.{ROW}, s.{LOCATION}, s.{LA_CODE}, "
        f"p.{born} AS born, s.{event} AS event FROM {STAGE} AS s "
        f"JOIN {PERSON.name} AS p ON p.{LA_CODE} = s.{LA_CODE} AND p.{key} = s.{person} "
        f"WHERE s.{event} >= p.{born} + INTERVAL {AGE_LIMIT + 1} YEAR ORDER BY s.{IDX}"
    )
    found = pl.from_arrow(rel.to_arrow_table())
    assert isinstance(found, pl.DataFrame)
    message = age_message(table, pl.col("born"), pl.col("event"))
    return _issues(found, AGE_ORDER, table.age_event, Reason.IMPLAUSIBLE_AGE, message)


def _issues(
    found: pl.DataFrame, order: int, field: str, reason: Reason, message: pl.Expr
) -> pl.DataFrame:
    return found.select(
        IDX,
        pl.lit(order, pl.Int32).alias(ORDER),
        SRC,
        ROW,
        LOCATION,
        LA_CODE,
        pl.lit(field).alias("field"),
        pl.lit(reason.value).alias("reason"),
        message.alias("message"),
    )
