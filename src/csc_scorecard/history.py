"""Every published run recorded in the store, so any month's figures can be reproduced and
two runs' differences explained.

``compute`` and ``report`` compute from a store opened read-only; recording is a separate, short
write transaction afterwards that adds the run and its figures together or not at all. A store
another process holds open for writing cannot be recorded into: the caller is told, and the
figures it already wrote stand.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path

import duckdb
import polars as pl

from csc_scorecard.history_provenance import (
    ConfigFile,
    InputChecksum,
    config_file,
    git_commit,
    package_version,
    store_inputs,
)
from csc_scorecard.store.database import transaction
from csc_scorecard.store.run_history import append_run, create_history, read_results, read_runs

MIN_PREFIX = 4
"""Characters of a run id a user must type, as with git's short commit ids."""


class RunKind(StrEnum):
    """The command that published a run."""

    COMPUTE = "compute"
    REPORT = "report"


class HistoryError(Exception):
    """The run could not be recorded, or a run asked for is not in the store.

    Messages name runs and files, never the database's own error text.
    """


@dataclass(frozen=True)
class RunRecord:
    """One recorded run: what it was made from, and how many figures it gave."""

    run_id: str
    kind: RunKind
    started_utc: datetime
    finished_utc: datetime
    month: date | None
    ingest_runs: tuple[str, ...]
    inputs: tuple[InputChecksum, ...]
    config: ConfigFile | None
    package_version: str
    git_commit: str | None
    options: Mapping[str, object]
    figures: int

    @property
    def code_version(self) -> str:
        """Package version, and the git commit when known."""
        return self.package_version + (f" ({self.git_commit})" if self.git_commit else "")


def utc_now() -> datetime:
    """Now, in naive UTC as the store's timestamps are."""
    return datetime.now(UTC).replace(tzinfo=None)


def record_run(
    db: Path,
    *,
    kind: RunKind,
    results: pl.DataFrame,
    started_utc: datetime,
    month: date | None,
    options: Mapping[str, object],
    config: Path | None = None,
) -> str:
    """Record a published run and its ``results`` in the store at ``db``; return its id.

    Args:
        kind: the command that published the figures.
        results: the figures, in the engine's tidy result shape.
        started_utc: when the command started computing.
        month: the reporting month.
        options: the command's choices that shape the figures (indicators, breakdowns...).
        config: the configuration file given (``report`` without one uses the shipped example).

    Raises:
        HistoryError: the store could not be written (it is left unchanged).
    """
    chosen = config_file(config) if kind is RunKind.REPORT else None
    run_id = uuid.uuid4().hex
    try:
        with _open(db, read_only=False) as con, transaction(con):
            create_history(con)
            held = store_inputs(con)
            run = {
                "run_id": run_id,
                "kind": kind.value,
                "started_utc": started_utc,
                "finished_utc": utc_now(),
                "month": month,
                "ingest_runs": list(held.ingest_runs),
                "inputs": [vars(i) for i in held.inputs],
                "config_path": chosen.path if chosen else None,
                "config_sha256": chosen.sha256 if chosen else None,
                "config_text": chosen.text if chosen else None,
                "package_version": package_version(),
                "git_commit": git_commit(),
                "options": json.dumps(options, sort_keys=True, default=str),
                "figures": results.height,
            }
            append_run(con, pl.DataFrame([run]), results)
    except duckdb.Error as exc:
        why = f"could not record the run in the store {db} ({type(exc).__name__})"
        raise HistoryError(why) from None
    return run_id


def list_runs(db: Path) -> list[RunRecord]:
    """Every run recorded in the store at ``db``, oldest first."""
    with _open(db, read_only=True) as con:
        frame = read_runs(con)
    return [_record(row) for row in frame.iter_rows(named=True)]


def find_run(db: Path, run_id: str) -> RunRecord:
    """The run whose id is ``run_id`` or starts with it (at least ``MIN_PREFIX`` characters).

    Raises:
        HistoryError: no run, or several, match.
    """
    if len(run_id) < MIN_PREFIX:
        raise HistoryError(f"give at least {MIN_PREFIX} characters of a run id")
    found = [r for r in list_runs(db) if r.run_id.startswith(run_id.lower())]
    if len(found) != 1:
        why = "no recorded run" if not found else f"{len(found)} recorded runs"
        raise HistoryError(f"{why} with an id starting {run_id!r}: see csc-scorecard history")
    return found[0]


def run_results(db: Path, run_id: str) -> pl.DataFrame:
    """The figures run ``run_id`` published, as it published them."""
    with _open(db, read_only=True) as con:
        return read_results(con, run_id)


@contextmanager
def _open(db: Path, *, read_only: bool) -> Iterator[duckdb.DuckDBPyConnection]:
    if not db.exists():
        raise FileNotFoundError(f"no store at {db}: run csc-scorecard ingest first")
    con = duckdb.connect(str(db), read_only=read_only)
    try:
        yield con
    finally:
        con.close()


def _record(row: dict[str, object]) -> RunRecord:
    text, sha, path = row["config_text"], row["config_sha256"], row["config_path"]
    inputs = row["inputs"]
    assert isinstance(inputs, list)
    return RunRecord(
        run_id=str(row["run_id"]),
        kind=RunKind(str(row["kind"])),
        started_utc=row["started_utc"],  # type: ignore[arg-type]
        finished_utc=row["finished_utc"],  # type: ignore[arg-type]
        month=row["month"],  # type: ignore[arg-type]
        ingest_runs=tuple(row["ingest_runs"]),  # type: ignore[arg-type]
        inputs=tuple(InputChecksum(**i) for i in inputs),
        config=ConfigFile(str(path), str(sha), str(text)) if text is not None else None,
        package_version=str(row["package_version"]),
        git_commit=None if row["git_commit"] is None else str(row["git_commit"]),
        options=json.loads(str(row["options"])),
        figures=int(row["figures"]),  # type: ignore[call-overload]
    )
