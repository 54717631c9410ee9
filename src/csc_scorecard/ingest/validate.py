"""The one canonical validator: types readers' text rows against the schema, collecting every issue.

Every format's reader hands its rows here as text, so a bad date or an unknown code is reported the
same way whatever the input. A table's input is checked a batch at a time: each row's own values
with polars expressions over whole columns (Python objects are built only for rows that fail),
then the batch is staged in DuckDB, where duplicate keys and orphans are found across the whole
input with SQL. Memory is bounded by a batch and DuckDB's limit (it spills to disk), not by the
input: national extracts have tens of millions of rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import assert_never

import duckdb
import polars as pl

from csc_scorecard.ingest.keys import duplicate_issues, orphan_issues
from csc_scorecard.ingest.reader import LOCATION, ROW, RawTable
from csc_scorecard.ingest.report import Reason, Rejection, TableCount
from csc_scorecard.ingest.streaming import MalformedSourceError, TableStream, malformed, one_batch
from csc_scorecard.model.codes import CodeList, code_list
from csc_scorecard.model.schema import LA_CODE, Column, ColumnType, Table
from csc_scorecard.store.staging import (
    BAD,
    CHILDREN,
    IDX,
    ORDER,
    SRC,
    add_issues,
    councils,
    create_stage,
    issues,
    reject_rows_with_issues,
    source_counts,
    stage_rows,
    valid_rows,
    withdraw,
)

CHILD_COLUMNS: tuple[str, str] = (LA_CODE, "person_id")
"""Columns of the known-children frame the orphan check joins against."""

_T = "__t_"  # prefix of a column's typed value

_BOOLEANS = {"true": True, "t": True, "yes": True, "y": True, "1": True}
_BOOLEANS |= {"false": False, "f": False, "no": False, "n": False, "0": False}
_ISO_SHAPE = r"^\d{4}-\d{1,2}-\d{1,2}$"
_UK_SHAPE = r"^\d{1,2}/\d{1,2}/\d{4}$"
_NOT_A: dict[ColumnType, str] = {
    ColumnType.INTEGER: "is not a whole number",
    ColumnType.DECIMAL: "is not a number",
    ColumnType.BOOLEAN: "is not a yes/no value (true/false, yes/no, y/n, 1/0, t/f)",
}


@dataclass(frozen=True)
class Checked:
    """One canonical table checked from one or more sources; its valid rows wait in staging.

    Attributes:
        table: the canonical table.
        rejections: every problem found, in source-row order; a row may have several.
        counts: read / loaded / rejected per source, in the order the sources were given.
        councils: every ``la_code`` seen in the input, valid rows or not: the councils whose
            rows this input replaces in the store.
        withdrawn: sources found malformed part-way, by their index in the sources given, each
            with its file-level rejection; they count no rows.
    """

    table: Table
    rejections: tuple[Rejection, ...]
    counts: tuple[TableCount, ...]
    councils: frozenset[str]
    withdrawn: tuple[tuple[int, Rejection], ...] = ()


@dataclass(frozen=True)
class Validated:
    """One canonical table validated in memory (see ``validate``).

    Attributes:
        table: the canonical table.
        frame: the valid rows, typed, in canonical column order (``la_code`` first).
        rejections: every problem found, in source-row order; a row may have several.
        counts: read / loaded / rejected per source, in the order the sources were given.
        councils: every ``la_code`` seen in the input, valid rows or not.
    """

    table: Table
    frame: pl.DataFrame
    rejections: tuple[Rejection, ...]
    counts: tuple[TableCount, ...]
    councils: frozenset[str]


def validate(
    table: Table, raws: Sequence[RawTable], children: pl.DataFrame | None = None
) -> Validated:
    """Type ``raws`` (all for ``table``) against the schema and collect every problem in one pass.

    The same checks as an ingest run, on frames already in memory, staged in a private in-memory
    DuckDB. The sources are validated together so a key repeated across two files of the same
    council is caught before it reaches the store.

    Args:
        table: the canonical table the rows belong to.
        raws: the rows as read, one ``RawTable`` per source.
        children: the known children (``CHILD_COLUMNS``, strings) that ``person_column`` values
            must match within their council; None skips the orphan check (e.g. for ``ssd_person``).
    """
    con = duckdb.connect()
    try:
        if children is not None:
            known = children.select(pl.col(c).cast(pl.String) for c in CHILD_COLUMNS)
            con.register(CHILDREN, known.to_arrow())
        checked = check_table(
            con, table, [one_batch(r) for r in raws], orphans=children is not None
        )
        frame = valid_rows(con, table).pl()
    finally:
        con.close()
    return Validated(table, frame, checked.rejections, checked.counts, checked.councils)


def check_table(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    streams: Sequence[TableStream],
    *,
    orphans: bool,
) -> Checked:
    """Stage and check every batch of ``streams`` (all for ``table``) in ``con``.

    Afterwards the staging tables hold the rows (``store.staging.valid_rows`` gives the valid
    ones) until the caller drops them. With ``orphans``, ``person_column`` values are checked
    against the ``CHILDREN`` relation the caller has made available in ``con``.
    """
    create_stage(con, table)
    withdrawn: list[tuple[int, Rejection]] = []
    position = 0
    for src, stream in enumerate(streams):
        try:
            for frame in stream.batches():
                rows, found = _check_batch(table, frame, src, position)
                stage_rows(con, rows)
                add_issues(con, found)
                position += rows.height
        except MalformedSourceError as exc:
            withdraw(con, src)
            withdrawn.append((src, malformed(stream, exc)))
    names = [s.source for s in streams]
    add_issues(con, duplicate_issues(con, table, names))
    if orphans and table.person_column is not None:
        add_issues(con, orphan_issues(con, table.person_column))
    reject_rows_with_issues(con)
    skipped = {src for src, _ in withdrawn}
    return Checked(
        table,
        tuple(
            Rejection(names[src], table.name, row, field, Reason(reason), message, location, la)
            for _, _, src, row, location, la, field, reason, message in issues(con).iter_rows()
        ),
        _counts(table, names, source_counts(con), skipped),
        councils(con),
        tuple(withdrawn),
    )


def _check_batch(
    table: Table, frame: pl.DataFrame, src: int, position: int
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A batch's rows typed (``_bad`` marking those with a problem) and its problems."""
    typed = _text_frame(table, frame, src, position).with_columns(
        _typed(c).alias(_T + c.name) for c in table.all_columns
    )
    lf = typed.lazy()
    checks = [
        *(check for c in table.all_columns for check in _column_checks(lf, table, c)),
        *_date_order_checks(lf, table),
    ]
    found = pl.concat(
        check.with_columns(pl.lit(i, pl.Int32).alias(ORDER)) for i, check in enumerate(checks)
    ).collect()
    rows = typed.select(
        IDX,
        SRC,
        ROW,
        LOCATION,
        pl.col(IDX).is_in(found[IDX].implode()).alias(BAD),
        *(pl.col(_T + c.name).alias(c.name) for c in table.all_columns),
    )
    return rows, found.select(IDX, ORDER, SRC, ROW, LOCATION, LA_CODE, "field", "reason", "message")


