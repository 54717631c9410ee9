"""PostgreSQL as an engine backend (needs the ``postgres`` extra: psycopg 3).

Helper frames are bulk-loaded with COPY into TEMP tables and source views are TEMP views, so a
run leaves nothing behind in the database and two runs on two connections never see each
other's helpers. The canonical tables are found through the connection's ``search_path``.
"""

from __future__ import annotations

import io
from typing import Any

import polars as pl
import psycopg
from psycopg import sql
from psycopg.postgres import types as pg_types
from psycopg.types.numeric import FloatLoader

_COLUMN_TYPES: dict[type[pl.DataType], str] = {
    pl.String: "TEXT",
    pl.Date: "DATE",
    pl.Datetime: "TIMESTAMP",
    pl.Boolean: "BOOLEAN",
    pl.Int8: "BIGINT",
    pl.Int16: "BIGINT",
    pl.Int32: "BIGINT",
    pl.Int64: "BIGINT",
    pl.UInt8: "BIGINT",
    pl.UInt16: "BIGINT",
    pl.UInt32: "BIGINT",
    pl.Float32: "DOUBLE PRECISION",
    pl.Float64: "DOUBLE PRECISION",
    pl.Null: "TEXT",
}
"""Polars dtypes a frame may have, and the PostgreSQL type each column is loaded as."""

_RESULT_TYPES: dict[str, pl.DataType] = {
    "int2": pl.Int64(),
    "int4": pl.Int64(),
    "int8": pl.Int64(),
    "float4": pl.Float64(),
    "float8": pl.Float64(),
    "numeric": pl.Float64(),
    "bool": pl.Boolean(),
    "date": pl.Date(),
    "timestamp": pl.Datetime("us"),
    "timestamptz": pl.Datetime("us", "UTC"),
    "text": pl.String(),
    "varchar": pl.String(),
    "bpchar": pl.String(),
    "name": pl.String(),
}
"""Result column types by PostgreSQL type name; any other type is returned as its text."""


class PostgresBackend:
    """A psycopg connection to a PostgreSQL database holding the canonical tables.

    Each call runs in its own transaction (a savepoint when the caller has one open), so a
    failing query raises its ``psycopg.Error`` and leaves the connection usable.
    """

    dialect = "postgres"
    materialises_stages = False

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self._con = connection

    @classmethod
    def from_url(cls, url: str) -> PostgresBackend:
        """Connect to ``postgresql://user@host/database`` (any libpq connection string)."""
        return cls(psycopg.connect(url, autocommit=True))

    def close(self) -> None:
        """Close the connection, ending the session and so dropping its TEMP tables and views."""
        self._con.close()

    def load_frame(self, name: str, frame: pl.DataFrame) -> None:
        """Replace the TEMP table ``name`` by ``frame``, loaded with one COPY.

        PostgreSQL binds views to tables, so views over an earlier table of that name are
        dropped with it: load every frame before creating the views that read them.

        Raises:
            TypeError: for a column type with no PostgreSQL counterpart here.
        """
        table = sql.Identifier(name)
        columns = sql.SQL(", ").join(
            sql.SQL("{} {}").format(sql.Identifier(column), sql.SQL(_column_type(dtype)))
            for column, dtype in frame.schema.items()
        )
        with self._con.transaction():
            self._con.execute(sql.SQL("DROP TABLE IF EXISTS pg_temp.{} CASCADE").format(table))
            self._con.execute(sql.SQL("CREATE TEMP TABLE {} ({})").format(table, columns))
            copy_frame(self._con, name, frame)
            self._con.execute(sql.SQL("ANALYZE {}").format(table))

    def create_view(self, name: str, sql_text: str) -> None:
        """Create or replace the TEMP view ``name`` from PostgreSQL SQL."""
        view = sql.Identifier(name).as_bytes(self._con)
        with self._con.transaction():
            self._con.execute(b"CREATE OR REPLACE TEMP VIEW " + view + b" AS " + sql_text.encode())

    def create_table(self, name: str, sql_text: str) -> None:
        """Create (replacing) the TEMP table ``name`` holding the result of PostgreSQL SQL."""
        table = sql.Identifier(name)
        with self._con.transaction():
            self._con.execute(sql.SQL("DROP TABLE IF EXISTS pg_temp.{} CASCADE").format(table))
            statement = sql.SQL("CREATE TEMP TABLE {} AS ").format(table).as_bytes(self._con)
            self._con.execute(statement + sql_text.encode())
            self._con.execute(sql.SQL("ANALYZE {}").format(table))

    def drop_table(self, name: str) -> None:
        """Drop the TEMP table ``name`` if there is one."""
        table = sql.Identifier(name)
        with self._con.transaction():
            self._con.execute(sql.SQL("DROP TABLE IF EXISTS pg_temp.{} CASCADE").format(table))

    def query(self, sql_text: str) -> pl.DataFrame:
        """Run one query; columns come back as Int64, Float64, Boolean, Date, Datetime or
        String by their PostgreSQL type (NUMERIC, which EXTRACT returns, as Float64)."""
        with self._con.transaction(), self._con.cursor() as cursor:
            cursor.adapters.register_loader("numeric", FloatLoader)
            # The planner guesses a few rows out of every grouped stage, and for a few rows it
            # joins by nested loops: over the thousands the stages really hold, that made a
            # batch minutes long. Hash and merge joins suit every equality join here; nested
            # loops remain for the range joins, which have no other way. Their penalised cost
            # would then start JIT compiling, seconds for a query this size: off too.
            cursor.execute(b"SET LOCAL enable_nestloop = off")
            cursor.execute(b"SET LOCAL jit = off")
            # As bytes: psycopg types a str query as a literal, and this SQL is built by sqlglot.
            cursor.execute(sql_text.encode())
            description = cursor.description or []
            rows = cursor.fetchall()
        schema = {column.name: _result_type(column.type_code) for column in description}
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema]
        return pl.DataFrame(
            {
                name: _values(values, dtype)
                for (name, dtype), values in zip(schema.items(), columns, strict=True)
            },
            schema=schema,
        )


def copy_frame(connection: psycopg.Connection[Any], table: str, frame: pl.DataFrame) -> None:
    """Append ``frame``'s rows to an existing ``table`` (columns matched by name) with one COPY.

    The rows travel as CSV, in which PostgreSQL reads an unquoted empty field as NULL and a
    quoted one as the empty string, which is how polars writes them.
    """
    text = io.BytesIO()
    frame.write_csv(text, include_header=False)
    statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT csv)").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, frame.columns))
    )
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        copy.write(text.getbuffer())


def _column_type(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.Datetime) and dtype.time_zone:
        return "TIMESTAMPTZ"
    found = _COLUMN_TYPES.get(dtype.base_type())
    if found is None:
        raise TypeError(f"cannot load a {dtype} column into PostgreSQL")
    return found


def _result_type(oid: int) -> pl.DataType:
    info = pg_types.get(oid)
    return _RESULT_TYPES.get(info.name, pl.String()) if info else pl.String()


def _values(values: tuple[Any, ...], dtype: pl.DataType) -> list[Any]:
    """Column values as polars takes them for ``dtype``; other types as their text."""
    if dtype == pl.String():
        return [None if v is None else str(v) for v in values]
    return list(values)
