"""Finding and reading the SSDA903 CSV tables: which table a file is, which year, and its rows.

A 903 return is a set of CSV files, one per table, named by the DfE's conventions but often
renamed by councils (``Episodes 2023-24.csv``, ``2024/header.csv``). The table is recognised from
the column header, which the DfE fixes; the collection year from a year in the file's or its
folders' names. Rows are read as text with pyarrow; a ragged row (too few or too many fields) is
reported on its own rather than failing the whole file, because one bad line in a return should
not hide the other ten thousand.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv

from csc_scorecard.ingest.reader import ROW
from csc_scorecard.ingest.report import Reason, Rejection

# The columns that identify each table (the DfE's names) and the ones it cannot be read without.
# Tables are listed most specific first: header and UASC share CHILD, SEX and DOB.
SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # table: (identifying columns, required columns)
    "episodes": (frozenset({"DECOM", "RNE"}), frozenset({"CHILD", "DECOM", "RNE", "LS", "PLACE"})),
    "uasc": (frozenset({"DUC"}), frozenset({"CHILD", "DUC"})),
    "header": (frozenset({"SEX", "ETHNIC"}), frozenset({"CHILD", "SEX", "DOB", "ETHNIC"})),
    "reviews": (frozenset({"REVIEW"}), frozenset({"CHILD", "REVIEW"})),
    "missing": (frozenset({"MIS_START"}), frozenset({"CHILD", "MISSING", "MIS_START"})),
    "oc2": (frozenset({"TEETH_CHECK"}), frozenset({"CHILD", "TEETH_CHECK", "HEALTH_ASSESSMENT"})),
    "oc3": (frozenset({"IN_TOUCH"}), frozenset({"CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"})),
    "ad1": (frozenset({"DATE_INT"}), frozenset({"CHILD", "DATE_INT"})),
    "placed_adoption": (frozenset({"DATE_PLACED"}), frozenset({"CHILD", "DATE_PLACED"})),
    "prev_perm": (frozenset({"PREV_PERM"}), frozenset({"CHILD", "PREV_PERM"})),
    "sw_episodes": (frozenset({"SW_DECOM"}), frozenset({"CHILD", "SW_ID", "SW_DECOM"})),
}
# File names councils and the DfE use, for naming what a file lacks when its header is wrong.
_NAMES = {
    "placedadoption": "placed_adoption",
    "placedforadoption": "placed_adoption",
    "previouspermanence": "prev_perm",
    "prevperm": "prev_perm",
    "swepisodes": "sw_episodes",
}
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?:[-_ /]?(20\d\d|\d\d))?(?!\d)")


class FileProblemError(Exception):
    """A 903 file that cannot be read at all; the message is ours and never quotes the data."""

    def __init__(self, reason: Reason, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Sheet:
    """One 903 table file, read: every column as text (blank as null), plus ``_row``."""

    table: str
    path: Path
    year: int | None
    frame: pl.DataFrame


def csv_files(path: Path) -> list[Path]:
    """Every file of the input (a file, or a folder searched through its year sub-folders)."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))


def header(path: Path) -> list[str]:
    """The file's column names, upper-cased (a byte-order mark is allowed)."""
    try:
        with path.open("rb") as raw:
            first = raw.readline(1 << 20).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblemError(Reason.MALFORMED_FILE, "is not UTF-8 text") from None
    except OSError:
        raise FileProblemError(Reason.MALFORMED_FILE, "could not be opened") from None
    first = re.split(r"\r\n?|\n", first, maxsplit=1)[0]  # a bare CR ends a line too
    if not first.strip():
        raise FileProblemError(Reason.MALFORMED_FILE, "is empty: it needs a header row")
    try:
        names = next(csv.reader([first]))
    except csv.Error:
        raise FileProblemError(Reason.MALFORMED_FILE, "has a header that is not CSV") from None
    return [name.strip().upper() for name in names]


def table_of(columns: list[str]) -> str | None:
    """The 903 table a header belongs to, recognised by its identifying columns."""
    present = set(columns)
    if "CHILD" not in present:
        return None
    return next((t for t, (ids, _) in SIGNATURES.items() if ids <= present), None)


