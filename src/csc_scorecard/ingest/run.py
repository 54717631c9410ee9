"""One ingest run: read every input, validate every table, then load the store all or nothing.

The run is idempotent: a canonical extract is a full refresh, so each (table, council) the run
carries replaces that council's rows in that table, and loading the same files twice leaves the
same store. Validation happens before the store is touched; the load is one transaction, so a
failure part-way leaves the previous contents exactly as they were.
"""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Protocol, runtime_checkable

import duckdb
import polars as pl

from csc_scorecard.ingest.reader import RawTable, Reader, ReadResult
from csc_scorecard.ingest.registry import reader_named, readers
from csc_scorecard.ingest.report import IngestReport, InputFile, Reason, Rejection, TableCount
from csc_scorecard.ingest.validate import CHILD_COLUMNS, Validated, validate
from csc_scorecard.model import TABLES
from csc_scorecard.model.schema import LA_CODE
from csc_scorecard.store.database import (
    open_store,
    replace_council_rows,
    stored_children,
    transaction,
)
from csc_scorecard.store.ingest_log import REJECTS_SCHEMA, RUNS_SCHEMA, record_run, replace_rejects

_PERSON = "ssd_person"
_PERSON_ID = "pers_person_id"


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
) -> IngestReport:
    """Read, validate and load ``paths`` into the store at ``db``; report every row's fate.

    Args:
        paths: input files or folders, or connection URLs (``postgresql://...``) that a reader
            with ``read_url`` reads; a ``str`` that is not a URL is a path.
        db: the DuckDB store, created if missing.
        format: a reader name, skipping detection; None picks a reader per input by ``detect``.
        la_code: the council's code for inputs that do not carry one.
        progress: called as each step of each phase starts, and when a phase ends.

    Raises:
        ValueError: ``format`` names no reader.
        StoreError: the store could not be opened or written (it is left unchanged).
    """
    started = _utc_now()
    notify = progress or _quiet
    chosen = reader_named(format) if format is not None else None
    inputs, results = _read_inputs(paths, chosen, la_code, notify)
    try:
        con = open_store(db)
    except duckdb.Error as exc:
        raise StoreError(f"could not open the store {db} ({type(exc).__name__})") from None
    try:
        given = frozenset({la_code}) if la_code else frozenset[str]()
        validated = _validate_all(con, _by_table(results), given, notify)
        report = IngestReport(
            counts=tuple(_counts(results, validated)),
            rejections=tuple(
                [x for r in results for x in r.rejections]
                + [x for v in validated for x in v.rejections]
            ),
            notes=tuple(n for r in results for n in r.notes),
            inputs=tuple(inputs),
            run_id=uuid.uuid4().hex,
        )
        _load(con, report, validated, started, notify)
    finally:
        con.close()
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


def _read_inputs(
    paths: Sequence[Path | str],
    chosen: Reader | None,
    la_code: str | None,
    notify: ProgressCallback,
) -> tuple[list[InputFile], list[ReadResult]]:
    """Each input read by its reader (or rejected whole), and a checksum of every file read."""
    inputs: list[InputFile] = []
    results: list[ReadResult] = []
    for done, given in enumerate(paths):
        if isinstance(given, str) and "://" in given:
            notify(Progress(Phase.READ, done, len(paths), "URL"))
            url_input, url_result = _read_url(given, chosen, la_code)
            inputs.append(url_input)
            results.append(url_result)
            continue
        path = Path(given)
        notify(Progress(Phase.READ, done, len(paths), str(path)))
        if not path.exists():
            results.append(_unusable(path, "does not exist"))
            continue
        reader = chosen or next((r for r in readers() if r.detect(path)), None)
        if reader is None:
            known = ", ".join(r.name for r in readers())
            results.append(_unusable(path, f"is not in a format ingest reads ({known})"))
        else:
            results.append(reader.read(path, la_code))
        inputs += [
            InputFile(str(f), _sha256(f), reader.name if reader else None) for f in _files(path)
        ]
    notify(Progress(Phase.READ, len(paths), len(paths), ""))
    return inputs, results


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


