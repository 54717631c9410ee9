"""What an ingest run read, loaded and rejected; counts reconcile: read = loaded + rejected."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Reason(StrEnum):
    """Why a row (or a whole file) was rejected."""

    MISSING_VALUE = "missing_value"
    WRONG_TYPE = "wrong_type"
    IMPOSSIBLE_DATE = "impossible_date"
    UNKNOWN_CODE = "unknown_code"
    END_BEFORE_START = "end_before_start"
    DUPLICATE_KEY = "duplicate_key"
    ORPHAN_CHILD = "orphan_child"
    MALFORMED_FILE = "malformed_file"
    UNSUPPORTED_FORMAT = "unsupported_format"


@dataclass(frozen=True)
class Rejection:
    """One problem found in the input, located precisely enough for an analyst to fix it.

    ``row`` is the 1-based data row in the source file (header excluded), or None for a file-level
    problem; ``location`` carries any finer position (an XML element path, a sheet name). Messages
    never quote identifier values: a child's id must not reach a log or a report.
    """

    source: str
    table: str
    row: int | None
    field: str | None
    reason: Reason
    message: str
    location: str | None = None

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
class IngestReport:
    """The outcome of one ingest run."""

    counts: tuple[TableCount, ...]
    rejections: tuple[Rejection, ...]

    @property
    def rows_read(self) -> int:
        return sum(c.read for c in self.counts)

    @property
    def rows_loaded(self) -> int:
        return sum(c.loaded for c in self.counts)

    @property
    def rows_rejected(self) -> int:
        return sum(c.rejected for c in self.counts)
