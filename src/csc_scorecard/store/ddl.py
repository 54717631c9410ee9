"""DDL for the canonical tables, generated from the schema declarations.

The tables declare no PRIMARY KEY constraint. DuckDB keeps a primary key's index in memory, and an
all-or-nothing load holds every table's new index at once until it commits: a national load
(tens of millions of keys) would need more memory than the rows themselves. Uniqueness is
guaranteed by ingest instead, which rejects every row repeating a key (``la_code`` first) across
the whole input before the load, and replaces a council's rows whole. Stores created before this
change keep their constraint; they still load, with the index's memory.
"""

from __future__ import annotations

from typing import Literal

from csc_scorecard.model import TABLES, ColumnType, Table

Dialect = Literal["duckdb", "postgres"]

SQL_TYPES: dict[ColumnType, str] = {
    ColumnType.STRING: "VARCHAR",
    ColumnType.DATE: "DATE",
    ColumnType.INTEGER: "BIGINT",
    ColumnType.DECIMAL: "DOUBLE PRECISION",
    ColumnType.BOOLEAN: "BOOLEAN",
}


def create_table_sql(table: Table) -> str:
    """CREATE TABLE for one canonical table; the same text serves DuckDB and PostgreSQL."""
    cols = ",\n  ".join(
        f"{c.name} {SQL_TYPES[c.type]}{' NOT NULL' if c.required else ''}"
        for c in table.all_columns
    )
    return f"CREATE TABLE IF NOT EXISTS {table.name} (\n  {cols}\n)"


def create_all_sql() -> list[str]:
    """CREATE TABLE statements for every canonical table."""
    return [create_table_sql(t) for t in TABLES]
