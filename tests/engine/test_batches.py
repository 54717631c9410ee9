"""Indicators computed together in batches give exactly what each gives computed alone.

The engine runs one query per source view and way of counting (``compile.batch_key``), with
indicators of one scope sharing their count of distinct units; a single indicator is a batch of
one. On two years of a synthetic council, every figure of the whole catalogue computed at once
must equal the same figure computed for its indicator on its own.
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
from csc_scorecard.engine.compile import BatchMember, batch_key
from csc_scorecard.engine.compute import compute
from csc_scorecard.store.ddl import create_all_sql
from csc_scorecard.synth import council_tables

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def council() -> Iterator[duckdb.DuckDBPyConnection]:
    """Two years of a council of 2,000 children, in the canonical tables of an in-memory DuckDB."""
    tables = council_tables(
        children=2_000, years=2, end_month=date(2026, 3, 31), seed=5,
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


def test_batches_share_scopes() -> None:
    """The catalogue has batches of several indicators, some sharing a scope: the test below
    exercises both."""
    batches: dict[tuple[object, ...], list[BatchMember]] = {}
    for ind in load_catalogue():
        batches.setdefault(batch_key(ind), []).append(BatchMember(ind, ind.breakdowns))
    assert max(len(members) for members in batches.values()) > 4
    looked_after_months = [i for i in load_catalogue() if i.from_ == "cla_child_months"]
    scopes = {(i.where, i.periods, i.breakdowns) for i in looked_after_months}
    assert len(scopes) < len(looked_after_months)


def test_the_catalogue_at_once_equals_each_indicator_alone(
    council: duckdb.DuckDBPyConnection,
) -> None:
    backend = DuckDBBackend(council)
    catalogue = list(load_catalogue())
    together = compute(backend, catalogue)
    alone = pl.concat([compute(backend, [indicator]) for indicator in catalogue])
    keys = [
        "la_code", "indicator_id", "period_kind", "period_end", "breakdown", "breakdown_value",
    ]  # fmt: skip
    assert together.height == alone.height > 0
    assert together.sort(keys, nulls_last=False).equals(alone.sort(keys, nulls_last=False))
