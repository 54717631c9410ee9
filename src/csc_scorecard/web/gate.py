"""One gate for every use of the store file by the web app.

DuckDB refuses, within one process, a read-only connection to a file that a read-write
connection has open (and the reverse). The library's compute and drill-through open the store
read-only; the app's own tables (users, audit, commentary) need read-write. The gate lets any
number of holders of one mode in together and keeps the two modes apart; a waiting writer
stops new readers so a long computation cannot starve it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path

import duckdb


class Mode(StrEnum):
    """How the holder opens the store."""

    READ = "read"
    WRITE = "write"


class StoreGate:
    """Shares the store between holders of one mode at a time."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self._cond = threading.Condition()
        self._mode: Mode | None = None
        self._holders = 0
        self._writers_waiting = 0
        self._opening = threading.Lock()

    @contextmanager
    def hold(self, mode: Mode) -> Iterator[None]:
        """Hold the gate in ``mode`` for the block (library calls open the store themselves)."""
        with self._cond:
            if mode is Mode.WRITE:
                self._writers_waiting += 1
            try:
                self._cond.wait_for(lambda: self._may_enter(mode))
            finally:
                if mode is Mode.WRITE:
                    self._writers_waiting -= 1
            self._mode = mode
            self._holders += 1
        try:
            yield
        finally:
            with self._cond:
                self._holders -= 1
                if self._holders == 0:
                    self._mode = None
                self._cond.notify_all()

    def _may_enter(self, mode: Mode) -> bool:
        if self._holders == 0:
            return True
        if mode is Mode.READ and self._writers_waiting:
            return False
        return self._mode is mode

    @contextmanager
    def connect(self, mode: Mode) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection of ``mode`` to the store, closed after the block."""
        with self.hold(mode):
            with self._opening:  # DuckDB's instance cache races on concurrent opens of a file
                con = duckdb.connect(str(self.db), read_only=mode is Mode.READ)
            try:
                yield con
            finally:
                with self._opening:
                    con.close()
