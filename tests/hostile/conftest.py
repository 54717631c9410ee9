"""An empty store made once per session: each case copies it rather than creating every table."""

from __future__ import annotations

from pathlib import Path

import pytest

from csc_scorecard.store.database import open_store


@pytest.fixture(scope="session")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.duckdb"
    open_store(path).close()
    return path
