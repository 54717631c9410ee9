"""Canonical CSV files, appended council by council and renamed into place only when complete.

Each table has one open file (``<table>.csv.partial``) with the canonical header; every council's
rows are appended, and the files are renamed to ``<table>.csv`` at the end, so a reader never sees
a half-written file and an interrupted run leaves no file that looks complete.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import IO

import polars as pl

from csc_scorecard.model.tables import TABLES

PARTIAL = ".partial"


class CanonicalCsvWriter:
    """Append canonical frames to one CSV file per table (ISO dates, true/false, empty = null)."""

    def __init__(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self._out = out
        self._files: dict[str, IO[bytes]] = {}
        self.rows: dict[str, int] = {}
        for table in TABLES:
            handle = (out / f"{table.name}.csv{PARTIAL}").open("wb")
            handle.write((",".join(table.column_names) + "\n").encode())
            self._files[table.name] = handle
            self.rows[table.name] = 0

    def append(self, frames: dict[str, pl.DataFrame]) -> None:
        """Append one council's frames (already in canonical column order)."""
        for name, frame in frames.items():
            frame.write_csv(self._files[name], include_header=False, date_format="%Y-%m-%d")
            self.rows[name] += frame.height

    def close(self, *, complete: bool) -> None:
        """Close every file; rename into place if ``complete``, else delete the partial files."""
        for name, handle in self._files.items():
            handle.close()
            partial = self._out / f"{name}.csv{PARTIAL}"
            if complete:
                partial.replace(self._out / f"{name}.csv")
            else:
                partial.unlink(missing_ok=True)

    def __enter__(self) -> CanonicalCsvWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close(complete=error is None)
