"""One ingest run: read every input, then validate and load each table, all or nothing.

The run is idempotent: a canonical extract is a full refresh, so each (table, council) the run
carries replaces that council's rows in that table, and loading the same files twice leaves the
same store. The whole run is one transaction, so a failure part-way leaves the previous contents
exactly as they were.

Memory is bounded by one table at a time: readers that can stream hand over batches, which are
pooled across the table's sources (up to ``validate.MERGE_ROWS`` rows) and checked and staged
in DuckDB a pool at a time (DuckDB's memory is capped at ``_DUCKDB_MEMORY``; it spills beyond
that), the table's duplicates and orphans are found there, its valid rows replace the store's,
and the staging is dropped before the next table. ``ssd_person`` goes first, so the orphan check
reads the store's children as this run leaves them. A child's ``ssd_person`` rows from two
statutory returns (the CIN census and the 903) are merged into one there (``keys``).

Readers that stream may hold their rows in temporary files until ingest has read them (the CIN
census reader does); every reader's ``cleanup`` runs when the run ends, however it ends.
"""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Protocol, runtime_checkable

import duckdb
import polars as pl

from csc_scorecard.ingest.keys import ReturnSource
from csc_scorecard.ingest.pseudonymise import Key, pseudonymised
from csc_scorecard.ingest.reader import Reader, ReadResult
from csc_scorecard.ingest.registry import reader_named, readers
from csc_scorecard.ingest.report import IngestReport, InputFile, Reason, Rejection, TableCount
from csc_scorecard.ingest.ssda903_files import collection_year
from csc_scorecard.ingest.streaming import (
    StreamingReader,
    StreamResult,
    TableStream,
    as_stream,
    kept_notes,
)
from csc_scorecard.ingest.validate import Checked, check_table
from csc_scorecard.model import TABLES
from csc_scorecard.store.database import open_store, replace_council_rows, transaction
from csc_scorecard.store.ingest_log import REJECTS_SCHEMA, RUNS_SCHEMA, record_run, replace_rejects
from csc_scorecard.store.staging import drop_stage, valid_rows, view_stored_children

_PERSON = "ssd_person"
_DUCKDB_MEMORY = "2GB"
"""DuckDB's share of the run's memory; staged rows past it spill to ``<store>.tmp``."""


class Phase(StrEnum):
    """The steps of a run a progress display can show."""

    READ = "read"
    VALIDATE = "validate"
    LOAD = "load"


@dataclass(frozen=True)
class Progress:
    """``done`` of ``total`` items of ``phase`` finished; ``item`` is the one starting (or "")."""

    phase: Phase
    done: int
    total: int
    item: str


ProgressCallback = Callable[[Progress], None]


class StoreError(Exception):
    """The store could not be opened or updated; a failed update leaves it as it was.

    The message never carries the database's own error text, which can quote key values.
    """


def ingest(
    paths: Sequence[Path | str],
    db: Path,
    *,
    format: str | None = None,
    la_code: str | None = None,
    progress: ProgressCallback | None = None,
    pseudonymise: Key | None = None,
    as_at: date | None = None,
) -> IngestReport:
    """Read, validate and load ``paths`` into the store at ``db``; report every row's fate.

    Args:
        paths: input files or folders, or connection URLs (``postgresql://...``) that a reader
            with ``read_url`` reads; a ``str`` that is not a URL is a path.
        db: the DuckDB store, created if missing.
        format: a reader name, skipping detection; None picks a reader per input by ``detect``.
        la_code: the council's code for inputs that do not carry one.
        progress: called as each step of each phase starts, and when a phase ends.
        pseudonymise: a key to replace every identifier by its keyed hash before validation
            (see :mod:`csc_scorecard.ingest.pseudonymise`); None keeps identifiers as read.
        as_at: the run's date: a date after it is refused as not yet happened, unless the
            column is a planned one (default: today).

    Raises:
        ValueError: ``format`` names no reader.
        StoreError: the store could not be opened or written (it is left unchanged).
    """
    started = _utc_now()
    notify = progress or _quiet
    chosen = reader_named(format) if format is not None else None
    opened: list[_Opened] = []
    try:
        inputs = _read_inputs(paths, chosen, la_code, notify, opened)
        results = [o.result for o in opened]
        returns = _returns(opened)
        if pseudonymise is not None:
            results = [pseudonymised(r, pseudonymise) for r in results]
        try:
            con = open_store(db, memory_limit=_DUCKDB_MEMORY)
        except duckdb.Error as exc:
            raise StoreError(f"could not open the store {db} ({type(exc).__name__})") from None
        given = frozenset({la_code}) if la_code else frozenset[str]()
        try:
            with transaction(con):
                report, replaced = _load_all(
                    con, results, inputs, given, notify, returns=returns, as_at=as_at
                )
                _log(con, report, replaced, started)
        except duckdb.Error as exc:
            why = f"loading the store failed ({type(exc).__name__}); it is unchanged"
            raise StoreError(why) from None
        finally:
            con.close()
    finally:
        for o in opened:
            o.result.cleanup()
    return report


