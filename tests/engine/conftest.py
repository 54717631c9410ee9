"""A tiny in-memory store for hand-worked indicator cases.

Tests add a few rows per canonical table (unset columns are null, ``la_code`` defaults to
``LA``), then compute chosen indicators over a month range and read single figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import duckdb
import polars as pl
import pytest

from csc_scorecard.engine.backends import DuckDBBackend
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.compute import compute, figure
from csc_scorecard.engine.context import ComputeRange
from csc_scorecard.engine.periods import PeriodKind, parse_month
from csc_scorecard.model import table_by_name
from csc_scorecard.store.ddl import create_all_sql

LA = "Z01"


class TinyStore:
    """Canonical tables in an in-memory DuckDB, filled row by row in tests."""

    def __init__(self) -> None:
        self.con = duckdb.connect()
        for statement in create_all_sql():
            self.con.execute(statement)
        self.results: pl.DataFrame | None = None

    def add(self, table: str, *rows: dict[str, Any]) -> TinyStore:
        columns = table_by_name(table).column_names
        records = [{c: row.get(c, LA if c == "la_code" else None) for c in columns} for row in rows]
        unknown = {k for row in rows for k in row} - set(columns)
        assert not unknown, f"{table} has no columns {unknown}"
        placeholders = ", ".join("?" for _ in columns)
        self.con.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",
            [[r[c] for c in columns] for r in records],
        )
        return self

    def population(self, year: int, children: int, la_code: str = LA) -> TinyStore:
        return self.add(
            "csc_population", {"la_code": la_code, "pop_year": year, "pop_children_0_17": children}
        )

    def compute(
        self, ids: list[str], first: str, last: str, by: list[str] | None = None
    ) -> pl.DataFrame:
        indicators = [load_catalogue()[i] for i in ids]
        self.results = compute(
            DuckDBBackend(self.con),
            indicators,
            ComputeRange(parse_month(first), parse_month(last)),
            by,
        )
        return self.results

    def value(self, indicator_id: str, kind: str, month: str) -> float | None:
        assert self.results is not None, "call compute first"
        return figure(self.results, indicator_id, PeriodKind(kind), parse_month(month))

    def row(
        self,
        indicator_id: str,
        kind: str,
        month: str,
        breakdown: str | None = None,
        breakdown_value: str | None = None,
    ) -> dict[str, Any]:
        assert self.results is not None, "call compute first"
        rows = self.results.filter(
            (pl.col("indicator_id") == indicator_id)
            & (pl.col("period_kind") == kind)
            & (pl.col("period_end") == parse_month(month))
            & pl.col("breakdown").eq_missing(breakdown)
            & pl.col("breakdown_value").eq_missing(breakdown_value)
        )
        assert rows.height == 1, rows
        return rows.row(0, named=True)


@pytest.fixture
def store() -> Iterator[TinyStore]:
    tiny = TinyStore()
    yield tiny
    tiny.con.close()


def d(text: str) -> date:
    """An ISO date, short to write in row literals."""
    return date.fromisoformat(text)
