"""Readers that hand over a table in batches, so ingest never holds a whole input in memory.

``Reader.read`` returns every row at once, which is fine for a council's extract but not for a
national one (tens of millions of rows). A reader may also offer ``stream``: the same tables, each
as batches read only when ingest asks for them. ``Reader`` itself is unchanged: ingest streams a
reader that has ``stream`` and wraps any other reader's result as one batch per table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol, runtime_checkable

import polars as pl

from csc_scorecard.ingest.reader import RawTable, Reader, ReadResult
from csc_scorecard.ingest.report import Note, Reason, Rejection


class MalformedSourceError(Exception):
    """A source found unreadable part-way through its batches (a ragged row, bad bytes).

    Ingest withdraws the rows already taken from it and rejects it whole, exactly as if the
    problem had been seen before the first batch. The message is the reader's own (it names the
    file, never the data).
    """


@dataclass(frozen=True)
class TableStream:
    """Rows for one canonical table from one source, as batches produced on demand.

    ``batches`` yields at least one frame (an empty one for a source with no rows), each shaped
    like ``RawTable.frame`` with ``_row`` numbering continuing across batches, and may raise
    ``MalformedSourceError``. It is called once. ``as_of`` is the date the source describes the
    children at (a census date, a return's year end), where the reader knows it.
    """

    table: str
    source: str
    batches: Callable[[], Iterator[pl.DataFrame]]
    as_of: date | None = None


def _nothing() -> None:
    """The cleanup of a result that holds nothing outside memory."""


@dataclass(frozen=True)
class StreamResult:
    """A reader's tables and file-level rejections, in the reader's order, and its notes.

    ``cleanup`` releases what the streams read from (a reader's temporary files); the caller
    calls it once it has read every batch it wants, or has given up.
    """

    items: Sequence[TableStream | Rejection]
    notes: Sequence[Note] = ()
    cleanup: Callable[[], None] = field(default=_nothing, compare=False)


@runtime_checkable
class StreamingReader(Reader, Protocol):
    """A ``Reader`` that can also stream: ``stream`` accounts for every record as ``read`` does."""

    def stream(self, path: Path, la_code: str | None) -> StreamResult: ...


def one_batch(raw: RawTable) -> TableStream:
    """A table already in memory as a stream of one batch."""
    return TableStream(raw.table, raw.source, lambda: iter([raw.frame]), raw.as_of)


def as_stream(result: ReadResult) -> StreamResult:
    """A whole-table ``ReadResult`` as a stream: rejections first, each table one batch."""
    return StreamResult([*result.rejections, *map(one_batch, result.tables)], result.notes)


def collect(result: StreamResult) -> ReadResult:
    """Every batch of a stream read into memory: ``read`` for a reader that streams."""
    tables: list[RawTable] = []
    rejections: list[Rejection] = []
    for item in result.items:
        if isinstance(item, Rejection):
            rejections.append(item)
            continue
        try:
            frames = list(item.batches())
        except MalformedSourceError as exc:
            rejections.append(malformed(item, exc))
            continue
        tables.append(RawTable(item.table, item.source, pl.concat(frames), item.as_of))
    return ReadResult(tables, rejections, kept_notes(result.notes, rejections))


def malformed(item: TableStream, exc: MalformedSourceError) -> Rejection:
    """The file-level rejection of a source found malformed part-way through."""
    return Rejection(item.source, item.table, None, None, Reason.MALFORMED_FILE, str(exc))


def kept_notes(notes: Sequence[Note], rejections: Sequence[Rejection]) -> list[Note]:
    """Notes about sources not rejected whole: a file found malformed part-way loads nothing."""
    whole = {(x.source, x.table) for x in rejections if x.row is None}
    return [n for n in notes if (n.source, n.table) not in whole]
