"""The one canonical validator: types readers' text rows against the schema, collecting every issue.

Every format's reader hands its rows here as text, so a bad date or an unknown code is reported the
same way whatever the input. A table's input is checked a pool of batches at a time (a table
arriving in many small pieces is checked in few large ones): each row's own values with polars
expressions over whole columns (Python objects are built only for rows that fail), then the pool
is staged in DuckDB, where duplicate keys and orphans are found across the whole input with SQL.
Memory is bounded by a pool and DuckDB's limit (it spills to disk), not by the input: national
extracts have tens of millions of rows.

Besides types, codes and date order, a row must be plausible: no date after the run unless the
column is a planned one (a due or target date), no child older than ``AGE_LIMIT`` at the row's
event, no negative count or FTE. Which columns each rule covers is declared on the schema
(``Column.planned``, ``Column.non_negative``, ``Table.birth_date`` / ``Table.age_event``), so the
rules live here once and every reader gets them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import assert_never

import duckdb
import polars as pl

from csc_scorecard.ingest.keys import (
    PERSON,
    ReturnSource,
    age_issues,
    age_message,
    duplicate_issues,
    merge_groups,
    merge_returns,
    orphan_issues,
)
from csc_scorecard.ingest.reader import LOCATION, ROW, RawTable
from csc_scorecard.ingest.report import Conflict, Reason, Rejection, TableCount
from csc_scorecard.ingest.streaming import MalformedSourceError, TableStream, malformed, one_batch
from csc_scorecard.model.codes import CodeList, code_list, collection_year
from csc_scorecard.model.schema import AGE_LIMIT, LA_CODE, Column, ColumnType, Table
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
    set_groups,
    source_counts,
    stage_rows,
    valid_rows,
    withdraw,
)

CHILD_COLUMNS: tuple[str, str] = (LA_CODE, "person_id")
"""Columns of the known-children frame the orphan check joins against."""
CHILD_BIRTH = "dob"
"""Optional column of the known-children frame: the date of birth the age check reads."""

_T = "__t_"  # prefix of a column's typed value
QUOTE_LIMIT = 40
"""Characters of a bad value a message quotes: enough to find it, never a 1 MB cell in a log."""

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
        conflicts: fields on which two statutory returns merged into one row disagreed.
    """

    table: Table
    rejections: tuple[Rejection, ...]
    counts: tuple[TableCount, ...]
    councils: frozenset[str]
    withdrawn: tuple[tuple[int, Rejection], ...] = ()
    conflicts: tuple[Conflict, ...] = ()


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
    table: Table,
    raws: Sequence[RawTable],
    children: pl.DataFrame | None = None,
    as_at: date | None = None,
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
            With a ``CHILD_BIRTH`` column, events are checked against the child's age too.
        as_at: the run's date: later dates are refused unless planned (default: today).
    """
    con = duckdb.connect()
    try:
        if children is not None:
            known = children.select(pl.col(c).cast(pl.String) for c in CHILD_COLUMNS)
            con.register(CHILDREN, known.to_arrow())
            con.register(PERSON.name, _births(children).to_arrow())
        streams = [one_batch(r) for r in raws]
        checked = check_table(con, table, streams, orphans=children is not None, as_at=as_at)
        frame = valid_rows(con, table).pl()
    finally:
        con.close()
    return Validated(table, frame, checked.rejections, checked.counts, checked.councils)


def _births(children: pl.DataFrame) -> pl.DataFrame:
    """The known children shaped as ``ssd_person``, where the age check reads dates of birth."""
    assert PERSON.birth_date is not None
    born = pl.col(CHILD_BIRTH) if CHILD_BIRTH in children.columns else pl.lit(None)
    return children.select(
        pl.col(LA_CODE).cast(pl.String),
        pl.col(CHILD_COLUMNS[1]).cast(pl.String).alias(PERSON.primary_key[0]),
        born.cast(pl.Date).alias(PERSON.birth_date),
    )


def check_table(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    streams: Sequence[TableStream],
    *,
    orphans: bool,
    as_at: date | None = None,
    returns: Mapping[int, ReturnSource] | None = None,
) -> Checked:
    """Stage and check every batch of ``streams`` (all for ``table``) in ``con``.

    Afterwards the staging tables hold the rows (``store.staging.valid_rows`` gives the valid
    ones) until the caller drops them. With ``orphans``, ``person_column`` values are checked
    against the ``CHILDREN`` relation the caller has made available in ``con``. ``as_at`` is the
    run's date for the plausibility rules (default: today). ``returns`` says which streams (by
    index) come from which statutory return: rows for the same child from two different returns
    are merged (``keys.merge_returns``) rather than rejected as duplicates.

    Batches are pooled across streams (up to ``MERGE_ROWS`` rows or ``MERGE_BYTES``) and each
    pool is typed, checked and staged at once: a table arriving as many small pieces (a file per
    census year, a sheet per list) pays the fixed cost of a polars pass and a DuckDB insert per
    pool, not per piece, while a national file's large batches are still checked one at a time.
    """
    run_date = as_at or date.today()
    create_stage(con, table)
    withdrawn: list[tuple[int, Rejection]] = []
    pool = _Pool(con, table, run_date)
    for src, stream in enumerate(streams):
        try:
            for frame in stream.batches():
                pool.add(src, frame)
        except MalformedSourceError as exc:
            pool.withdraw(src)
            withdrawn.append((src, malformed(stream, exc)))
    pool.flush()
    names = [s.source for s in streams]
    skipped = {src for src, _ in withdrawn}
    sources = {i: r for i, r in (returns or {}).items() if i not in skipped}
    groups = merge_groups(sources)
    if groups:
        set_groups(con, groups)
    add_issues(con, duplicate_issues(con, table, names, grouped=bool(groups)))
    conflicts = merge_returns(con, table, sources, names) if groups else ()
    if orphans and table.person_column is not None:
        add_issues(con, orphan_issues(con, table.person_column))
        if table.age_event is not None and table.birth_date is None:
            add_issues(con, age_issues(con, table))
    reject_rows_with_issues(con)
    return Checked(
        table,
        tuple(
            Rejection(names[src], table.name, row, field, Reason(reason), message, location, la)
            for _, _, src, row, location, la, field, reason, message in issues(con).iter_rows()
        ),
        _counts(table, names, source_counts(con), skipped),
        councils(con),
        tuple(withdrawn),
        conflicts,
    )


MERGE_ROWS = 250_000
MERGE_BYTES = 32 << 20
"""A pool of batches is checked once it holds this many rows or bytes (see ``check_table``)."""


class _Pool:
    """Batches waiting to be typed, checked and staged together, each tagged with its source."""

    def __init__(self, con: duckdb.DuckDBPyConnection, table: Table, as_at: date) -> None:
        self.con, self.table, self.as_at = con, table, as_at
        self.waiting: list[tuple[int, pl.DataFrame]] = []
        self.rows = self.bytes = self.position = 0

    def add(self, src: int, frame: pl.DataFrame) -> None:
        size = int(frame.estimated_size())
        if self.waiting and (self.bytes + size > MERGE_BYTES or self.rows >= MERGE_ROWS):
            self.flush()
        self.waiting.append((src, frame))
        self.rows += frame.height
        self.bytes += size
        if self.rows >= MERGE_ROWS or self.bytes >= MERGE_BYTES:
            self.flush()

    def withdraw(self, src: int) -> None:
        """Forget ``src``'s waiting batches and unstage those already checked."""
        self.waiting = [(s, f) for s, f in self.waiting if s != src]
        self.rows = sum(f.height for _, f in self.waiting)
        self.bytes = sum(int(f.estimated_size()) for _, f in self.waiting)
        withdraw(self.con, src)

    def flush(self) -> None:
        if not self.waiting:
            return
        texts = [_text_frame(self.table, frame, src) for src, frame in self.waiting]
        text = pl.concat(texts, how="vertical").with_columns(
            pl.int_range(self.position, self.position + pl.len(), dtype=pl.Int64).alias(IDX)
        )
        self.waiting, self.rows, self.bytes = [], 0, 0
        rows, found = _check_batch(self.table, text.collect(), self.as_at)
        stage_rows(self.con, rows)
        add_issues(self.con, found)
        self.position += rows.height