def _named_table(path: Path) -> str | None:
    """The 903 table a file's name suggests (years, digits and separators ignored)."""
    stem = re.sub(r"[^a-z]", "", _YEAR.sub("", path.name.lower().removesuffix(".csv")))
    return stem if stem in SIGNATURES else _NAMES.get(stem)


def collection_year(path: Path, root: Path) -> int | None:
    """The year the return's collection ends (31 March), from the file's or a folder's name.

    ``2018``, ``2017-18`` and ``2017_2018`` all mean the year ending 31 March 2018; the nearest
    name that carries a year wins, so ``2018/episodes.csv`` and ``episodes_2018.csv`` agree.
    """
    parts = [path.name, *(p.name for p in path.parents if p != root and root in p.parents)]
    for part in parts:
        if match := _YEAR.search(part):
            first, second = int(match[1]), match[2]
            if second and int(second) % 100 == (first + 1) % 100:
                return first + 1
            return first
    return None


def read_sheet(path: Path, root: Path) -> tuple[Sheet, list[Rejection]]:
    """Read one 903 file; ragged rows become rejections, every other row a frame row.

    Raises:
        FileProblemError: the file is not a 903 table, or lacks a column it cannot do without.
    """
    columns = header(path)
    table = table_of(columns) or _named_table(path)
    if table is None:
        raise FileProblemError(Reason.UNSUPPORTED_FORMAT, "is not an SSDA903 table")
    if len(set(columns)) != len(columns):
        raise FileProblemError(Reason.MALFORMED_FILE, "has a column name more than once")
    missing = sorted(SIGNATURES[table][1] - set(columns))
    if missing:
        why = f"looks like the 903 {table} table but lacks column(s): {', '.join(missing)}"
        raise FileProblemError(Reason.MALFORMED_FILE, why)
    try:
        frame, bad = _read_rows(path, columns)
    except (pa.ArrowInvalid, OSError, UnicodeDecodeError, csv.Error) as exc:
        why = "is not UTF-8 text" if "UTF" in str(exc) else "could not be parsed as CSV"
        raise FileProblemError(Reason.MALFORMED_FILE, why) from None
    blank = pl.all_horizontal(pl.col(c).is_null() for c in columns)
    frame = frame.filter(~blank)
    ragged = [
        Rejection(str(path), table, row, None, Reason.MALFORMED_FILE, _ragged(len(columns)))
        for row in bad
    ]
    return Sheet(table, path, collection_year(path, root), frame), ragged


def _read_rows(path: Path, columns: list[str]) -> tuple[pl.DataFrame, list[int]]:
    """The rows as trimmed text with their data-row numbers, and the numbers of ragged rows.

    pyarrow reads a well-formed file fast but cannot say where a ragged row was, so a file with
    any is read again with the csv module, which counts records exactly.
    """
    ragged = False

    def skip(_: pacsv.InvalidRow) -> str:
        nonlocal ragged
        ragged = True
        return "skip"

    arrow = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(column_names=columns, skip_rows=1),
        parse_options=pacsv.ParseOptions(invalid_row_handler=skip, ignore_empty_lines=False),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(columns, pa.string()), strings_can_be_null=True
        ),
    )
    bad: list[int] = []
    if ragged:
        rows: list[list[str]] = []
        numbers: list[int] = []
        with path.open(encoding="utf-8-sig", newline="") as f:
            for number, record in enumerate(csv.reader(f)):
                if number == 0 or not record:
                    continue
                if len(record) == len(columns):
                    rows.append(record)
                    numbers.append(number)
                elif any(v.strip() for v in record):
                    bad.append(number)
        frame = pl.DataFrame(rows, schema=dict.fromkeys(columns, pl.String), orient="row")
        frame = frame.with_columns(pl.Series(ROW, numbers, dtype=pl.Int64))
    else:
        read = pl.from_arrow(arrow)
        assert isinstance(read, pl.DataFrame)
        frame = read.with_columns(pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias(ROW))
    text = [pl.col(c).str.strip_chars() for c in columns]
    frame = frame.with_columns(
        pl.when(t != "").then(t).alias(n) for t, n in zip(text, columns, strict=True)
    )
    return frame, bad


def _ragged(width: int) -> str:
    return f"row does not have exactly {width} fields (ragged or truncated line)"
