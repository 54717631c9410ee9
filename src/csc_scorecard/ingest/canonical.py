"""The canonical format: one CSV, gzipped CSV or Parquet file per canonical table, named for it.

CSV is read with pyarrow rather than polars because polars silently pads a short row with nulls:
a truncated export would load as rows with missing values instead of being reported. pyarrow
reports every row with the wrong number of fields, and reads every column as text.

Files are streamed in batches of about ``_BATCH_BYTES`` (CSV) or ``_BATCH_ROWS`` (Parquet), so a
national file never sits in memory whole. A problem found part-way (a ragged row, bytes that are
not UTF-8) rejects the whole file, as before: ingest withdraws the batches already taken.
"""

from __future__ import annotations

import csv
import gzip
import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from csc_scorecard.ingest.reader import ROW, ReadResult
from csc_scorecard.ingest.report import Note, Reason, Rejection
from csc_scorecard.ingest.streaming import (
    MalformedSourceError,
    StreamResult,
    TableStream,
    collect,
)
from csc_scorecard.model import Table, table_by_name
from csc_scorecard.model.schema import LA_CODE

_SUFFIXES = (".csv.gz", ".csv", ".parquet")
_NOT_UTF8 = "is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in Excel)"
_BATCH_BYTES = 32 << 20
_BATCH_ROWS = 250_000


class _MalformedError(Exception):
    """A file that cannot be read at all; the message is ours, so it never quotes the data."""


def table_of(path: Path) -> Table | None:
    """The canonical table a file is named for (``ssd_person.csv`` -> ssd_person), if any."""
    name = path.name.lower()
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            try:
                return table_by_name(name.removesuffix(suffix))
            except KeyError:
                return None
    return None


class CanonicalReader:
    """Reads a folder of canonical table files, or one such file.

    Every file in the folder is accounted for: a table file is read or rejected as malformed, and
    any other file is rejected as an unsupported format rather than silently skipped.
    """

    name = "canonical"

    def detect(self, path: Path) -> bool:
        """True for a canonical table file, or a folder holding at least one."""
        if path.is_dir():
            return any(p.is_file() and table_of(p) for p in path.iterdir())
        return path.is_file() and table_of(path) is not None

    def read(self, path: Path, la_code: str | None) -> ReadResult:
        """Read every file into memory; ``la_code`` fills the council code where a file has none."""
        return collect(self.stream(path, la_code))

    def stream(self, path: Path, la_code: str | None) -> StreamResult:
        """Every file as a stream of batches (headers are checked now, rows when read)."""
        files = sorted(path.iterdir()) if path.is_dir() else [path]
        items: list[TableStream | Rejection] = []
        notes: list[Note] = []
        for file in files:
            item, unknown = _open_file(file, la_code)
            items.append(item)
            if unknown and isinstance(item, TableStream):
                ignored = f"ignored {len(unknown)} column(s) not in {item.table}: "
                notes.append(Note(str(file), item.table, ignored + ", ".join(unknown)))
        return StreamResult(items, notes)


def _open_file(path: Path, la_code: str | None) -> tuple[TableStream | Rejection, list[str]]:
    """A file's stream and its ignored columns, or its rejection when it cannot be read at all."""
    table = table_of(path) if path.is_file() else None
    if table is None:
        why = "is not a canonical table file (<table>.csv, <table>.csv.gz or <table>.parquet)"
        return _rejected(path, "", Reason.UNSUPPORTED_FORMAT, f"{path.name} {why}"), []
    try:
        if path.name.lower().endswith(".parquet"):
            batches, unknown = _parquet_batches(path, table, la_code)
        else:
            batches, unknown = _csv_batches(path, table, la_code)
    except _MalformedError as exc:
        return _rejected(path, table.name, Reason.MALFORMED_FILE, f"{path.name} {exc}"), []
    rows = partial(_numbered, path, batches, la_code)
    return TableStream(table.name, str(path), rows), unknown


def _numbered(
    path: Path, batches: Iterator[pl.DataFrame], la_code: str | None
) -> Iterator[pl.DataFrame]:
    """Batches with ``la_code`` filled and ``_row`` numbered through the file; at least one."""
    given = pl.lit(la_code, pl.String)
    first = 1
    try:
        for batch in batches:
            frame = batch
            if la_code is not None:
                filled = pl.col(LA_CODE).fill_null(given) if LA_CODE in frame.columns else given
                frame = frame.with_columns(filled.alias(LA_CODE))
            rows = pl.int_range(first, first + pl.len(), dtype=pl.Int64)
            yield frame.with_columns(rows.alias(ROW))
            first += frame.height
    except _MalformedError as exc:
        raise MalformedSourceError(f"{path.name} {exc}") from None


def _rejected(path: Path, table: str, reason: Reason, message: str) -> Rejection:
    return Rejection(str(path), table, None, None, reason, message)


