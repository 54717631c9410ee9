"""Computing some councils of a store of many gives exactly their slice of computing them all.

One council's report on a regional or national store should not count every other council;
``compute(councils=...)`` keeps the source views' rows of the chosen councils only.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import duckdb
import polars as pl
import pytest

from csc_scorecard.demo import catalogue_manual_specs
from csc_scorecard.engine.backends import DuckDBBackend
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.compute import compute
from csc_scorecard.store.ddl import create_all_sql
from csc_scorecard.synth import council_tables

OTHER = "Z02"


@pytest.fixture(scope="module")
def two_councils() -> Iterator[duckdb.DuckDBPyConnection]:
    """Two synthetic councils of 800 children over a year: Z01, and Z02 (another seed)."""
    first, second = (
        council_tables(
            children=800, years=1, end_month=date(2025, 3, 31), seed=seed,
            manual=catalogue_manual_specs(),
        )
        for seed in (5, 6)
    )  # fmt: skip
    with duckdb.connect() as con:
        for statement in create_all_sql():
            con.execute(statement)
        for name in first:
            frame = pl.concat(
                [first[name], second[name].with_columns(pl.lit(OTHER).alias("la_code"))]
            )
            con.register("rows", frame.to_arrow())
            columns = ", ".join(frame.columns)
            con.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM rows")
            con.unregister("rows")
        yield con


def test_one_council_is_its_slice_of_all(two_councils: duckdb.DuckDBPyConnection) -> None:
    backend = DuckDBBackend(two_councils)
    catalogue = list(load_catalogue())
    every = compute(backend, catalogue)
    assert set(every["la_code"]) == {"Z01", OTHER}
    alone = compute(backend, catalogue, councils=[OTHER])
    assert alone.height > 0
    assert alone.equals(every.filter(pl.col("la_code") == OTHER))


def test_a_council_not_in_the_store_has_no_figures(
    two_councils: duckdb.DuckDBPyConnection,
) -> None:
    backend = DuckDBBackend(two_councils)
    indicators = [load_catalogue()["cp_rate_per_10k"]]
    assert compute(backend, indicators, councils=["Z99"]).is_empty()