def _by_table(results: Iterable[ReadResult]) -> dict[str, list[RawTable]]:
    """Raw tables grouped by canonical table, ``ssd_person`` first (orphan checks need it)."""
    grouped: dict[str, list[RawTable]] = {}
    for raw in (t for r in results for t in r.tables):
        grouped.setdefault(raw.table, []).append(raw)
    order = [t.name for t in sorted(TABLES, key=lambda t: t.name != _PERSON)]
    return {name: grouped[name] for name in order if name in grouped}


def _validate_all(
    con: duckdb.DuckDBPyConnection,
    grouped: dict[str, list[RawTable]],
    given: frozenset[str],
    notify: ProgressCallback,
) -> list[Validated]:
    """Validate each table; ``given`` (the ``--la-code`` council) is replaced in each one read."""
    out: list[Validated] = []
    children: pl.DataFrame | None = None
    by_name = {t.name: t for t in TABLES}
    for done, (name, raws) in enumerate(grouped.items()):
        notify(Progress(Phase.VALIDATE, done, len(grouped), name))
        table = by_name[name]
        if table.person_column and children is None:
            children = _children(con, out)
        checked = validate(table, raws, children if table.person_column else None)
        out.append(dataclasses.replace(checked, councils=checked.councils | given))
    notify(Progress(Phase.VALIDATE, len(grouped), len(grouped), ""))
    return out


def _children(con: duckdb.DuckDBPyConnection, validated: Sequence[Validated]) -> pl.DataFrame:
    """Known children: this run's valid ``ssd_person`` rows, plus the store's for other councils."""
    person = next((v for v in validated if v.table.name == _PERSON), None)
    if person is None:
        return stored_children(con, ())
    run = person.frame.select(pl.col(LA_CODE), pl.col(_PERSON_ID).alias(CHILD_COLUMNS[1]))
    return pl.concat([stored_children(con, person.councils), run])


def _counts(results: Sequence[ReadResult], validated: Sequence[Validated]) -> list[TableCount]:
    """Validator counts, plus source records a reader rejected (each read and rejected)."""
    rows = {(x.source, x.table, x.row) for r in results for x in r.rejections if x.row}
    by_reader = Counter((source, table) for source, table, _ in rows)
    counts = []
    for c in (c for v in validated for c in v.counts):
        extra = by_reader.pop((c.source, c.table), 0)
        counts.append(TableCount(c.source, c.table, c.read + extra, c.loaded, c.rejected + extra))
    counts += [TableCount(s, t, n, 0, n) for (s, t), n in by_reader.items()]
    return counts


def _load(
    con: duckdb.DuckDBPyConnection,
    report: IngestReport,
    validated: Sequence[Validated],
    started: datetime,
    notify: ProgressCallback,
) -> None:
    """Replace each (table, council) the run carries, and log the run, in one transaction."""
    try:
        with transaction(con):
            for done, v in enumerate(validated):
                notify(Progress(Phase.LOAD, done, len(validated), v.table.name))
                replace_council_rows(con, v.table.name, v.frame, v.councils)
            replaced = [(v.table.name, c) for v in validated for c in v.councils]
            replace_rejects(con, _rejects_frame(report), replaced)
            record_run(con, _run_frame(report, started))
    except duckdb.Error as exc:
        why = f"loading the store failed ({type(exc).__name__}); it is unchanged"
        raise StoreError(why) from None
    notify(Progress(Phase.LOAD, len(validated), len(validated), ""))


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
            | {"read": c.read, "loaded": c.loaded, "rejected": c.rejected}
            for c in report.counts
        ],
        "rows_read": report.rows_read,
        "rows_loaded": report.rows_loaded,
        "rows_rejected": report.rows_rejected,
    }
    return pl.DataFrame([run], schema=RUNS_SCHEMA)
