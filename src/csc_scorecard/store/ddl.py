"""DDL for the canonical tables, generated from the schema declarations."""

from __future__ import annotations

from typing import Literal

from csc_scorecard.model import TABLES, ColumnType, Table

Dialect = Literal["duckdb", "postgres"]

_SQL_TYPES: dict[ColumnType, str] = {
    ColumnType.STRING: "VARCHAR",
    ColumnType.DATE: "DATE",
    ColumnType.INTEGER: "BIGINT",
    ColumnType.DECIMAL: "DOUBLE PRECISION",
    ColumnType.BOOLEAN: "BOOLEAN",
}


def create_table_sql(table: Table) -> str:
    """CREATE TABLE for one canonical table; the same text serves DuckDB and PostgreSQL."""
    cols = ",\n  ".join(
        f"{c.name} {_SQL_TYPES[c.type]}{' NOT NULL' if c.required else ''}"
        for c in table.all_columns
    )
    key = ", ".join(table.key)
    return f"CREATE TABLE IF NOT EXISTS {table.name} (\n  {cols},\n  PRIMARY KEY ({key})\n)"


def create_all_sql() -> list[str]:
    """CREATE TABLE statements for every canonical table."""
    return [create_table_sql(t) for t in TABLES]
