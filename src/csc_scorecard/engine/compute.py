"""Compute catalogue indicators on a backend: every period and breakdown in one query each.

The result is one tidy frame (:data:`RESULT_SCHEMA`), the input of assessment and reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import polars as pl

from csc_scorecard.engine.backends import Backend, render
from csc_scorecard.engine.catalogue import Indicator, Shape, load_catalogue
from csc_scorecard.engine.compile import CHARACTERISTICS, compile_indicator
from csc_scorecard.engine.context import ComputeRange, helper_tables
from csc_scorecard.engine.periods import PeriodKind, month_end
from csc_scorecard.engine.sources import views_for

RESULT_SCHEMA = pl.Schema(
    {
        "la_code": pl.String(),
        "indicator_id": pl.String(),
        "period_kind": pl.String(),
        "period_start": pl.Date(),
        "period_end": pl.Date(),
        "breakdown": pl.String(),
        "breakdown_value": pl.String(),
        "numerator": pl.Float64(),
        "denominator": pl.Float64(),
        "value": pl.Float64(),
    }
)


COUNCIL_TABLES = (
    "ssd_person",
    "csc_population",
    "csc_manual_measures",
    "csc_workforce_monthly",
    "ssd_department",
)
"""Tables whose councils get figures (zero where they have no rows of an indicator)."""

CHARACTERISTICS_VIEW = "child_characteristics"
"""The view the characteristic breakdowns join (``compile.CHARACTERISTICS``)."""

WHOLE_COUNCIL = "all"
"""The breakdown label the compiled queries give whole-council rows; results show it empty."""


def data_range(backend: Backend) -> ComputeRange:
    """The month ends the loaded referrals span: the default range to compute.

    Raises:
        ValueError: when the store holds no referrals to date the range from.
    """
    bounds = backend.query(
        "SELECT MIN(cine_referral_date) AS first, MAX(cine_referral_date) AS last "
        "FROM ssd_cin_episodes"
    )
    first, last = bounds.row(0)
    if first is None or last is None:
        raise ValueError("the store holds no referrals: load data, or give the months to compute")
    return ComputeRange(month_end(first), month_end(last))


def prepare(
    backend: Backend, compute_range: ComputeRange, views: Iterable[str] | None = None
) -> None:
    """Load the helper tables and materialise the source views (the named ones and those they
    use; all by default) as session tables, each computed once however many indicators read
    it."""
    population = backend.query("SELECT la_code, pop_year, pop_children_0_17 FROM csc_population")
    councils = backend.query(
        " UNION ".join(f"SELECT la_code FROM {table}" for table in COUNCIL_TABLES)
    )["la_code"].to_list()
    for name, frame in helper_tables(compute_range, list(PeriodKind), population, councils).items():
        backend.load_frame(name, frame)
    for view in views_for(views):
        backend.create_table(view.view_name, render(view.sql, backend.dialect))


def compute(
    backend: Backend,
    indicators: Iterable[Indicator] | None = None,
    compute_range: ComputeRange | None = None,
    breakdowns: Sequence[str] | None = None,
) -> pl.DataFrame:
    """Every period of every indicator (the whole catalogue by default), one row per council,
    period and breakdown, in :data:`RESULT_SCHEMA`; ``breakdown`` is empty for the whole
    council. These column names are stable: other tools read them.

    Args:
        backend: where the canonical tables are.
        indicators: what to compute (default: the whole catalogue).
        compute_range: the month ends (default: those the referrals span).
        breakdowns: dimensions to break figures down by (default: each indicator's own);
            child characteristics (:data:`CHARACTERISTICS`) apply wherever rows have a child.
    """
    chosen = tuple(load_catalogue() if indicators is None else indicators)
    wants_characteristics = any(b in CHARACTERISTICS for b in breakdowns or ())
    needed = {ind.from_ for ind in chosen if ind.from_ is not None}
    if wants_characteristics:
        needed.add(CHARACTERISTICS_VIEW)
    prepare(backend, compute_range or data_range(backend), needed)
    has_children = _views_with_children(backend, needed) if wants_characteristics else set()
    frames = [
        backend.query(
            compile_indicator(
                ind,
                _view_of(ind),
                backend.dialect,
                dimensions_for(ind, breakdowns, has_children),
            )
        )
        for ind in chosen
    ]
    empty = pl.DataFrame(schema=RESULT_SCHEMA)
    whole_council = pl.col("breakdown") == WHOLE_COUNCIL
    return (
        pl.concat([empty, *(f.cast(RESULT_SCHEMA) for f in frames)], how="vertical")
        .with_columns(
            pl.when(~whole_council).then(pl.col("breakdown")).alias("breakdown"),
            pl.when(~whole_council).then(pl.col("breakdown_value")).alias("breakdown_value"),
        )
        .sort(
            "indicator_id",
            "la_code",
            "period_kind",
            "period_end",
            "breakdown",
            "breakdown_value",
            nulls_last=False,
        )
    )


def dimensions_for(
    ind: Indicator, requested: Sequence[str] | None, views_with_children: set[str]
) -> tuple[str, ...]:
    """The requested breakdowns this indicator has (all its own when none are requested)."""
    if requested is None:
        return ind.breakdowns
    available = set(ind.breakdowns)
    if _view_of(ind) in views_with_children:
        available.update(CHARACTERISTICS)
    return tuple(d for d in requested if d in available)


def _views_with_children(backend: Backend, names: Iterable[str]) -> set[str]:
    """Source views with a ``person_id`` column, which child characteristics can join."""
    found = set()
    for view in views_for(names):
        if "person_id" in backend.query(f"SELECT * FROM {view.view_name} LIMIT 0").columns:
            found.add(view.view_name)
    return found


def _view_of(ind: Indicator) -> str | None:
    return None if ind.shape is Shape.MANUAL else f"src_{ind.from_}"


def figure(results: pl.DataFrame, indicator_id: str, kind: PeriodKind, end: date) -> float | None:
    """One headline figure (``all`` breakdown) from a result frame, for callers and tests."""
    rows = results.filter(
        (pl.col("indicator_id") == indicator_id)
        & (pl.col("period_kind") == kind.value)
        & (pl.col("period_end") == end)
        & pl.col("breakdown").is_null()
    )
    if rows.height != 1:
        raise KeyError(f"{indicator_id} {kind} {end}: {rows.height} rows")
    value = rows["value"][0]
    return None if value is None else float(value)
