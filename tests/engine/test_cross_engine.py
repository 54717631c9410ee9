"""One definition serves every engine: the whole catalogue, computed on DuckDB, PostgreSQL and
Spark (local mode) from the same synthetic council, must give the same rows and figures.

The hand-worked cases run on every engine too (``conftest.BACKENDS``), but each on a few rows;
this suite runs every indicator over two years of a council, where the constructs the source
views lean on (interval arithmetic, window frames, working days, nulls) meet real variety.

A back end that cannot compute an indicator is declared in :data:`GAPS` with the reason; the
declaration is strict: it fails once the indicator agrees, so a fixed gap is never left listed.
"""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import polars as pl
import pytest
from postgres_server import CanonicalTables

from csc_scorecard.engine.backends import Backend, DuckDBBackend
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.compute import compute
from csc_scorecard.engine.postgres import PostgresBackend

pytestmark = pytest.mark.slow

KEYS = [
    "la_code",
    "indicator_id",
    "period_kind",
    "period_start",
    "period_end",
    "breakdown",
    "breakdown_value",
]
FIGURES = ["numerator", "denominator", "value"]
TOLERANCE = 1e-9
"""Figures may differ by float rounding only (engines sum doubles in different orders)."""

GAPS: dict[tuple[str, str], str] = {}
"""(engine, indicator id): why that engine cannot compute the indicator as DuckDB does."""

SPARK_MASTER = "local[2]"


@pytest.fixture(scope="module")
def on_duckdb(council: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return _computed(DuckDBBackend(council), "duckdb")


@pytest.fixture(params=["postgres", "spark"])
def engine(
    request: pytest.FixtureRequest, council: duckdb.DuckDBPyConnection
) -> Iterator[tuple[str, Backend]]:
    """Another engine holding the council's canonical tables."""
    name: str = request.param
    if name == "postgres":
        request.applymarker(pytest.mark.postgres)
        tables: CanonicalTables = request.getfixturevalue("postgres_tables")
        with tables.connect() as con:
            tables.fill(con, council)
            yield name, PostgresBackend(con)
        return
    pytest.importorskip("pyspark", reason="pyspark is not installed (the spark extra)")
    from csc_scorecard.engine.spark import JavaNotFoundError, spark_backend

    try:
        with spark_backend(SPARK_MASTER) as spark:
            spark.load_store(council)
            yield name, spark
    except JavaNotFoundError as error:
        pytest.skip(f"no Spark: {error}")


def test_every_indicator_agrees_with_duckdb(
    engine: tuple[str, Backend], on_duckdb: pl.DataFrame
) -> None:
    name, backend = engine
    found = _computed(backend, name)
    expected = on_duckdb.filter(~pl.col("indicator_id").is_in(_gaps(name)))
    assert found.height == expected.height > 0
    disagreeing = _disagreeing(expected, found)
    assert disagreeing.is_empty(), (
        f"{name} disagrees with duckdb on {disagreeing['indicator_id'].n_unique()} indicators:\n"
        f"{disagreeing.head(20)}"
    )
    for indicator_id in _gaps(name):
        assert not _agrees(backend, indicator_id, on_duckdb), (
            f"{name} now computes {indicator_id} as duckdb does: remove it from GAPS"
        )


def _gaps(engine: str) -> list[str]:
    return [indicator_id for (where, indicator_id) in GAPS if where == engine]


def _computed(backend: Backend, engine: str) -> pl.DataFrame:
    """The whole catalogue but the engine's declared gaps, over the data's own range."""
    gaps = set(_gaps(engine))
    return compute(backend, [i for i in load_catalogue() if i.id not in gaps])


def _agrees(backend: Backend, indicator_id: str, on_duckdb: pl.DataFrame) -> bool:
    """Whether the engine computes one indicator as DuckDB did (a gap may fail in any way)."""
    try:
        found = compute(backend, [load_catalogue()[indicator_id]])
    except Exception:
        return False
    expected = on_duckdb.filter(pl.col("indicator_id") == indicator_id)
    return _disagreeing(expected, found).is_empty()


def _disagreeing(expected: pl.DataFrame, found: pl.DataFrame) -> pl.DataFrame:
    """Rows present on one side only, or whose figures differ by more than float rounding."""
    joined = expected.join(found, on=KEYS, how="full", nulls_equal=True, suffix="_found")
    differs = [
        pl.col(f).is_null().xor(pl.col(f"{f}_found").is_null())
        | ((pl.col(f) - pl.col(f"{f}_found")).abs() > TOLERANCE * (1 + pl.col(f).abs()))
        for f in FIGURES
    ]
    missing = pl.col("indicator_id").is_null() | pl.col("indicator_id_found").is_null()
    return joined.filter(missing | pl.any_horizontal(differs).fill_null(False))
