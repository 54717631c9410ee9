"""Ingest is all or nothing: a run killed part-way through loading leaves the previous store.

The larger run is the real command in its own process, killed with SIGKILL (no handler, no
rollback in Python: only DuckDB's transaction stands between the half-done load and the store)
once its progress display shows it loading tables into the store.
"""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
from polars.testing import assert_frame_equal

from csc_scorecard.engine.run import compute_store
from csc_scorecard.ingest import ingest
from csc_scorecard.store.database import open_store
from csc_scorecard.store.ingest_log import RUNS_TABLE
from csc_scorecard.synth import synthesise

END = date(2026, 3, 31)
INDICATOR = "cin_rate_per_10k"


def _killed_while_loading(command: list[str]) -> int:
    """Run ``command`` with a terminal as stderr (so Rich draws its progress), SIGKILL it as soon
    as the load phase shows, and return its exit status (negative: the signal that ended it)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=follower
    )
    os.close(follower)
    seen = b""
    try:
        while b"load" not in seen:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: the process ended before loading showed
                break
            if not chunk:
                break
            seen = seen[-16:] + chunk
        if b"load" in seen:
            process.send_signal(signal.SIGKILL)
        return process.wait()
    finally:
        os.close(leader)


def _runs(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute(f"SELECT run_id FROM {RUNS_TABLE}").fetchall()]
    finally:
        con.close()


def test_a_killed_ingest_leaves_the_previous_store_and_figures(tmp_path: Path) -> None:
    synthesise(tmp_path / "small", children=3_000, years=2, end_month=END)
    store = tmp_path / "store.duckdb"
    ingest([tmp_path / "small"], store)
    before = compute_store(store, all_months=True, indicator_ids=[INDICATOR])
    runs_before = _runs(store)
    synthesise(tmp_path / "large", children=60_000, years=2, end_month=END, seed=7)

    status = _killed_while_loading(
        [
            sys.executable,
            "-m",
            "csc_scorecard",
            "ingest",
            str(tmp_path / "large"),
            "--db",
            str(store),
        ]
    )

    assert status == -signal.SIGKILL, "ingest finished before it could be killed while loading"
    open_store(store).close()  # opens for writing, replaying whatever the killed run left
    assert _runs(store) == runs_before
    after = compute_store(store, all_months=True, indicator_ids=[INDICATOR])
    assert before.height > 0
    assert_frame_equal(after, before)