def _text_frame(table: Table, frame: pl.DataFrame, src: int, position: int) -> pl.DataFrame:
    """A batch with every canonical column as trimmed text (blanks as null) and its position."""

    def text(name: str) -> pl.Expr:
        if name not in frame.columns:
            return pl.lit(None, pl.String).alias(name)
        value = pl.col(name).cast(pl.String).str.strip_chars()
        return pl.when(value != "").then(value).alias(name)

    return frame.select(
        pl.int_range(position, position + pl.len(), dtype=pl.Int64).alias(IDX),
        pl.lit(src, pl.Int64).alias(SRC),
        pl.col(ROW).cast(pl.Int64),
        text(LOCATION),
        *(text(c.name) for c in table.all_columns),
    )


def _typed(col: Column) -> pl.Expr:
    """The column's value in its canonical type; null where the text is empty or does not parse."""
    raw = pl.col(col.name)
    match col.type:
        case ColumnType.STRING:
            return raw
        case ColumnType.INTEGER:
            return raw.cast(pl.Int64, strict=False)
        case ColumnType.DECIMAL:
            number = raw.cast(pl.Float64, strict=False)
            return pl.when(number.is_finite()).then(number)
        case ColumnType.BOOLEAN:
            return raw.str.to_lowercase().replace_strict(
                _BOOLEANS, default=None, return_dtype=pl.Boolean
            )
        case ColumnType.DATE:
            return (
                pl.when(raw.str.contains(_ISO_SHAPE))
                .then(raw.str.strptime(pl.Date, "%Y-%m-%d", strict=False))
                .when(raw.str.contains(_UK_SHAPE))
                .then(raw.str.strptime(pl.Date, "%d/%m/%Y", strict=False))
            )
        case _:
            assert_never(col.type)


def _issue(
    lf: pl.LazyFrame, bad: pl.Expr, field: str, reason: Reason, message: pl.Expr
) -> pl.LazyFrame:
    """One issue row per row where ``bad`` holds."""
    return lf.filter(bad).select(
        IDX,
        SRC,
        ROW,
        LOCATION,
        pl.col(_T + LA_CODE).alias(LA_CODE),
        pl.lit(field).alias("field"),
        pl.lit(reason.value).alias("reason"),
        message.alias("message"),
    )


