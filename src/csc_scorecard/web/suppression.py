"""Small-number suppression for viewers (members, inspectors): published aggregates only.

A figure counting between one and four children (or out of between one and four) could identify
them, so its numerator, denominator and value are withheld, as DfE's statistics withhold them
(shown "[c]"). Zero is shown: it identifies nobody. Written here because the render layer had no
suppression module when the dashboard was built; it works on the engine's tidy results, before
anything is assessed, so no judgement or drafted sentence can leak a withheld figure.
Secondary suppression (working a withheld month out from a rolling total) is not attempted.
"""

from __future__ import annotations

import polars as pl

SMALL = 5
"""Counts from 1 to ``SMALL - 1`` are withheld."""
WITHHELD = "[c]"
"""How a withheld figure is shown."""


def is_small(count: pl.Expr) -> pl.Expr:
    """Whether ``count`` is a small number: above zero, below :data:`SMALL`."""
    return (count > 0) & (count < SMALL)


def suppress(results: pl.DataFrame) -> pl.DataFrame:
    """``results`` with every figure on a small numerator or denominator set to null, and a
    ``withheld`` column saying which (so a page can show "[c]" rather than "no figure")."""
    small = (is_small(pl.col("numerator")) | is_small(pl.col("denominator"))).fill_null(False)
    withheld = {c: pl.when(small).then(None).otherwise(pl.col(c)).alias(c) for c in _FIGURES}
    return results.with_columns(**withheld, withheld=small)


_FIGURES = ("numerator", "denominator", "value")
