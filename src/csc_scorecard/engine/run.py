"""Compute indicators, or list the rows behind one figure, from a store file or another engine
(``engines.open_engine``): the entry points the CLI, the demo and reports call."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

import polars as pl

from csc_scorecard.engine.backends import Backend
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.compile import CHARACTERISTICS, DrillCell
from csc_scorecard.engine.compute import CHARACTERISTICS_VIEW, compute, data_range, prepare
from csc_scorecard.engine.context import ComputeRange
from csc_scorecard.engine.drill import rows_behind
from csc_scorecard.engine.engines import DUCKDB, open_engine


def _range_to(backend: Backend, month: date | None) -> ComputeRange:
    """From the start of the data to ``month`` (default: the end of the data)."""
    span = data_range(backend)
    return ComputeRange(span.first, month or span.last)


def compute_store(
    db: Path,
    *,
    month: date | None = None,
    all_months: bool = False,
    indicator_ids: Sequence[str] | None = None,
    breakdowns: Sequence[str] | None = None,
    engine: str = DUCKDB,
    councils: Sequence[str] | None = None,
) -> pl.DataFrame:
    """Figures of the chosen indicators (all by default) from the DuckDB store at ``db``, or
    computed where ``engine`` says the canonical tables are.

    Args:
        db: the store (read by the ``duckdb`` and ``spark`` engines).
        month: the reporting month's last day (default: the last month in the data).
        all_months: every month end from the start of the data, not only ``month``.
        indicator_ids: which indicators (default: all).
        breakdowns: dimensions to break down by (default: each indicator's own).
        engine: where to compute (``engines.open_engine``).
        councils: which councils (default: all in the store).

    Raises:
        FileNotFoundError: when the engine reads the store and there is none at ``db``.
        KeyError: for an indicator id not in the catalogue.
        ValueError: for an unknown engine, a council with no children in the data, or when
            there is no data to date the range from.
    """
    indicators = load_catalogue().select(indicator_ids)
    with open_engine(engine, db) as backend:
        if councils is not None:
            refuse_unheld(councils, _councils(backend))
        compute_range = _range_to(backend, month)
        results = compute(backend, indicators, compute_range, breakdowns, councils)
    if all_months:
        return results
    return results.filter(pl.col("period_end") == compute_range.last)


def councils_in_store(db: Path, engine: str = DUCKDB) -> list[str]:
    """The councils whose children the store (or ``engine``) holds."""
    with open_engine(engine, db) as backend:
        return _councils(backend)


def _councils(backend: Backend) -> list[str]:
    found = backend.query("SELECT DISTINCT la_code FROM ssd_person ORDER BY la_code")
    return [str(code) for code in found["la_code"]]


def refuse_unheld(wanted: Iterable[str], held: Sequence[str]) -> None:
    """Refuse councils the data holds no children of, in one set of words wherever asked.

    Raises:
        ValueError: naming them and the councils the data holds (``held``).
    """
    unheld = sorted(set(wanted) - set(held))
    if unheld:
        raise ValueError(
            f"the store holds no children of council {', '.join(unheld)} "
            f"(it holds {', '.join(held) or 'none'})"
        )


def explain_store(
    db: Path, indicator_id: str, cell: DrillCell, engine: str = DUCKDB
) -> pl.DataFrame:
    """The rows (children and events) behind one figure, with ``in_numerator``, from the store
    or ``engine``.

    Child-level data: for analysts on the machine holding the store, never for public output.
    """
    indicator = load_catalogue()[indicator_id]
    with open_engine(engine, db) as backend:
        views = {indicator.from_} if indicator.from_ else set()
        if cell.breakdown in CHARACTERISTICS:
            views.add(CHARACTERISTICS_VIEW)
        prepare(backend, _range_to(backend, date.fromisoformat(cell.period_end)), views)
        return rows_behind(backend, indicator, cell)
