"""The dashboard's memory: one computed :class:`Snapshot` per version of the store file.

The version is the file's modification time. A changed file (a new ingest) starts a
recomputation in a background thread; pages keep showing the previous snapshot meanwhile, or a
"computing" page when there is none yet. The app's own writes (commentary, audit) change the
file too, so after each one the new time is adopted as long as nobody else wrote first.
Month scorecards and characteristic breakdowns are built on first use and kept with the snapshot.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TypeVar

import duckdb
import polars as pl

from csc_scorecard.config import CouncilConfig
from csc_scorecard.engine.compile import CHARACTERISTICS
from csc_scorecard.engine.run import compute_store
from csc_scorecard.render.layout import Layout
from csc_scorecard.render.model import Report
from csc_scorecard.web.gate import Mode, StoreGate
from csc_scorecard.web.snapshot import Snapshot, build_month, load_snapshot

K = TypeVar("K")
V = TypeVar("V")


class Dashboard:
    """Computes and holds the current snapshot and what is built from it."""

    def __init__(self, gate: StoreGate, config: CouncilConfig | None, layout: Layout) -> None:
        self.gate = gate
        self._config = config
        self._layout = layout
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._known_ns: int | None = None
        self._worker: threading.Thread | None = None
        self._ready = threading.Event()
        self.error: str | None = None
        self._months: dict[tuple[date, bool], Report] = {}
        self._characteristics: dict[tuple[str, date], pl.DataFrame] = {}

    def _mtime_ns(self) -> int:
        return self.gate.db.stat().st_mtime_ns

    def current(self) -> Snapshot | None:
        """The latest snapshot computed (None while the first is computing); starts a
        recomputation when the store changed underneath."""
        now = self._mtime_ns()
        with self._lock:
            stale = self._known_ns != now
            if stale and (self._worker is None or not self._worker.is_alive()):
                self._known_ns = now
                self._ready.clear()
                # Not a daemon: the interpreter waits for a recompute at exit instead of
                # freezing it inside DuckDB, which aborted the process (exit code 134).
                self._worker = threading.Thread(target=self._compute, daemon=False)
                self._worker.start()
            return self._snapshot

    def wait(self, timeout: float | None = None) -> Snapshot | None:
        """The snapshot once the computation under way has finished (tests, downloads)."""
        self.current()
        self._ready.wait(timeout)
        return self._snapshot

    def _compute(self) -> None:
        try:
            snapshot = load_snapshot(self.gate, self._config, self._layout)
            with self._lock:
                self._snapshot, self.error = snapshot, None
                self._months.clear()
                self._characteristics.clear()
            self.month(snapshot, snapshot.months[0], public=False)
            self.month(snapshot, snapshot.months[0], public=True)
        except (ValueError, FileNotFoundError, duckdb.Error) as error:
            self.error = str(error.args[0]) if error.args else type(error).__name__
        finally:
            self._ready.set()

    def month(self, snapshot: Snapshot, month: date, *, public: bool) -> Report:
        """The scorecard for ``month`` (built once, until commentary changes)."""
        return self._kept(
            self._months, (month, public), lambda: build_month(self.gate, snapshot, month, public)
        )

    def characteristics(self, snapshot: Snapshot, indicator_id: str, month: date) -> pl.DataFrame:
        """The indicator's figures at ``month`` broken down by each child characteristic."""

        def compute() -> pl.DataFrame:
            with self.gate.hold(Mode.READ):
                found = compute_store(
                    self.gate.db,
                    month=month,
                    indicator_ids=[indicator_id],
                    breakdowns=CHARACTERISTICS,
                )
            return found.filter(pl.col("la_code") == snapshot.la_code)

        return self._kept(self._characteristics, (indicator_id, month), compute)

    def _kept(self, table: dict[K, V], key: K, build: Callable[[], V]) -> V:
        with self._lock:
            if key in table:
                return table[key]
        value = build()
        with self._lock:
            return table.setdefault(key, value)

    @contextmanager
    def writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A writable connection for the app's own tables; the store's new modification time
        is adopted afterwards unless someone else changed the file first."""
        with self.gate.connect(Mode.WRITE) as con:
            before = self._mtime_ns()
            yield con
        with self._lock:
            if before == self._known_ns:
                self._known_ns = self._mtime_ns()

    def commentary_changed(self, month: date) -> None:
        """Forget the scorecards that show ``month``'s commentary (and later months', which
        carry it forward)."""
        with self._lock:
            for key in [k for k in self._months if k[0] >= month]:
                del self._months[key]
