"""Small hand-made canonical files for ingest tests; ids are synthetic (C001, R1)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

Write = Callable[..., Path]
Query = Callable[[str], list[tuple[object, ...]]]


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """Write ``lines`` (header first) as file ``name`` in ``folder`` under tmp_path."""

    def _write(name: str, *lines: str, folder: str = "in") -> Path:
        path = tmp_path / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.duckdb"


@pytest.fixture
def query(db: Path) -> Query:
    """Run SQL against the store read-only, as another process would see it."""

    def _query(sql: str) -> list[tuple[object, ...]]:
        con = duckdb.connect(str(db), read_only=True)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    return _query