def _quiet(_: Progress) -> None:
    """The progress callback when the caller gives none."""


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@runtime_checkable
class UrlReader(Protocol):
    """A reader of inputs named by a URL (e.g. a warehouse) rather than a file.

    ``source_of`` is how the input appears in reports and the run log (never with a password).
    """

    name: str

    def detect_url(self, url: str) -> bool: ...

    def source_of(self, url: str) -> str: ...

    def read_url(self, url: str, la_code: str | None) -> ReadResult: ...


@dataclass(frozen=True)
class _Opened:
    """One input as its reader opened it: the reader's name (None: no reader) and the path."""

    result: StreamResult
    format: str | None
    path: Path | None


def _read_inputs(
    paths: Sequence[Path | str],
    chosen: Reader | None,
    la_code: str | None,
    notify: ProgressCallback,
    opened: list[_Opened],
) -> list[InputFile]:
    """Each input opened by its reader (or rejected whole) into ``opened``, and a checksum of
    every file read. ``opened`` is filled as inputs open, so the caller can clean up after a
    failure part-way.

    A reader that can stream only checks headers here; its rows are read table by table later.
    """
    inputs: list[InputFile] = []
    for done, given in enumerate(paths):
        if isinstance(given, str) and "://" in given:
            notify(Progress(Phase.READ, done, len(paths), "URL"))
            url_input, url_result = _read_url(given, chosen, la_code)
            inputs.append(url_input)
            opened.append(_Opened(as_stream(url_result), url_input.format, None))
            continue
        path = Path(given)
        notify(Progress(Phase.READ, done, len(paths), str(path)))
        if not path.exists():
            opened.append(_Opened(as_stream(_unusable(path, "does not exist")), None, path))
            continue
        reader = chosen or next((r for r in readers() if r.detect(path)), None)
        if reader is None:
            known = ", ".join(r.name for r in readers())
            why = f"is not in a format ingest reads ({known})"
            opened.append(_Opened(as_stream(_unusable(path, why)), None, path))
        elif isinstance(reader, StreamingReader):
            opened.append(_Opened(reader.stream(path, la_code), reader.name, path))
        else:
            opened.append(_Opened(as_stream(reader.read(path, la_code)), reader.name, path))
        inputs += [
            InputFile(str(f), _sha256(f), reader.name if reader else None) for f in _files(path)
        ]
    notify(Progress(Phase.READ, len(paths), len(paths), ""))
    return inputs


def _returns(opened: Sequence[_Opened]) -> dict[int, ReturnSource]:
    """Each ``ssd_person`` stream's return and date, by its position among all inputs' items.

    The 903 reader does not date its streams; a 903 file's date is the 31 March of the year
    its name (or its folder's) carries, as the reader itself reads it.
    """
    found: dict[int, ReturnSource] = {}
    position = 0
    for o in opened:
        for item in o.result.items:
            if isinstance(item, TableStream) and item.table == _PERSON and o.format:
                as_of = item.as_of
                if as_of is None and o.format == "ssda903" and o.path is not None:
                    root = o.path if o.path.is_dir() else o.path.parent
                    year = collection_year(Path(item.source), root)
                    as_of = date(year, 3, 31) if year else None
                found[position] = ReturnSource(o.format, as_of)
            position += 1
    return found


def _read_url(url: str, chosen: Reader | None, la_code: str | None) -> tuple[InputFile, ReadResult]:
    """A URL input, read by the chosen (or the first detecting) URL reader; no checksum."""
    able = [r for r in ([chosen] if chosen else readers()) if isinstance(r, UrlReader)]
    reader = next((r for r in able if r.detect_url(url)), None)
    if reader is None:
        scheme = url.split("://", 1)[0]
        why = f"no reader reads {scheme}:// URLs" + (f" (not {chosen.name})" if chosen else "")
        return InputFile(f"{scheme}://", "", None), _unusable(f"{scheme}://", why)
    return InputFile(reader.source_of(url), "", reader.name), reader.read_url(url, la_code)


def _unusable(path: Path | str, why: str) -> ReadResult:
    return ReadResult([], [Rejection(str(path), "", None, None, Reason.UNSUPPORTED_FORMAT, why)])


