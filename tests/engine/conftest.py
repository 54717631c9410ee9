"""A tiny store for hand-worked indicator cases, run on every backend.

Tests add a few rows per canonical table (unset columns are null, ``la_code`` defaults to
``LA``), then compute chosen indicators over a month range and read single figures. The
``store`` fixture is parametrised over the engines (``BACKENDS``), so each test runs on DuckDB
and on a real PostgreSQL: rows always go into an in-memory DuckDB, and the postgres variant
copies them to a PostgreSQL server started for the session before computing there.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from datetime import date
from typing import Any, Literal

import duckdb
import polars as pl
import psycopg
import pytest
from postgres_server import CanonicalTables, PostgresUnavailableError, postgres_url

from csc_scorecard.demo import catalogue_manual_specs
from csc_scorecard.engine.backends import Backend, DuckDBBackend
from csc_scorecard.engine.catalogue import Indicator, load_catalogue
from csc_scorecard.engine.compute import compute, figure, prepare
from csc_scorecard.engine.context import ComputeRange
from csc_scorecard.engine.periods import PeriodKind, parse_month
from csc_scorecard.engine.postgres import PostgresBackend
from csc_scorecard.model import table_by_name
from csc_scorecard.store.ddl import create_all_sql
from csc_scorecard.synth import council_tables

LA = "Z01"

Engine = Literal["duckdb", "postgres"]
BACKENDS = [pytest.param("duckdb"), pytest.param("postgres", marks=pytest.mark.postgres)]
"""Every engine a test runs on; ``-m "not postgres"`` leaves out the PostgreSQL variants."""


class TinyStore:
    """Canonical tables in an in-memory DuckDB, filled row by row in tests, computed on
    ``engine`` (for PostgreSQL, on a copy of the rows in ``postgres``'s tables)."""

    def __init__(self, engine: Engine = "duckdb", postgres: CanonicalTables | None = None) -> None:
        self.engine = engine
        self.con = duckdb.connect()
        for statement in create_all_sql():
            self.con.execute(statement)
        self.results: pl.DataFrame | None = None
        self.range: ComputeRange | None = None
        self._postgres = postgres
        self._pg: psycopg.Connection[Any] | None = None

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

    def backend(self) -> Backend:
        """The backend this store computes on."""
        if self.engine == "duckdb":
            return DuckDBBackend(self.con)
        assert self._pg is not None, "call compute first: the rows reach PostgreSQL then"
        return PostgresBackend(self._pg)

    def compute(
        self, ids: list[str], first: str, last: str, by: list[str] | None = None
    ) -> pl.DataFrame:
        indicators = [load_catalogue()[i] for i in ids]
        if self._postgres is not None:
            self._pg = self._pg or self._postgres.connect()
            self._postgres.fill(self._pg, self.con)
        self.range = ComputeRange(parse_month(first), parse_month(last))
        self.results = compute(self.backend(), indicators, self.range, by)
        return self.results

    def drill_backend(self, indicator: Indicator) -> Backend:
        """The backend prepared, for the range last computed, to list the rows behind
        ``indicator``'s figures (``drill.rows_behind``)."""
        assert self.range is not None, "call compute first"
        backend = self.backend()
        prepare(backend, self.range, {indicator.from_} if indicator.from_ else set())
        return backend

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

    def close(self) -> None:
        self.con.close()
        if self._pg is not None:
            self._pg.close()


@pytest.fixture(scope="session")
def postgres_tables() -> Iterator[CanonicalTables]:
    """The canonical tables on this session's PostgreSQL (``CSC_TEST_POSTGRES_URL``, or a
    throwaway server); the postgres variants skip, saying why, when there is none."""
    with ExitStack() as stack:
        try:
            url = stack.enter_context(postgres_url())
        except PostgresUnavailableError as error:
            pytest.skip(f"no PostgreSQL for the postgres variant: {error}")
        tables = CanonicalTables(url)
        stack.callback(tables.drop)
        yield tables


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Iterator[TinyStore]:
    engine: Engine = request.param
    postgres = request.getfixturevalue("postgres_tables") if engine == "postgres" else None
    tiny = TinyStore(engine, postgres)
    yield tiny
    tiny.close()


def d(text: str) -> date:
    """An ISO date, short to write in row literals."""
    return date.fromisoformat(text)


@pytest.fixture(scope="session")
def council() -> Iterator[duckdb.DuckDBPyConnection]:
    """Two years of a council of 3,000 children to March 2026, hand-entered measures included,
    in the canonical tables of an in-memory DuckDB (read, never changed, by the suites that
    compute the whole catalogue)."""
    tables = council_tables(
        children=3_000, years=2, end_month=date(2026, 3, 31), seed=3,
        manual=catalogue_manual_specs(),
    )  # fmt: skip
    with duckdb.connect() as con:
        for statement in create_all_sql():
            con.execute(statement)
        for name, frame in tables.items():
            con.register("rows", frame.to_arrow())
            columns = ", ".join(frame.columns)
            con.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM rows")
            con.unregister("rows")
        yield con
