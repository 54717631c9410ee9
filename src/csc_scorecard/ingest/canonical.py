"""The canonical format: one CSV, gzipped CSV or Parquet file per canonical table, named for it.

CSV is read with pyarrow rather than polars because polars silently pads a short row with nulls:
a truncated export would load as rows with missing values instead of being reported. pyarrow
reports every row with the wrong number of fields, and reads every column as text.
"""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv

from csc_scorecard.ingest.reader import ROW, RawTable, ReadResult
from csc_scorecard.ingest.report import Note, Reason, Rejection
from csc_scorecard.model import Table, table_by_name
from csc_scorecard.model.schema import LA_CODE

_SUFFIXES = (".csv.gz", ".csv", ".parquet")
_NOT_UTF8 = "is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in Excel)"


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
        """Read every file; ``la_code`` fills the council code where the file has none."""
        files = sorted(path.iterdir()) if path.is_dir() else [path]
        results = [_read_file(f, la_code) for f in files]
        return ReadResult(
            tables=[t for r in results for t in r.tables],
            rejections=[x for r in results for x in r.rejections],
            notes=[n for r in results for n in r.notes],
        )


def _read_file(path: Path, la_code: str | None) -> ReadResult:
    table = table_of(path) if path.is_file() else None
    if table is None:
        why = "is not a canonical table file (<table>.csv, <table>.csv.gz or <table>.parquet)"
        return _rejected(path, "", Reason.UNSUPPORTED_FORMAT, f"{path.name} {why}")
    try:
        if path.name.lower().endswith(".parquet"):
            frame, unknown = _read_parquet(path, table, la_code)
        else:
            frame, unknown = _read_csv(path, table, la_code)
    except _MalformedError as exc:
        return _rejected(path, table.name, Reason.MALFORMED_FILE, f"{path.name} {exc}")
    if la_code is not None:
        given = pl.lit(la_code, pl.String)
        filled = pl.col(LA_CODE).fill_null(given) if LA_CODE in frame.columns else given
        frame = frame.with_columns(filled.alias(LA_CODE))
    frame = frame.with_columns(pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias(ROW))
    notes = []
    if unknown:
        ignored = f"ignored {len(unknown)} column(s) not in {table.name}: {', '.join(unknown)}"
        notes.append(Note(str(path), table.name, ignored))
    return ReadResult([RawTable(table.name, str(path), frame)], notes=notes)


def _rejected(path: Path, table: str, reason: Reason, message: str) -> ReadResult:
    return ReadResult([], [Rejection(str(path), table, None, None, reason, message)])


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


def _read_csv(path: Path, table: Table, la_code: str | None) -> tuple[pl.DataFrame, list[str]]:
    header = _normalise(_header(path))
    unknown = _columns(table, header, la_code)
    bad_lines: list[int | None] = []

    def skip(row: pacsv.InvalidRow) -> str:
        bad_lines.append(row.number)
        return "skip"

    try:
        arrow = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=header, skip_rows=1),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=skip),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()),
                include_columns=[n for n in header if n not in unknown],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
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
    frame = pl.from_arrow(arrow)
    assert isinstance(frame, pl.DataFrame)
    return frame, unknown


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
    if not line.strip():
        raise _MalformedError("is empty: it needs a header row of column names")
    return next(csv.reader([line]))


def _read_parquet(path: Path, table: Table, la_code: str | None) -> tuple[pl.DataFrame, list[str]]:
    """Every canonical column as text; datetimes become dates (SQL exports store dates so)."""
    try:
        frame = pl.read_parquet(path)
    except (pl.exceptions.PolarsError, OSError):
        raise _MalformedError("is not a readable Parquet file") from None
    header = _normalise(frame.columns)
    unknown = _columns(table, header, la_code)
    frame.columns = header
    frame = frame.drop(unknown).with_columns(pl.col(pl.Datetime).dt.date())
    try:
        return frame.cast(pl.String), unknown
    except pl.exceptions.PolarsError:
        raise _MalformedError(
            "has a column that cannot be read as text (a nested value?)"
        ) from None
