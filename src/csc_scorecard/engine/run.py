"""Compute indicators from a store file: the entry point the CLI and the demo call."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import polars as pl

from csc_scorecard.engine.backends import DuckDBBackend
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.compute import compute
from csc_scorecard.engine.context import ComputeRange


def compute_store(
    db: Path,
    *,
    compute_range: ComputeRange | None = None,
    indicator_ids: Sequence[str] | None = None,
) -> pl.DataFrame:
    """Every period of the chosen indicators (all by default) from the DuckDB store at ``db``.

    The store is opened read-only: computing never changes it.

    Raises:
        FileNotFoundError: when there is no store at ``db``.
        KeyError: for an indicator id not in the catalogue.
    """
    if not db.exists():
        raise FileNotFoundError(f"no store at {db}: run csc-scorecard ingest first")
    indicators = load_catalogue().select(indicator_ids)
    con = duckdb.connect(str(db), read_only=True)
    try:
        return compute(DuckDBBackend(con), indicators, compute_range)
    finally:
        con.close()
