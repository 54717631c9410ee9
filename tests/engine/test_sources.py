"""Source views that declare at most one row per child and month end keep their word.

The engine counts such views' snapshot and monthly figures as plain counts, without
de-duplicating children (``compile.dedupes_units``), so a view breaking its declaration would
double-count. Checked on the synthetic council of ``conftest.council``.
"""

from __future__ import annotations

import duckdb
import pytest

from csc_scorecard.engine import compile as compiler
from csc_scorecard.engine.backends import DuckDBBackend
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.compute import compute, data_range, prepare
from csc_scorecard.engine.sources import SourceView, source_view, source_views

DECLARING = [view for view in source_views() if view.month_end_rows]


def test_views_declare_their_month_end_rows() -> None:
    assert source_view("cla_month_ends").month_end_rows == ("person_id", "as_at")
    assert source_view("cla_child_months").month_end_rows == ("person_id", "cla_month_end")
    assert source_view("cla_episodes").month_end_rows is None
    with pytest.raises(KeyError, match="no source view 'nothing'"):
        source_view("nothing")


@pytest.mark.parametrize("view", DECLARING, ids=lambda view: view.name)
def test_declared_views_have_one_row_per_child_and_month_end(
    council: duckdb.DuckDBPyConnection, view: SourceView
) -> None:
    assert view.month_end_rows is not None
    unit, month_end = view.month_end_rows
    backend = DuckDBBackend(council)
    prepare(backend, data_range(backend), [view.name])
    checked = backend.query(
        f"SELECT COUNT(*) AS n_rows, "
        f"COUNT(DISTINCT (v.la_code, v.{unit}, v.{month_end})) AS n_keys, "
        f"COUNT(me.month_end) AS n_month_ends "
        f"FROM src_{view.name} AS v LEFT JOIN csc_month_ends AS me ON me.month_end = v.{month_end}"
    ).row(0, named=True)
    assert checked["n_rows"] > 0
    assert checked["n_keys"] == checked["n_rows"]
    assert checked["n_month_ends"] == checked["n_rows"]


def test_plain_counts_equal_counting_distinct_children(
    council: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Figures counted without de-duplication over declaring views equal the de-duplicated
    ones (and the steps without grouping equal those with it)."""
    counted_plainly = [i for i in load_catalogue() if compiler.one_row_per_month(i)]
    assert any(not compiler.dedupes_units(i) for i in counted_plainly)
    assert any(compiler.dedupes_units(i) for i in counted_plainly)
    backend = DuckDBBackend(council)
    plain = compute(backend, counted_plainly)
    monkeypatch.setattr(compiler, "one_row_per_month", lambda _: False)
    deduplicated = compute(backend, counted_plainly)
    assert plain.height > 0
    assert plain.equals(deduplicated)