def _files(path: Path) -> list[Path]:
    return [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _by_table(
    items: Sequence[TableStream | Rejection],
) -> dict[str, list[tuple[int, TableStream]]]:
    """Each table's streams with their positions in ``items``, ``ssd_person`` first (orphans)."""
    grouped: dict[str, list[tuple[int, TableStream]]] = {}
    for position, item in enumerate(items):
        if isinstance(item, TableStream):
            grouped.setdefault(item.table, []).append((position, item))
    order = [t.name for t in sorted(TABLES, key=lambda t: t.name != _PERSON)]
    return {name: grouped[name] for name in order if name in grouped}


def _load_all(
    con: duckdb.DuckDBPyConnection,
    results: Sequence[StreamResult],
    inputs: Sequence[InputFile],
    given: frozenset[str],
    notify: ProgressCallback,
    *,
    returns: dict[int, ReturnSource],
    as_at: date | None,
) -> tuple[IngestReport, list[tuple[str, str]]]:
    """Check and load each table in turn; return the report and the (table, council) replaced.

    ``given`` (the ``--la-code`` council) is replaced in each table read. ``returns`` (by item
    position) are the statutory returns' ``ssd_person`` streams, merged child by child.

    A source found malformed part-way is rejected whole where the reader listed it, so the
    report reads as if the problem had been seen when the file was opened.
    """
    items = [item for r in results for item in r.items]
    grouped = _by_table(items)
    by_name = {t.name: t for t in TABLES}
    view_stored_children(con)
    checked: list[Checked] = []
    withdrawn: dict[int, Rejection] = {}
    for done, (name, entries) in enumerate(grouped.items()):
        notify(Progress(Phase.VALIDATE, done, len(grouped), name))
        streams = [s for _, s in entries]
        merging = {i: returns[p] for i, (p, _) in enumerate(entries) if p in returns}
        table = check_table(con, by_name[name], streams, orphans=True, as_at=as_at, returns=merging)
        withdrawn |= {entries[i][0]: rejection for i, rejection in table.withdrawn}
        if len(table.withdrawn) < len(entries):
            table = dataclasses.replace(table, councils=table.councils | given)
            notify(Progress(Phase.LOAD, done, len(grouped), name))
            replace_council_rows(con, name, valid_rows(con, table.table), table.councils)
            checked.append(table)
        drop_stage(con)
    for phase in (Phase.VALIDATE, Phase.LOAD):
        notify(Progress(phase, len(grouped), len(grouped), ""))
    reader = [
        x if isinstance(x, Rejection) else withdrawn[p]
        for p, x in enumerate(items)
        if isinstance(x, Rejection) or p in withdrawn
    ]
    report = IngestReport(
        counts=tuple(_counts(reader, checked)),
        rejections=tuple(reader + [x for c in checked for x in c.rejections]),
        notes=tuple(kept_notes([n for r in results for n in r.notes], list(withdrawn.values()))),
        inputs=tuple(inputs),
        run_id=uuid.uuid4().hex,
        conflicts=tuple(x for c in checked for x in c.conflicts),
    )
    return report, [(c.table.name, council) for c in checked for council in c.councils]


def _counts(reader: Sequence[Rejection], checked: Sequence[Checked]) -> list[TableCount]:
    """Validator counts, plus source records a reader rejected (each read and rejected)."""
    rows = {(x.source, x.table, x.row) for x in reader if x.row}
    by_reader = Counter((source, table) for source, table, _ in rows)
    counts = []
    for c in (c for v in checked for c in v.counts):
        extra = by_reader.pop((c.source, c.table), 0)
        counts.append(dataclasses.replace(c, read=c.read + extra, rejected=c.rejected + extra))
    counts += [TableCount(s, t, n, 0, n) for (s, t), n in by_reader.items()]
    return counts


def _log(
    con: duckdb.DuckDBPyConnection,
    report: IngestReport,
    replaced: Sequence[tuple[str, str]],
    started: datetime,
) -> None:
    """Record the run and its rejections, replacing those of each (table, council) reloaded."""
    replace_rejects(con, _rejects_frame(report), replaced)
    record_run(con, _run_frame(report, started))


def _rejects_frame(report: IngestReport) -> pl.DataFrame:
    rows = [
        (run, x.la_code, x.source, x.table, x.row, x.field, x.reason.value, x.message, x.location)
        for run, x in ((report.run_id, x) for x in report.rejections)
    ]
    return pl.DataFrame(rows, schema=REJECTS_SCHEMA, orient="row")


def _run_frame(report: IngestReport, started: datetime) -> pl.DataFrame:
    run = {
        "run_id": report.run_id,
        "started_utc": started,
        "finished_utc": _utc_now(),
        "inputs": [dataclasses.asdict(i) for i in report.inputs],
        "counts": [
            {"source": c.source, "table_name": c.table}
            | {"read": c.read, "loaded": c.loaded, "rejected": c.rejected, "merged": c.merged}
            for c in report.counts
        ],
        "rows_read": report.rows_read,
        "rows_loaded": report.rows_loaded,
        "rows_rejected": report.rows_rejected,
    }
    return pl.DataFrame([run], schema=RUNS_SCHEMA)
