"""The contract every input reader meets, built-in or not.

A reader turns one input (a file or a folder) into canonical tables of *text* values, plus the
problems it met that are specific to its format (an XML element it cannot place, a missing sheet).
It does not type-check values: the one canonical validator does that for every format, so a bad
date is reported the same way whether it came from a CSV, a CIN census XML or an Annex A workbook.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

import polars as pl

from csc_scorecard.ingest.report import Note, Rejection

ROW = "_row"
LOCATION = "_location"


@dataclass(frozen=True)
class RawTable:
    """Rows for one canonical table, read from one source.

    ``frame`` holds canonical column names (any subset; absent optional columns become null) as
    ``pl.String``, with empty values as null (the validator also trims spaces and treats a blank
    value as empty), plus ``_row`` (Int64, the 1-based row or record
    number in the source, for messages) and optionally ``_location`` (String, e.g. an XML path).
    Dates are ISO ``YYYY-MM-DD`` where the reader knows its format's convention; the validator
    also accepts UK ``DD/MM/YYYY``. Booleans may be true/false, yes/no, y/n, 1/0.

    ``as_of`` is the date the source describes its children at (a census date), where known: when
    two statutory returns describe the same child, the later one's values are preferred.
    """

    table: str
    source: str
    frame: pl.DataFrame
    as_of: date | None = None


@dataclass(frozen=True)
class ReadResult:
    """What a reader produced: tables to validate, format-level rejections, and notes.

    A rejection with a ``row`` is a source record the reader could not turn into a row: it counts
    as read and rejected for its source and table. A rejection without one is file-level (the
    file could not be read at all) and counts no rows.
    """

    tables: Sequence[RawTable]
    rejections: Sequence[Rejection] = ()
    notes: Sequence[Note] = ()


class Reader(Protocol):
    """An input format.

    Implementers provide ``name`` (the ``--format`` value), ``detect`` (cheap sniffing: True when
    the path is in this format) and ``read``. ``read`` must account for every source record: each
    becomes a row of some ``RawTable`` or a ``Rejection``; it never raises on bad content (a
    malformed file is one ``MALFORMED_FILE`` rejection) and never puts identifier values in a
    message. ``la_code`` fills ``la_code`` where the format does not carry it.
    """

    name: str

    def detect(self, path: Path) -> bool: ...

    def read(self, path: Path, la_code: str | None) -> ReadResult: ...
