"""One gate for every use of the store file by the web app.

DuckDB refuses, within one process, a read-only connection to a file that a read-write
connection has open (and the reverse). The library's compute and drill-through open the store
read-only; the app's own tables (users, audit, commentary) need read-write. The gate lets any
number of holders of one mode in together and keeps the two modes apart; a waiting writer
stops new readers so a long computation cannot starve it.

Opens that race are DuckDB creating or closing its one in-process instance of the file (two
threads opening it read-write at once: "Unique file handle conflict"). So while anyone holds the
gate it keeps a connection of the mode open: every connection opened inside, the gate's own or
one a library call makes itself, joins that instance, and the instance is only created and
closed by the gate's first and last holders, one at a time.
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
        self._instance: duckdb.DuckDBPyConnection | None = None

    @contextmanager
    def hold(self, mode: Mode) -> Iterator[None]:
        """Hold the gate in ``mode`` for the block; library calls inside open the store themselves
        and join the instance the gate keeps open."""
        with self._cond:
            if mode is Mode.WRITE:
                self._writers_waiting += 1
            try:
                self._cond.wait_for(lambda: self._may_enter(mode))
                if self._holders == 0:
                    self._instance = self._open(mode)
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
                    instance, self._mode, self._instance = self._instance, None, None
                    if instance is not None:
                        instance.close()
                self._cond.notify_all()

    def _may_enter(self, mode: Mode) -> bool:
        if self._holders == 0:
            return True
        if mode is Mode.READ and self._writers_waiting:
            return False
        return self._mode is mode

    def _open(self, mode: Mode) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.db), read_only=mode is Mode.READ)

    @contextmanager
    def connect(self, mode: Mode) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection of ``mode`` to the store, closed after the block."""
        with self.hold(mode):
            con = self._open(mode)
            try:
                yield con
            finally:
                con.close()
