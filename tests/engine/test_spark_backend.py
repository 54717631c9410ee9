"""The backend contract on Spark (local mode): the cases ``test_backends`` runs on DuckDB and
PostgreSQL run here too, imported so that there is one definition of each, plus what is
Spark's own (its errors, result types, the canonical tables handed over from a store, the
cache). Skipped, saying why, without pyspark or Java."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import duckdb
import polars as pl
import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed (the spark extra)")

from pyspark.errors import AnalysisException
from test_backends import (
    test_a_view_can_be_replaced_and_probed_for_columns,
    test_an_empty_frame_keeps_its_columns,
    test_frames_round_trip_with_their_types,
    test_loading_a_frame_again_replaces_it,
    test_views_rendered_from_duckdb_sql_mean_the_same,
)

from csc_scorecard.engine.backends import Backend
from csc_scorecard.engine.spark import JavaNotFoundError, SparkBackend, spark_backend
from csc_scorecard.store.ddl import create_all_sql

__all__ = [
    "test_a_view_can_be_replaced_and_probed_for_columns",
    "test_an_empty_frame_keeps_its_columns",
    "test_frames_round_trip_with_their_types",
    "test_loading_a_frame_again_replaces_it",
    "test_views_rendered_from_duckdb_sql_mean_the_same",
]
"""The shared contract cases, collected here with this module's ``backend``."""

MASTER = "local[2]"


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkBackend]:
    try:
        with spark_backend(MASTER) as backend:
            yield backend
    except JavaNotFoundError as error:
        pytest.skip(f"no Spark: {error}")


@pytest.fixture
def backend(spark: SparkBackend) -> Backend:
    return spark


def test_a_failing_query_raises_and_the_session_still_works(spark: SparkBackend) -> None:
    with pytest.raises(AnalysisException, match="no_such_table"):
        spark.query("SELECT * FROM no_such_table")
    assert spark.query("SELECT 1 AS one")["one"].to_list() == [1]


def test_numbers_come_back_as_floats_and_integers(spark: SparkBackend) -> None:
    """Spark's INT and DECIMAL (what it divides decimals into) arrive as the other engines
    give them; a type with no counterpart arrives as its text."""
    frame = spark.query(
        "SELECT CAST(1 AS INT) AS small, CAST(2 AS BIGINT) AS big, CAST(1.5 AS DECIMAL(5, 2)) "
        "AS exact, DATE '2024-02-29' AS day, TIMESTAMP_NTZ '2024-02-29 10:30:00' AS moment, "
        "ARRAY(1, 2) AS other"
    )
    assert frame.schema == pl.Schema(
        {"small": pl.Int64, "big": pl.Int64, "exact": pl.Float64, "day": pl.Date,
         "moment": pl.Datetime("us"), "other": pl.String}
    )  # fmt: skip
    assert frame.row(0)[:4] == (1, 2, 1.5, date(2024, 2, 29))


def test_refuses_a_frame_column_it_cannot_hold(spark: SparkBackend) -> None:
    with pytest.raises(TypeError, match="List"):
        spark.load_frame("helper", pl.DataFrame({"values": [[1, 2]]}))


def test_a_table_is_cached_and_replaced(spark: SparkBackend) -> None:
    spark.create_table("src_probe", "SELECT 1 AS i")
    spark.create_table("src_probe", "SELECT 2 AS i UNION ALL SELECT 3")
    assert spark.query("SELECT * FROM src_probe ORDER BY i")["i"].to_list() == [2, 3]
    assert spark.query("SELECT * FROM src_probe LIMIT 0").columns == ["i"]


def test_a_stores_tables_are_handed_over_by_their_names(spark: SparkBackend) -> None:
    with duckdb.connect() as store:
        for statement in create_all_sql():
            store.execute(statement)
        store.execute(
            "INSERT INTO ssd_person (la_code, pers_person_id, pers_dob) "
            "VALUES ('Z01', 'P1', DATE '2015-06-30')"
        )
        spark.load_store(store)
    frame = spark.query("SELECT la_code, pers_person_id, pers_dob FROM ssd_person")
    assert frame.rows() == [("Z01", "P1", date(2015, 6, 30))]
    assert spark.query("SELECT COUNT(*) AS n FROM ssd_cin_episodes")["n"].to_list() == [0]


def test_a_run_leaves_nothing_behind_in_the_application() -> None:
    with spark_backend(MASTER) as first:
        first.load_frame("helper", pl.DataFrame({"i": [1]}))
        first.create_table("src_probe", "SELECT i FROM helper")
    with spark_backend(MASTER) as second, pytest.raises(AnalysisException, match="helper"):
        second.query("SELECT * FROM helper")
