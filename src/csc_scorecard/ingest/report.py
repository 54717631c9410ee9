"""What an ingest run read, loaded, rejected and merged; counts reconcile for every file and table:
read = loaded + rejected + merged.

A *merged* row is a child's ``ssd_person`` row from one statutory return (CIN census, SSDA903,
Annex A) whose values were combined into the same child's row from another return in the same
run: the child is loaded once, counted as loaded for the return whose row was kept. Where the two
disagree, a ``Conflict`` says which value was loaded and why.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, fields
from enum import StrEnum
from pathlib import Path

from csc_scorecard.files import atomic_path


class Reason(StrEnum):
    """Why a row (or a whole file) was rejected."""

    MISSING_VALUE = "missing_value"
    WRONG_TYPE = "wrong_type"
    IMPOSSIBLE_DATE = "impossible_date"
    UNKNOWN_CODE = "unknown_code"
    END_BEFORE_START = "end_before_start"
    FUTURE_DATE = "future_date"
    IMPLAUSIBLE_AGE = "implausible_age"
    NEGATIVE_VALUE = "negative_value"
    DUPLICATE_KEY = "duplicate_key"
    ORPHAN_CHILD = "orphan_child"
    MALFORMED_FILE = "malformed_file"
    UNSUPPORTED_FORMAT = "unsupported_format"


@dataclass(frozen=True)
class Rejection:
    """One problem found in the input, located precisely enough for an analyst to fix it.

    ``row`` is the 1-based data row in the source file (header excluded), or None for a file-level
    problem; ``location`` carries any finer position (an XML element path, a sheet name). Messages
    never quote identifier values: a child's id must not reach a log or a report. ``la_code`` is
    the council the row belongs to, when known: the store replaces a council's rejections when
    that council's data is loaded again.
    """

    source: str
    table: str
    row: int | None
    field: str | None
    reason: Reason
    message: str
    location: str | None = None
    la_code: str | None = None

    def describe(self) -> str:
        """One human line: file, row, field, reason."""
        where = self.source
        if self.location:
            where += f" {self.location}"
        if self.row is not None:
            where += f" row {self.row}"
        if self.field:
            where += f" field {self.field}"
        return f"{where}: {self.message} [{self.reason}]"


@dataclass(frozen=True)
class Note:
    """Something worth telling the analyst that costs no rows (e.g. a column that was ignored)."""

    source: str
    table: str
    message: str


@dataclass(frozen=True)
class TableCount:
    """Rows of one source file destined for one canonical table.

    ``merged`` rows are neither loaded nor rejected: each was combined into the row another
    statutory return gave for the same child (see the module's docstring).
    """

    source: str
    table: str
    read: int
    loaded: int
    rejected: int
    merged: int = 0

    def __post_init__(self) -> None:
        if self.read != self.loaded + self.rejected + self.merged:
            raise ValueError(f"{self.source} -> {self.table}: counts do not reconcile")


@dataclass(frozen=True)
class Conflict:
    """Two statutory returns give different values for one field of the same child.

    A warning, not a rejection: the child is loaded once, with ``kept_value`` (from
    ``kept_source``), and ``other_value`` from ``other_source`` is not used, for the reason ``why``.
    Values are quoted only for fields that are not identifiers; a child's id never appears.
    """

    table: str
    field: str
    kept_source: str
    kept_row: int | None
    kept_value: str
    other_source: str
    other_row: int | None
    other_value: str
    why: str
    kept_location: str | None = None
    other_location: str | None = None
    la_code: str | None = None

    def describe(self) -> str:
        """One human line: both files and rows, the field, both values and which was loaded."""

        def where(source: str, location: str | None, row: int | None) -> str:
            return " ".join(
                [source, *([location] if location else []), *([f"row {row}"] if row else [])]
            )

        kept = where(self.kept_source, self.kept_location, self.kept_row)
        other = where(self.other_source, self.other_location, self.other_row)
        return (
            f"{self.table}.{self.field} differs for the same child: {kept} has "
            f"{self.kept_value} (loaded), {other} has {self.other_value} (not used): {self.why}"
        )


@dataclass(frozen=True)
class InputFile:
    """One file an ingest run was given, with its checksum so a run can be traced to its data.

    ``format`` is the reader that read it, or None when no reader recognised the input.
    """

    path: str
    sha256: str
    format: str | None


@dataclass(frozen=True)
class IngestReport:
    """The outcome of one ingest run."""

    counts: tuple[TableCount, ...]
    rejections: tuple[Rejection, ...]
    notes: tuple[Note, ...] = ()
    inputs: tuple[InputFile, ...] = ()
    run_id: str = ""
    conflicts: tuple[Conflict, ...] = ()

    @property
    def rows_read(self) -> int:
        return sum(c.read for c in self.counts)

    @property
    def rows_loaded(self) -> int:
        return sum(c.loaded for c in self.counts)

    @property
    def rows_rejected(self) -> int:
        return sum(c.rejected for c in self.counts)

    @property
    def rows_merged(self) -> int:
        return sum(c.merged for c in self.counts)

    @property
    def all_inputs_unusable(self) -> bool:
        """True when no input yielded a table at all (every file unreadable or unrecognised).

        A file whose rows were all rejected is usable: it was read, and its rows are accounted for.
        """
        return not self.counts


REJECTION_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Rejection))
CONFLICT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Conflict))


def write_rejections_csv(rejections: Iterable[Rejection], path: Path) -> None:
    """Write every rejection to ``path`` as CSV, atomically.

    The file is written beside its destination and renamed over it, so a reader never sees half a
    list and an interrupted run leaves the previous list in place. It is created owner-only, as
    it describes rows of child-level data.
    """
    _write_csv(rejections, REJECTION_FIELDS, path)


def write_conflicts_csv(conflicts: Iterable[Conflict], path: Path) -> None:
    """Write every conflict to ``path`` as CSV, atomically and owner-only (as rejections)."""
    _write_csv(conflicts, CONFLICT_FIELDS, path)


def _write_csv(records: Iterable[object], names: tuple[str, ...], path: Path) -> None:
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(names)
        for r in records:
            writer.writerow(["" if v is None else v for v in (getattr(r, n) for n in names)])
