"""Where indicator queries run. The engine speaks to every database through this one contract.

Indicator logic never knows which engine it runs on: compiled SQL is rendered in the backend's
``dialect``, helper frames are handed over with ``load_frame`` and source views created with
``create_view``. DuckDB (the embedded default) is here; PostgreSQL is
:class:`csc_scorecard.engine.postgres.PostgresBackend` and Spark
:class:`csc_scorecard.engine.spark.SparkBackend`, each in its own module because it needs an
extra (``postgres``: psycopg; ``spark``: PySpark and Java) and the embedded default must not.
``csc_scorecard.engine.engines`` picks one from the CLI's ``--engine``.
"""

from __future__ import annotations

from functools import cache
from typing import Protocol

import duckdb
import polars as pl
import sqlglot

from csc_scorecard.engine.compile import SOURCE_DIALECT


class Backend(Protocol):
    """A database holding the canonical tables.

    Implementers provide ``dialect`` (a sqlglot dialect name), ``load_frame`` (make a small
    polars frame queryable under a name for this session), ``create_view`` (a session view
    from SQL already rendered in ``dialect``), ``create_table`` (a session table holding the
    result of such SQL, replacing one of that name: source views are materialised once per
    run, as many indicators read each), ``drop_table`` (drop such a table, if there is one: a
    run frees each view once no indicator left needs it) and ``query`` (run SQL, return a
    polars frame).
    ``materialises_stages`` says whether a query's stages are better made tables one by one
    than run as CTEs (an engine that recomputes a CTE wherever it is read).
    """

    dialect: str
    materialises_stages: bool

    def load_frame(self, name: str, frame: pl.DataFrame) -> None: ...

    def create_view(self, name: str, sql: str) -> None: ...

    def create_table(self, name: str, sql: str) -> None: ...

    def drop_table(self, name: str) -> None: ...

    def query(self, sql: str) -> pl.DataFrame: ...


class DuckDBBackend:
    """The embedded default: a DuckDB connection to the store."""

    dialect = "duckdb"
    materialises_stages = False

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self._con = connection

    def load_frame(self, name: str, frame: pl.DataFrame) -> None:
        self._con.register(name, frame.to_arrow())

    def create_view(self, name: str, sql: str) -> None:
        self._con.execute(f'CREATE OR REPLACE TEMP VIEW "{name}" AS {sql}')

    def create_table(self, name: str, sql: str) -> None:
        self._con.execute(f'CREATE OR REPLACE TEMP TABLE "{name}" AS {sql}')

    def drop_table(self, name: str) -> None:
        self._con.execute(f'DROP TABLE IF EXISTS temp."{name}"')

    def query(self, sql: str) -> pl.DataFrame:
        frame: pl.DataFrame = self._con.sql(sql).pl()
        return frame


@cache
def render(sql: str, dialect: str) -> str:
    """Source SQL (DuckDB dialect) rendered for ``dialect``; cached, as every run renders the
    same source views again."""
    if dialect == SOURCE_DIALECT:
        return sql
    return sqlglot.transpile(sql, read=SOURCE_DIALECT, write=dialect)[0]
