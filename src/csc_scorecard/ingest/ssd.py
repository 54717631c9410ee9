"""A folder of Standard Safeguarding Dataset (SSD) table exports: one ``ssd_*.csv`` per table.

The canonical model already uses SSD's table and column names, so an export is read as canonical
files and then mapped the SSD way: the council code comes from ``--la-code`` (SSD tables carry
none), SSD columns the model does not hold are named in one note per file, SSD tables the model
does not use are noted rather than rejected, and date-time text from SQL Server exports
("2024-01-15 00:00:00.000") becomes a date.
"""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl

from csc_scorecard.ingest.canonical import CanonicalReader, table_of
from csc_scorecard.ingest.reader import RawTable, ReadResult
from csc_scorecard.ingest.report import Note, Reason, Rejection
from csc_scorecard.model.schema import LA_CODE, ColumnType, Table

_DATE_TIME = r"^(\d{4}-\d{1,2}-\d{1,2})[ T]\d{1,2}:\d{2}.*$"


def ssd_frame(table: Table, frame: pl.DataFrame) -> pl.DataFrame:
    """An SSD table's text frame with date-times cut to their date (SSD keeps many as DATETIME)."""
    dates = [c.name for c in table.columns if c.type is ColumnType.DATE and c.name in frame.columns]
    return frame.with_columns(pl.col(dates).str.replace(_DATE_TIME, "${1}"))


def _is_ssd_export(path: Path) -> bool:
    """An ``ssd_*.csv`` file whose header has no ``la_code`` (a canonical file has one)."""
    if not (path.is_file() and path.name.lower().startswith("ssd_")):
        return False
    if not path.name.lower().endswith(".csv"):
        return False
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            header = next(csv.reader([f.readline(1 << 20)]), [])
    except (OSError, UnicodeDecodeError):
        return False
    return LA_CODE not in (h.strip().lower() for h in header)


class SsdReader:
    """Reads SSD table exports (a folder, or one file) with the council code from ``la_code``."""

    name = "ssd"

    def detect(self, path: Path) -> bool:
        """True for an SSD export file, or a folder whose ``ssd_*.csv`` files lack ``la_code``."""
        if path.is_dir():
            exports = [p for p in path.iterdir() if p.name.lower().startswith("ssd_")]
            return bool(exports) and all(_is_ssd_export(p) for p in exports)
        return _is_ssd_export(path)

    def read(self, path: Path, la_code: str | None) -> ReadResult:
        """Read each SSD table file; a file of an SSD table the model does not use is noted."""
        canonical = CanonicalReader()
        tables: list[RawTable] = []
        rejections: list[Rejection] = []
        notes: list[Note] = []
        for file in sorted(path.iterdir()) if path.is_dir() else [path]:
            table = table_of(file)
            if table is None and _is_ssd_export(file):
                name = file.name.lower().removesuffix(".csv")
                notes.append(
                    Note(str(file), name, f"{name} is not a table the model uses; not read")
                )
                continue
            if table is None:
                why = f"{file.name} is not an SSD table export (ssd_<table>.csv)"
                rejections.append(
                    Rejection(str(file), "", None, None, Reason.UNSUPPORTED_FORMAT, why)
                )
                continue
            result = canonical.read(file, la_code)
            tables += [
                RawTable(t.table, t.source, ssd_frame(table, t.frame)) for t in result.tables
            ]
            rejections += result.rejections
            notes += result.notes
        return ReadResult(tables, rejections, notes)
