"""Drill-through: the rows (and so the children) behind any figure the engine computed."""

from __future__ import annotations

import polars as pl

from csc_scorecard.engine.backends import Backend
from csc_scorecard.engine.catalogue import Indicator, Shape
from csc_scorecard.engine.compile import DrillCell, compile_drill


def rows_behind(backend: Backend, ind: Indicator, cell: DrillCell) -> pl.DataFrame:
    """Every in-scope source row counted in ``cell``'s figure, with ``in_numerator``.

    The backend must have been prepared for a range holding the period (``compute.prepare``).
    The frame is child-level data: callers show it only to roles allowed to see children.

    Raises:
        ValueError: for a manual indicator (its figures have no rows behind them) or a
            breakdown the indicator does not have.
    """
    if ind.shape is Shape.MANUAL or ind.from_ is None:
        raise ValueError(f"{ind.id} is entered by hand: there are no rows behind it")
    sql = compile_drill(ind, f"src_{ind.from_}", cell, backend.dialect)
    return backend.query(sql).sort(pl.all())