def _says(col: Column, text: str) -> pl.Expr:
    """``<column> <text>``, quoting the value unless the column holds identifiers."""
    if col.identifier:
        return pl.lit(f"{col.name} {text}")
    return pl.format(f"{col.name} {text}: '{{}}'", pl.col(col.name))


def _column_checks(lf: pl.LazyFrame, table: Table, col: Column) -> Iterator[pl.LazyFrame]:
    raw, typed = pl.col(col.name), pl.col(_T + col.name)
    if col.required:
        message = pl.lit(f"{col.name} is required but empty")
        yield _issue(lf, raw.is_null(), col.name, Reason.MISSING_VALUE, message)
    if col.type is ColumnType.DATE:
        shaped = raw.str.contains(_ISO_SHAPE) | raw.str.contains(_UK_SHAPE)
        not_date = _says(col, "is not a date (expected YYYY-MM-DD or DD/MM/YYYY)")
        yield _issue(lf, raw.is_not_null() & ~shaped, col.name, Reason.WRONG_TYPE, not_date)
        impossible = _says(col, "is not a real date")
        yield _issue(lf, shaped & typed.is_null(), col.name, Reason.IMPOSSIBLE_DATE, impossible)
    elif col.type in _NOT_A:
        bad = raw.is_not_null() & typed.is_null()
        yield _issue(lf, bad, col.name, Reason.WRONG_TYPE, _says(col, _NOT_A[col.type]))
    if col.codes:
        yield from _code_checks(lf, table, col, code_list(col.codes))


def _code_checks(
    lf: pl.LazyFrame, table: Table, col: Column, codes: CodeList
) -> Iterator[pl.LazyFrame]:
    """Codes must be on the list and, where the list dates a code, valid in the row's year.

    A code's ``valid_from`` / ``valid_to`` are reporting years (2024 = year to 31 March 2024);
    the row's year is that of the table's first required date (else its first date), the event
    the row records. Codes are not identifiers, so messages quote them.
    """
    raw = pl.col(col.name)
    unknown = raw.is_not_null() & ~raw.is_in(list(codes.codes))
    message = pl.format(f"{col.name} '{{}}' is not in code list {codes.name}", raw)
    yield _issue(lf, unknown, col.name, Reason.UNKNOWN_CODE, message)
    windows = _validity(codes)
    event = _event_date(table)
    if not windows or event is None:
        return
    date = pl.col(_T + event)
    year = date.dt.year() + (date.dt.month() > 3).cast(pl.Int32)
    first = raw.replace_strict({c: lo for c, (lo, _) in windows.items()}, default=0)
    last = raw.replace_strict({c: hi for c, (_, hi) in windows.items()}, default=9999)
    outside = raw.is_in(list(windows)) & ((year < first) | (year > last))
    message = pl.format(
        f"{col.name} '{{}}' is not valid in reporting year {{}} (code list {codes.name})", raw, year
    )
    yield _issue(lf, outside, col.name, Reason.UNKNOWN_CODE, message)


def _validity(codes: CodeList) -> dict[str, tuple[int, int]]:
    """Codes that carry ``valid_from`` / ``valid_to`` in the TOML, as (first, last) years."""
    out: dict[str, tuple[int, int]] = {}
    for code, body in codes.codes.items():
        entry: object = body
        if isinstance(entry, Mapping):
            out[code] = (int(entry.get("valid_from", 0)), int(entry.get("valid_to", 9999)))
    return out


def _event_date(table: Table) -> str | None:
    dates = [c for c in table.all_columns if c.type is ColumnType.DATE]
    required = [c for c in dates if c.required]
    return (required or dates)[0].name if dates else None


def _date_order_checks(lf: pl.LazyFrame, table: Table) -> Iterator[pl.LazyFrame]:
    for earlier, later in table.date_order:
        start, end = pl.col(_T + earlier), pl.col(_T + later)
        message = pl.format(f"{later} ({{}}) is before {earlier} ({{}})", end, start)
        yield _issue(lf, end < start, later, Reason.END_BEFORE_START, message)


def _counts(
    table: Table,
    names: Sequence[str],
    staged: Mapping[int, tuple[int, int]],
    withdrawn: set[int],
) -> tuple[TableCount, ...]:
    """Read and rejected rows per source name (a source may have given several streams)."""
    totals: dict[str, tuple[int, int]] = {}
    for i, name in enumerate(names):
        if i in withdrawn:
            continue
        r, x = totals.get(name, (0, 0))
        read, rejected = staged.get(i, (0, 0))
        totals[name] = (r + read, x + rejected)
    return tuple(TableCount(n, table.name, r, r - x, x) for n, (r, x) in totals.items())
