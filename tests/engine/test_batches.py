"""Indicators computed together in batches give exactly what each gives computed alone.

The engine runs one query per source view and way of counting (``compile.batch_key``), with
indicators of one scope sharing their count of distinct units; a single indicator is a batch of
one. On the synthetic council of ``conftest.council``, every figure of the whole catalogue
computed at once must equal the same figure computed for its indicator on its own.
"""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from csc_scorecard.engine.backends import Backend, DuckDBBackend
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.compile import BatchMember, batch_key, counted_directly
from csc_scorecard.engine.compute import compute

pytestmark = pytest.mark.slow


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


def test_large_direct_batches_split_into_single_queries(
    council: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Indicators counted directly run one query each over a large source: the same figures."""
    from csc_scorecard.engine import compute as computing

    sizes: list[int] = []
    run_batch = computing._run_batch

    def counting(backend: Backend, members: list[BatchMember]) -> pl.DataFrame:
        sizes.append(len(members))
        return run_batch(backend, members)

    monkeypatch.setattr(computing, "_run_batch", counting)
    backend = DuckDBBackend(council)
    direct = [i for i in load_catalogue() if counted_directly(i)]
    batched = compute(backend, direct)
    assert max(sizes) > 1  # some share a source
    sizes.clear()
    monkeypatch.setattr(computing, "LARGEST_DIRECT_BATCH", 0)
    assert compute(backend, direct).equals(batched)
    assert set(sizes) == {1}
