"""Rejections only the whole input reveals: a key given twice, or a child not in ``ssd_person``.

The rows are found with SQL over the staged table (``store.staging``); only the rows found come
back to be worded, so these checks cost memory in proportion to the problems, not the input.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import polars as pl

from csc_scorecard.ingest.report import Reason
from csc_scorecard.model.schema import LA_CODE, Table
from csc_scorecard.store.staging import IDX, LOCATION, ORDER, ROW, SRC, duplicates, orphans

DUPLICATE_ORDER = 10_000
ORPHAN_ORDER = DUPLICATE_ORDER + 1
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
