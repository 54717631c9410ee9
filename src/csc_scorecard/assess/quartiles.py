"""Quartiles and the quartile band, one rule for published and computed figures.

Published benchmarks (:mod:`csc_scorecard.assess.benchmarks`) and the regional views computed
from the engine's own results (:mod:`csc_scorecard.assess.regional`) must band a council the
same way, or a council would sit in different bands on two pages of the same report. Both build
their polars expressions here.

The rules are LAIT's (definitions-notes section 3): quartiles by linear interpolation (R type 7,
numpy's default, Excel ``QUARTILE.INC``), missing figures ignored; the band is polarity-free,
``Lower`` at or below the lower quartile, ``Higher`` above the upper quartile, ``In range``
otherwise (the middle 50%).
"""

from __future__ import annotations

import polars as pl

from csc_scorecard.assess.facts import QuartileBand


def quartile(column: str, fraction: float) -> pl.Expr:
    """The ``fraction`` quantile of ``column`` by linear interpolation (R type 7); nulls are
    ignored, as LAIT drops suppressed and missing figures before taking quantiles."""
    return pl.col(column).quantile(fraction, "linear")


def quartile_band(value: pl.Expr, lower: pl.Expr, upper: pl.Expr) -> pl.Expr:
    """The :class:`QuartileBand` label of ``value`` between ``lower`` and ``upper`` quartiles;
    null when there is no figure or no quartiles to place it among."""
    return (
        pl.when(value.is_null() | lower.is_null())
        .then(None)
        .when(value <= lower)
        .then(pl.lit(QuartileBand.LOWER.value))
        .when(value > upper)
        .then(pl.lit(QuartileBand.HIGHER.value))
        .otherwise(pl.lit(QuartileBand.IN_RANGE.value))
    )
