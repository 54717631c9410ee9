"""What an ingest run read, loaded and rejected; counts reconcile: read = loaded + rejected."""

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
    """Rows of one source file destined for one canonical table."""

    source: str
    table: str
    read: int
    loaded: int
    rejected: int

    def __post_init__(self) -> None:
        if self.read != self.loaded + self.rejected:
            raise ValueError(f"{self.source} -> {self.table}: counts do not reconcile")


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
    def all_inputs_unusable(self) -> bool:
        """True when no input yielded a table at all (every file unreadable or unrecognised).

        A file whose rows were all rejected is usable: it was read, and its rows are accounted for.
        """
        return not self.counts


REJECTION_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Rejection))


def write_rejections_csv(rejections: Iterable[Rejection], path: Path) -> None:
    """Write every rejection to ``path`` as CSV, atomically.

    The file is written beside its destination and renamed over it, so a reader never sees half a
    list and an interrupted run leaves the previous list in place. It is created owner-only, as
    it describes rows of child-level data.
    """
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(REJECTION_FIELDS)
        for r in rejections:
            writer.writerow(
                ["" if v is None else v for v in (getattr(r, n) for n in REJECTION_FIELDS)]
            )
