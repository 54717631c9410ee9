"""The figures a scorecard showed, for its run's record.

A scorecard shows each layout indicator's whole-council figures for every month to the reporting
month (its trends) and, at that month, the layout's breakdowns. The engine is deterministic, so
computing them again from the same store gives the figures the scorecard was built from.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from csc_scorecard.engine.run import compute_store
from csc_scorecard.render.layout import Layout


def scorecard_figures(db: Path, layout: Layout, la_code: str, month: date) -> pl.DataFrame:
    """Council ``la_code``'s figures behind the scorecard for ``month`` laid out by ``layout``."""
    trends = compute_store(db, month=month, all_months=True, indicator_ids=layout.indicator_ids)
    breakdowns = [
        compute_store(db, month=month, indicator_ids=[s.indicator], breakdowns=[s.by])
        for s in layout.breakdown
    ]
    return pl.concat([trends, *breakdowns]).filter(pl.col("la_code") == la_code)
