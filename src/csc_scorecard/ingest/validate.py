"""The one canonical validator: types readers' text rows against the schema, collecting every issue.

Every format's reader hands its rows here as text, so a bad date or an unknown code is reported the
same way whatever the input. All checks are polars expressions over whole columns (national
extracts have tens of millions of rows); Python objects are built only for the rows that fail.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import assert_never

import polars as pl

from csc_scorecard.ingest.reader import LOCATION, ROW, RawTable
from csc_scorecard.ingest.report import Reason, Rejection, TableCount
from csc_scorecard.model.codes import CodeList, code_list
from csc_scorecard.model.schema import LA_CODE, Column, ColumnType, Table

CHILD_COLUMNS: tuple[str, str] = (LA_CODE, "person_id")
"""Columns of the known-children frame the orphan check joins against."""

_SRC = "__src"  # index of the RawTable a row came from
_IDX = "__i"  # position of the row across all RawTables, in input order
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
class Validated:
    """One canonical table validated from one or more sources.

    Attributes:
        table: the canonical table.
        frame: the valid rows, typed, in canonical column order (``la_code`` first).
        rejections: every problem found, in source-row order; a row may have several.
        counts: read / loaded / rejected per source, in the order the sources were given.
        councils: every ``la_code`` seen in the input, valid rows or not: the councils whose
            rows this input replaces in the store.
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

    The sources are validated together so a key repeated across two files of the same council is
    caught before it reaches the store's primary key.

    Args:
        table: the canonical table the rows belong to.
        raws: the rows as read, one ``RawTable`` per source.
        children: the known children (``CHILD_COLUMNS``, strings) that ``person_column`` values
            must match within their council; None skips the orphan check (e.g. for ``ssd_person``).
    """
    names = [raw.source for raw in raws]
    typed = _text_frame(table, raws).with_columns(
        _typed(c).alias(_T + c.name) for c in table.all_columns
    )
    lf = typed.lazy()
    checks = [
        *(check for c in table.all_columns for check in _column_checks(lf, table, c)),
        *_date_order_checks(lf, table),
        _duplicate_check(lf, table, names),
        *_orphan_checks(lf, table, children),
    ]
    issues = pl.concat(checks).collect().sort(_IDX, maintain_order=True)
    bad = issues.select(_SRC, _IDX).unique()
    valid = typed.filter(~pl.col(_IDX).is_in(bad[_IDX].implode())).select(
        pl.col(_T + c.name).alias(c.name) for c in table.all_columns
    )
    rejections = tuple(
        Rejection(names[src], table.name, row, field, Reason(reason), message, location, la)
        for _, src, row, location, la, field, reason, message in issues.iter_rows()
    )
    return Validated(
        table,
        valid,
        rejections,
        _counts(table, names, typed, bad),
        frozenset(typed[_T + LA_CODE].drop_nulls().unique().to_list()),
    )


def _text_frame(table: Table, raws: Sequence[RawTable]) -> pl.DataFrame:
    """All sources stacked with every canonical column as trimmed text, blanks as null."""
    schema = {_SRC: pl.Int64, ROW: pl.Int64, LOCATION: pl.String}
    schema |= {c.name: pl.String for c in table.all_columns}

    def text(frame: pl.DataFrame, name: str) -> pl.Expr:
        if name not in frame.columns:
            return pl.lit(None, pl.String).alias(name)
        value = pl.col(name).cast(pl.String).str.strip_chars()
        return pl.when(value != "").then(value).alias(name)

    parts = [
        raw.frame.select(
            pl.lit(i, pl.Int64).alias(_SRC),
            pl.col(ROW).cast(pl.Int64),
            *(text(raw.frame, name) for name in schema if name not in (_SRC, ROW)),
        )
        for i, raw in enumerate(raws)
    ]
    return pl.concat([pl.DataFrame(schema=schema), *parts]).with_row_index(_IDX)


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
        _IDX,
        _SRC,
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


def _duplicate_check(lf: pl.LazyFrame, table: Table, names: Sequence[str]) -> pl.LazyFrame:
    """Every row after the first with the same (typed) key; the message names the first row.

    Keys are compared after typing, so ``2024-01-31`` and ``31/01/2024`` are the same date. Rows
    with part of the key missing or unparseable are already rejected and are not compared.
    """
    key = [pl.col(_T + k) for k in table.key]
    first_src = pl.col(_SRC).first().over(key)
    elsewhere = pl.when(first_src != pl.col(_SRC)).then(
        pl.format(
            " of {}", first_src.replace_strict(dict(enumerate(names)), return_dtype=pl.String)
        )
    )
    message = pl.concat_str(
        pl.lit(f"same key ({', '.join(table.key)}) as row "),
        pl.col(ROW).first().over(key).cast(pl.String),
        elsewhere.fill_null(""),
    )
    # The windows are computed before _issue filters, so "first" sees every row with the key.
    keyed = lf.filter(pl.all_horizontal(k.is_not_null() for k in key)).with_columns(
        (pl.col(_IDX) != pl.col(_IDX).first().over(key)).alias("__dup"), message.alias("__msg")
    )
    field = ", ".join(table.primary_key)
    return _issue(keyed, pl.col("__dup"), field, Reason.DUPLICATE_KEY, pl.col("__msg"))


def _orphan_checks(
    lf: pl.LazyFrame, table: Table, children: pl.DataFrame | None
) -> Iterator[pl.LazyFrame]:
    """Rows naming a child who is not in ``ssd_person`` for the row's council."""
    if table.person_column is None or children is None:
        return
    person = _T + table.person_column
    refs = lf.filter(pl.col(person).is_not_null() & pl.col(_T + LA_CODE).is_not_null())
    orphans = refs.join(
        children.lazy().select(pl.col(c).cast(pl.String) for c in CHILD_COLUMNS),
        left_on=[_T + LA_CODE, person],
        right_on=list(CHILD_COLUMNS),
        how="anti",
    )
    message = pl.lit(f"{table.person_column} is not a child in ssd_person for this council")
    yield _issue(orphans, pl.lit(True), table.person_column, Reason.ORPHAN_CHILD, message)


def _counts(
    table: Table, names: Sequence[str], typed: pl.DataFrame, bad: pl.DataFrame
) -> tuple[TableCount, ...]:
    """Read and rejected rows per source name (a source may have given several RawTables)."""
    read = dict(typed.group_by(_SRC).len().iter_rows())
    rejected = dict(bad.group_by(_SRC).len().iter_rows())
    totals: dict[str, tuple[int, int]] = {}
    for i, name in enumerate(names):
        r, x = totals.get(name, (0, 0))
        totals[name] = (r + read.get(i, 0), x + rejected.get(i, 0))
    return tuple(TableCount(n, table.name, r, r - x, x) for n, (r, x) in totals.items())
