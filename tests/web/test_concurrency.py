"""The store shared by many threads at once: the gate alone, then the app under mixed requests.

DuckDB creates one in-process instance per file; two threads opening the file read-write at the
same moment collide ("Unique file handle conflict"). Every request reads or writes the store,
some through the library, which opens the file itself.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest
from fastapi import FastAPI

from csc_scorecard.web.gate import Mode, StoreGate
from web.conftest import csrf_of, log_in, new_client

THREADS, ROUNDS = 8, 100
INDICATOR = "assessments_45wd_pct"
WRITTEN = "s47_enquiries_count"


@pytest.fixture
def gate(tmp_path: Path) -> StoreGate:
    db = tmp_path / "store.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE t AS SELECT range AS i FROM range(10)")
    con.close()
    return StoreGate(db)


def _library_counts(gate: StoreGate, mode: Mode) -> int:
    """What a library call does inside ``gate.hold``: open the file itself, query, close."""
    total = 0
    for _ in range(ROUNDS):
        with gate.hold(mode):
            con = duckdb.connect(str(gate.db), read_only=mode is Mode.READ)
            try:
                total += con.execute("SELECT count(*) FROM t").fetchone()[0]  # type: ignore[index]
            finally:
                con.close()
    return total


@pytest.mark.parametrize("mode", list(Mode))
def test_library_opens_inside_the_gate_never_collide(gate: StoreGate, mode: Mode) -> None:
    # Eight threads each open the file 100 times and count its 10 rows every time.
    with ThreadPoolExecutor(THREADS) as pool:
        totals = list(pool.map(_library_counts, [gate] * THREADS, [mode] * THREADS))
    assert totals == [ROUNDS * 10] * THREADS


def test_concurrent_requests_read_and_write_the_store_without_errors(app: FastAPI) -> None:
    months = [f"{m:%Y-%m}" for m in app.state.csc.dashboard.current().months[:4]]
    with new_client(app) as client:
        log_in(client, "admin")
        csrf = csrf_of(client.get(f"/indicators/{WRITTEN}").text)

        def call(request: tuple[str, str]) -> tuple[str, int, bool]:
            what, month = request
            if what == "page":  # breakdowns by child characteristics: a fresh computation
                page = client.get(f"/indicators/{INDICATOR}?month={month}")
                return what, page.status_code, "<caption>By age band</caption>" in page.text
            if what == "children":  # the library reads, then the app writes its audit
                query = f"kind=month&month={month}"
                found = client.get(f"/api/indicators/{INDICATOR}/children?{query}")
                return what, found.status_code, bool(found.json()["rows"])
            if what == "commentary":
                form = {"month": month, "text": f"Checked {month}.", "csrf": csrf}
                saved = client.post(f"/indicators/{WRITTEN}/commentary", data=form)
                return what, saved.status_code, True
            return what, client.get(f"/{what}").status_code, True

        # Writes are where opens collide, so most requests write.
        kinds = ("page", "children", "users", "quality", *["commentary"] * 8)
        requests = [(what, month) for month in months for what in kinds]
        with ThreadPoolExecutor(THREADS) as pool:
            answers = list(pool.map(call, requests))
    expected = {"page": 200, "children": 200, "commentary": 303, "users": 200, "quality": 200}
    assert answers == [(what, expected[what], True) for what, _ in requests]
    # Writers that overlap leave the store newer than the snapshot: it is computed again, and
    # the test waits for it (a computation cut off when the process exits aborts it).
    assert app.state.csc.dashboard.wait() is not None, app.state.csc.dashboard.error
