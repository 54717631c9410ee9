"""The store tables that hold published reference data, and how imports replace their rows.

Reference data describes every council, not one: published figures for all LAs, regions and
England; the LA-to-region lookup; one statistical neighbour model; the LAIT data dictionary; and the
council's regional improvement group (RIG) figures. An import replaces what the same source wrote
before, so re-importing a corrected file never leaves stale rows behind.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

import duckdb
import polars as pl

from csc_scorecard.store.frames import append_frame

PUBLISHED = "csc_published_figures"
AREAS = "csc_reference_areas"
NEIGHBOURS = "csc_statistical_neighbours"
LAIT_MEASURES = "csc_lait_measures"
RIG = "csc_rig_figures"

ENGLAND = "E92000001"
"""ONS code of England: the ``la_code`` of national rows."""


class Level(StrEnum):
    """Which kind of area a published figure is for."""

    LA = "la"
    REGION = "region"
    ENGLAND = "england"


SCHEMAS: Mapping[str, pl.Schema] = {
    PUBLISHED: pl.Schema(
        {
            "indicator_id": pl.String(),
            "year": pl.Int32(),
            "la_code": pl.String(),
            "level": pl.String(),
            "value": pl.Float64(),
            "source": pl.String(),
            "synthetic": pl.Boolean(),
        }
    ),
    AREAS: pl.Schema(
        {
            "la_code": pl.String(),
            "la_name": pl.String(),
            "ons_code": pl.String(),
            "region_code": pl.String(),
            "region_name": pl.String(),
            "synthetic": pl.Boolean(),
        }
    ),
    NEIGHBOURS: pl.Schema(
        {
            "la_code": pl.String(),
            "rank": pl.Int32(),
            "neighbour_la_code": pl.String(),
            "closeness": pl.String(),
            "model": pl.String(),
        }
    ),
    LAIT_MEASURES: pl.Schema(
        {
            "measure_short": pl.String(),
            "measure": pl.String(),
            "polarity": pl.String(),
            "dps": pl.Int32(),
            "year_type": pl.String(),
            "no_quartile": pl.Boolean(),
        }
    ),
    RIG: pl.Schema(
        {
            "indicator_id": pl.String(),
            "quarter": pl.String(),
            "la_value": pl.Float64(),
            "group_value": pl.Float64(),
            "source": pl.String(),
        }
    ),
}
"""Column names and types of every reference table; rows written are cast to these."""

_KEYS = {
    PUBLISHED: ("indicator_id", "year", "la_code", "source"),
    AREAS: ("la_code",),
    NEIGHBOURS: ("la_code", "rank"),
    LAIT_MEASURES: ("measure_short",),
    RIG: ("indicator_id", "quarter"),
}
_SQL_TYPES = {
    pl.String(): "VARCHAR",
    pl.Int32(): "INTEGER",
    pl.Float64(): "DOUBLE",
    pl.Boolean(): "BOOLEAN",
}


def create_reference_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create every reference table that does not exist yet."""
    for table, schema in SCHEMAS.items():
        columns = ", ".join(f"{name} {_SQL_TYPES[dtype]}" for name, dtype in schema.items())
        key = ", ".join(_KEYS[table])
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns}, PRIMARY KEY ({key}))")


def empty(table: str) -> pl.DataFrame:
    """A frame with no rows in ``table``'s schema."""
    return pl.DataFrame(schema=SCHEMAS[table])


def replace_rows(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Write ``frame`` into ``table``, first removing the rows it supersedes.

    A published figure replaces any figure for the same indicator, year and area from the same
    kind of source (``ees``, ``lait``, ``synthetic``: the part of ``source`` before the colon), so
    a newer DfE file overrides an older one's overlapping years. RIG figures replace the same
    indicator and quarter; areas the same councils. A statistical neighbour model and the LAIT
    dictionary replace the whole table: one model is in use at a time, as in LAIT.
    """
    frame = frame.select(list(SCHEMAS[table])).cast(SCHEMAS[table])
    con.register(_INCOMING, frame.to_arrow())
    try:
        con.execute(_DELETE.get(table, f"DELETE FROM {table}"))
    finally:
        con.unregister(_INCOMING)
    append_frame(con, table, frame)


_INCOMING = "__reference_incoming"
_DELETE = {
    PUBLISHED: f"""DELETE FROM {PUBLISHED} AS t WHERE EXISTS (
  SELECT 1 FROM {_INCOMING} AS i
  WHERE i.indicator_id = t.indicator_id AND i.year = t.year AND i.la_code = t.la_code
    AND split_part(i.source, ':', 1) = split_part(t.source, ':', 1))""",
    RIG: f"""DELETE FROM {RIG} AS t WHERE EXISTS (
  SELECT 1 FROM {_INCOMING} AS i
  WHERE i.indicator_id = t.indicator_id AND i.quarter = t.quarter)""",
    AREAS: f"DELETE FROM {AREAS} WHERE la_code IN (SELECT la_code FROM {_INCOMING})",
}


def read_table(con: duckdb.DuckDBPyConnection, table: str) -> pl.DataFrame:
    """The whole of ``table``, typed as :data:`SCHEMAS` says (empty if never imported)."""
    create_reference_tables(con)
    frame = pl.from_arrow(con.sql(f"SELECT * FROM {table}").to_arrow_table())
    assert isinstance(frame, pl.DataFrame)
    return frame.cast(SCHEMAS[table])