def _columns(table: Table, header: list[str], la_code: str | None) -> list[str]:
    """Check a normalised header can be used (raises if not); return its non-canonical names."""
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise _MalformedError(f"has column {name} more than once")
        seen.add(name)
    missing = [
        c.name
        for c in table.all_columns
        if c.required and c.name not in seen and not (c.name == LA_CODE and la_code)
    ]
    if missing:
        hint = " (or give the council code with --la-code)" if LA_CODE in missing else ""
        raise _MalformedError(f"lacks required column(s): {', '.join(missing)}{hint}")
    return [n for n in header if n not in table.column_names]


def _normalise(names: list[str]) -> list[str]:
    return [n.strip().lower() for n in names]


def _csv_batches(
    path: Path, table: Table, la_code: str | None
) -> tuple[Iterator[pl.DataFrame], list[str]]:
    """The header checked now; the rows as batches of text, read when iterated."""
    header = _normalise(_header(path))
    unknown = _columns(table, header, la_code)
    return _csv_rows(path, header, unknown), unknown


def _csv_rows(path: Path, header: list[str], unknown: list[str]) -> Iterator[pl.DataFrame]:
    """Batches of the canonical columns; raises once the file proves ragged or undecodable.

    A ragged row is only known when the parser reaches it, so the count of them (and the first
    line) is reported after the last batch, in the same words as for a file read whole.
    """
    bad_lines: list[int | None] = []

    def skip(row: pacsv.InvalidRow) -> str:
        bad_lines.append(row.number)
        return "skip"

    columns = [n for n in header if n not in unknown]
    empty = True
    try:
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(
                column_names=header, skip_rows=1, block_size=_BATCH_BYTES
            ),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=skip),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()),
                include_columns=columns,
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
        for batch in reader:
            empty = False
            yield _frame(pa.Table.from_batches([batch]))
    except (pa.ArrowInvalid, OSError, EOFError) as exc:
        why = _NOT_UTF8 if "UTF8" in str(exc) else "could not be parsed as CSV"
        raise _MalformedError(why) from None
    if bad_lines:
        lines = [n for n in bad_lines if n is not None]
        first = f" (first at line {min(lines)})" if lines else ""
        raise _MalformedError(
            f"has {len(bad_lines)} row(s) without exactly {len(header)} fields{first}: "
            "ragged or truncated rows"
        )
    if empty:
        yield pl.DataFrame(schema=dict.fromkeys(columns, pl.String))


def _frame(arrow: pa.Table) -> pl.DataFrame:
    frame = pl.from_arrow(arrow)
    assert isinstance(frame, pl.DataFrame)
    return frame


def _header(path: Path) -> list[str]:
    """The first line's fields, decoded as UTF-8 (a byte-order mark is allowed)."""
    try:
        with gzip.open(path) if path.name.lower().endswith(".gz") else path.open("rb") as raw:
            first = raw.readline(1 << 20)
    except (OSError, EOFError):
        raise _MalformedError("is not a readable gzip file") from None
    try:
        line = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _MalformedError(_NOT_UTF8) from None
    # Old Mac and some exports end lines with a bare CR, which readline does not split on.
    line = re.split(r"\r\n?|\n", line, maxsplit=1)[0]
    if not line.strip():
        raise _MalformedError("is empty: it needs a header row of column names")
    try:
        return next(csv.reader([line]))
    except csv.Error:
        raise _MalformedError("has a header row that cannot be read as CSV") from None


def _parquet_batches(
    path: Path, table: Table, la_code: str | None
) -> tuple[Iterator[pl.DataFrame], list[str]]:
    """The schema checked now; the rows as batches of text, read when iterated."""
    try:
        file = pq.ParquetFile(path)
    except (pa.ArrowException, OSError):
        raise _MalformedError("is not a readable Parquet file") from None
    header = _normalise(file.schema_arrow.names)
    unknown = _columns(table, header, la_code)
    return _parquet_rows(file, header, unknown), unknown


def _parquet_rows(
    file: pq.ParquetFile, header: list[str], unknown: list[str]
) -> Iterator[pl.DataFrame]:
    """Every canonical column as text; datetimes become dates (SQL exports store dates so)."""
    empty = True
    try:
        for batch in file.iter_batches(batch_size=_BATCH_ROWS):
            empty = False
            yield _text(pa.Table.from_batches([batch]), header, unknown)
    except (pa.ArrowException, OSError):
        raise _MalformedError("is not a readable Parquet file") from None
    if empty:
        yield _text(file.schema_arrow.empty_table(), header, unknown)


def _text(arrow: pa.Table, header: list[str], unknown: list[str]) -> pl.DataFrame:
    frame = _frame(arrow)
    frame.columns = header
    frame = frame.drop(unknown).with_columns(pl.col(pl.Datetime).dt.date())
    try:
        return frame.cast(pl.String)
    except pl.exceptions.PolarsError:
        raise _MalformedError(
            "has a column that cannot be read as text (a nested value?)"
        ) from None