def _check_batch(
    table: Table, text: pl.DataFrame, as_at: date
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A pool's rows typed (``_bad`` marking those with a problem) and its problems."""
    typed = text.with_columns(_typed(c).alias(_T + c.name) for c in table.all_columns)
    lf = typed.lazy()
    checks = [
        *(check for c in table.all_columns for check in _column_checks(lf, table, c)),
        *_date_order_checks(lf, table),
        *_plausibility_checks(lf, table, as_at),
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


def _text_frame(table: Table, frame: pl.DataFrame, src: int) -> pl.LazyFrame:
    """A batch with every canonical column as trimmed text (blanks as null), and its source."""

    def text(name: str) -> pl.Expr:
        if name not in frame.columns:
            return pl.lit(None, pl.String).alias(name)
        value = pl.col(name).cast(pl.String).str.strip_chars()
        return pl.when(value != "").then(value).alias(name)

    return frame.lazy().select(
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


def _clipped(value: pl.Expr) -> pl.Expr:
    """``value`` cut to ``QUOTE_LIMIT`` characters, with an ellipsis where something was cut."""
    cut = pl.concat_str(value.str.slice(0, QUOTE_LIMIT), pl.lit("…"))
    return pl.when(value.str.len_chars() > QUOTE_LIMIT).then(cut).otherwise(value)


def _says(col: Column, text: str) -> pl.Expr:
    """``<column> <text>``, quoting the value (clipped) unless the column holds identifiers."""
    if col.identifier:
        return pl.lit(f"{col.name} {text}")
    return pl.format(f"{col.name} {text}: '{{}}'", _clipped(pl.col(col.name)))


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

    A code's years are reporting years (2024 = year to 31 March 2024, collection year 2023-24);
    the row's year is that of the table's first required date (else its first date), the event
    the row records. Codes are not identifiers, so messages quote them; a code used outside its
    years is refused naming the years it applies to and the row's.
    """
    raw = pl.col(col.name)
    unknown = raw.is_not_null() & ~raw.is_in(list(codes.codes))
    message = pl.format(f"{col.name} '{{}}' is not in code list {codes.name}", _clipped(raw))
    yield _issue(lf, unknown, col.name, Reason.UNKNOWN_CODE, message)
    dated = {c: codes.years(c) for c in codes.codes if codes.years(c) != (None, None)}
    event = _event_date(table)
    if not dated or event is None:
        return
    date = pl.col(_T + event)
    year = date.dt.year() + (date.dt.month() > 3).cast(pl.Int32)
    first, last = (
        raw.replace_strict({c: span[i] for c, span in dated.items()}, default=None) for i in (0, 1)
    )
    outside = (year < first).fill_null(False) | (year > last).fill_null(False)
    spans = raw.replace_strict({c: codes.span(c) for c in dated}, default=None)
    row_year = year.map_elements(collection_year, return_dtype=pl.String)
    message = pl.format(
        f"{codes.name.replace('_', ' ')} '{{}}' is valid {{}} (this row is {{}})",
        raw,
        spans,
        row_year,
    )
    yield _issue(lf, outside, col.name, Reason.UNKNOWN_CODE, message)


def _event_date(table: Table) -> str | None:
    dates = [c for c in table.all_columns if c.type is ColumnType.DATE]
    required = [c for c in dates if c.required]
    return (required or dates)[0].name if dates else None


def _date_order_checks(lf: pl.LazyFrame, table: Table) -> Iterator[pl.LazyFrame]:
    for earlier, later in table.date_order:
        start, end = pl.col(_T + earlier), pl.col(_T + later)
        message = pl.format(f"{later} ({{}}) is before {earlier} ({{}})", end, start)
        yield _issue(lf, end < start, later, Reason.END_BEFORE_START, message)


def _plausibility_checks(lf: pl.LazyFrame, table: Table, as_at: date) -> Iterator[pl.LazyFrame]:
    """Values that type correctly but cannot be true: a mistake in the source system or export.

    A date after the run has not happened yet, unless the column is ``planned``; a count or FTE
    below zero counts nothing; a child older than ``AGE_LIMIT`` at the row's event is
    not a child social care may hold. Here the age is checked where the row carries the date of
    birth itself; other tables' rows are checked against ``ssd_person`` (``keys.age_issues``).
    """
    run = pl.lit(as_at, pl.Date)
    for col in table.all_columns:
        typed = pl.col(_T + col.name)
        if col.type is ColumnType.DATE and not col.planned:
            message = pl.format(f"{col.name} ({{}}) is after the run date ({as_at})", typed)
            yield _issue(lf, typed > run, col.name, Reason.FUTURE_DATE, message)
        if col.non_negative:
            negative = _says(col, "is below zero")
            yield _issue(lf, typed < 0, col.name, Reason.NEGATIVE_VALUE, negative)
    if table.birth_date is None or table.age_event is None:
        return
    born, event = pl.col(_T + table.birth_date), pl.col(_T + table.age_event)
    too_old = born.dt.offset_by(f"{AGE_LIMIT + 1}y") <= event
    yield _issue(
        lf, too_old, table.birth_date, Reason.IMPLAUSIBLE_AGE, age_message(table, born, event)
    )


def _counts(
    table: Table,
    names: Sequence[str],
    staged: Mapping[int, tuple[int, int, int]],
    withdrawn: set[int],
) -> tuple[TableCount, ...]:
    """Read, rejected and merged rows per source name (a source may have given several
    streams)."""
    totals: dict[str, tuple[int, int, int]] = {}
    for i, name in enumerate(names):
        if i in withdrawn:
            continue
        r, x, m = totals.get(name, (0, 0, 0))
        read, rejected, merged = staged.get(i, (0, 0, 0))
        totals[name] = (r + read, x + rejected, m + merged)
    return tuple(TableCount(n, table.name, r, r - x - m, x, m) for n, (r, x, m) in totals.items())
