"""Files holding or describing child-level data are readable by their owner only, whatever the
user's umask: the store, its spill folder, the rejects CSV and analysts' outputs."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from csc_scorecard.cli import build_app


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A permissive umask (new files world-readable unless the code says otherwise)."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _cli(*arguments: str) -> None:
    result = CliRunner().invoke(build_app(), list(arguments))
    assert result.exit_code == 0, result.output


@pytest.mark.usefixtures("open_umask")
def test_store_rejects_and_outputs_are_owner_only(council: Path, tmp_path: Path) -> None:
    store = tmp_path / "store.duckdb"
    _cli("ingest", str(council), "--db", str(store))
    _cli("compute", "--db", str(store), "--indicator", "cin_rate_per_10k", "--out",
         str(tmp_path / "results.csv"), "--no-record")  # fmt: skip
    _cli("explain", "--db", str(store), "--indicator", "cin_rate_per_10k", "--period-kind",
         "snapshot", "--month", "2026-03", "--out", str(tmp_path / "rows.csv"))  # fmt: skip
    assert _mode(store) == 0o600
    assert _mode(tmp_path / "store.duckdb.tmp") == 0o700
    for name in ("store.rejects.csv", "results.csv", "rows.csv"):
        assert _mode(tmp_path / name) == 0o600, name
