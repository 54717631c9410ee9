"""The backend contract, run on every engine: frames round-trip with their types, views are
rendered from DuckDB SQL and mean the same everywhere, and a failing query raises clearly."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date

import duckdb
import polars as pl
import psycopg
import pytest
from conftest import BACKENDS, Engine
from polars.testing import assert_frame_equal
from postgres_server import CanonicalTables

from csc_scorecard.engine.backends import Backend, DuckDBBackend, render
from csc_scorecard.engine.postgres import PostgresBackend

FRAME = pl.DataFrame(
    {
        "i": [1, 2, 3, 4],
        "text": ["plain", "", None, 'a "quoted", comma\nand newline'],
        "day": [date(2024, 2, 29), None, date(1990, 1, 1), date(2099, 12, 31)],
        "amount": [0.5, None, -1e-300, 12_345.678],
        "flag": [True, False, None, True],
    },
    schema={"i": pl.Int64, "text": pl.String, "day": pl.Date, "amount": pl.Float64,
            "flag": pl.Boolean},
)  # fmt: skip


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    engine: Engine = request.param
    if engine == "duckdb":
        with duckdb.connect() as con:
            yield DuckDBBackend(con)
        return
    tables: CanonicalTables = request.getfixturevalue("postgres_tables")
    with psycopg.connect(tables.url, autocommit=True) as con:
        yield PostgresBackend(con)


def test_frames_round_trip_with_their_types(backend: Backend) -> None:
    # Empty text stays empty text and missing stays missing, through COPY on PostgreSQL.
    backend.load_frame("helper", FRAME)
    assert_frame_equal(backend.query("SELECT * FROM helper ORDER BY i"), FRAME)


def test_loading_a_frame_again_replaces_it(backend: Backend) -> None:
    backend.load_frame("helper", FRAME)
    backend.load_frame("helper", FRAME.head(1).with_columns(pl.col("i") * 10))
    assert backend.query("SELECT i FROM helper")["i"].to_list() == [10]


def test_an_empty_frame_keeps_its_columns(backend: Backend) -> None:
    backend.load_frame("helper", FRAME.clear())
    assert backend.query("SELECT * FROM helper LIMIT 0").schema == FRAME.schema


def test_views_rendered_from_duckdb_sql_mean_the_same(backend: Backend) -> None:
    """The constructs source views lean on: interval arithmetic on dates (12 months before a
    leap day is 28 February), division of whole numbers (never integer division), EXTRACT,
    distinct and boolean aggregates (BOOL_OR and BOOL_AND: PostgreSQL has no MAX of booleans),
    window frames and the order of nulls."""
    backend.load_frame("helper", FRAME)
    view = """
        SELECT
            COUNT(DISTINCT flag) AS flags,
            BOOL_OR(flag) AS any_flag,
            SUM(CASE WHEN day >= DATE '2024-02-29' - INTERVAL 12 MONTH THEN 1 ELSE 0 END)
                AS within_12m,
            BOOL_AND(CASE WHEN i = 1 THEN day - INTERVAL 12 MONTH = DATE '2023-02-28' END) AS leap,
            MAX(i) / 8 AS half,
            MAX(EXTRACT(YEAR FROM day)) AS latest_year,
            CAST(SUM(i) AS DOUBLE) AS total
        FROM helper
    """
    backend.create_view("src_probe", render(view, backend.dialect))
    assert backend.query(render("SELECT * FROM src_probe", backend.dialect)).row(0) == (
        2, True, 2, True, 0.5, 2099.0, 10.0
    )  # fmt: skip
    ordered = render(
        "SELECT i, SUM(i) OVER (ORDER BY i ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) "
        "AS before FROM helper ORDER BY day DESC, text",
        backend.dialect,
    )
    frame = backend.query(ordered)
    assert frame["i"].to_list() == [4, 1, 3, 2]
    assert frame["before"].to_list() == [6, None, 3, 1]


def test_a_view_can_be_replaced_and_probed_for_columns(backend: Backend) -> None:
    backend.load_frame("helper", FRAME)
    backend.create_view("src_probe", "SELECT i FROM helper")
    backend.create_view("src_probe", "SELECT i FROM helper WHERE i > 2")
    assert backend.query("SELECT * FROM src_probe ORDER BY i")["i"].to_list() == [3, 4]
    assert backend.query("SELECT * FROM src_probe LIMIT 0").columns == ["i"]


def test_a_failing_query_raises_and_the_backend_still_works(backend: Backend) -> None:
    error = (
        duckdb.CatalogException if backend.dialect == "duckdb" else psycopg.errors.UndefinedTable
    )
    with pytest.raises(error, match="no_such_table"):
        backend.query("SELECT * FROM no_such_table")
    assert backend.query("SELECT 1 AS one")["one"].to_list() == [1]


@pytest.mark.postgres
def test_postgres_numbers_come_back_as_floats_and_integers(
    postgres_tables: CanonicalTables,
) -> None:
    """NUMERIC (what EXTRACT and integer averages give on PostgreSQL) arrives as Float64."""
    backend = PostgresBackend.from_url(postgres_tables.url)
    frame = backend.query(
        "SELECT 1::int4 AS small, 2::int8 AS big, 1.5::numeric AS exact, 'NaN'::float8 AS nan,"
        " '1 day'::interval AS other"
    )
    backend.close()
    assert frame.schema == pl.Schema(
        {"small": pl.Int64, "big": pl.Int64, "exact": pl.Float64, "nan": pl.Float64,
         "other": pl.String}
    )  # fmt: skip
    assert frame.row(0)[:3] == (1, 2, 1.5)
    assert math.isnan(frame["nan"][0])


@pytest.mark.postgres
def test_postgres_refuses_a_frame_column_it_cannot_hold(postgres_tables: CanonicalTables) -> None:
    backend = PostgresBackend.from_url(postgres_tables.url)
    with pytest.raises(TypeError, match="List"):
        backend.load_frame("helper", pl.DataFrame({"values": [[1, 2]]}))
    backend.close()
