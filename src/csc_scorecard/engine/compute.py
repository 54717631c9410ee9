"""Compute catalogue indicators on a backend: every period and breakdown at once, in one query
per source view and way of counting (``compile.batch_key``).

The result is one tidy frame (:data:`RESULT_SCHEMA`), the input of assessment and reports.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

import polars as pl

from csc_scorecard.engine.backends import Backend, render
from csc_scorecard.engine.catalogue import Indicator, Shape, load_catalogue
from csc_scorecard.engine.compile import (
    CHARACTERISTICS,
    BatchMember,
    batch_key,
    compile_batch,
    counted_directly,
    of_councils,
)
from csc_scorecard.engine.context import ComputeRange, helper_tables
from csc_scorecard.engine.periods import PeriodKind, month_end, month_ends
from csc_scorecard.engine.sources import views_for

LOG = logging.getLogger(__name__)
"""Per view and batch timings at DEBUG (names and counts only, never a child's data), for
``benchmarks/engine.py --profile``."""

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


COMPLETE_SHARE = 0.5
"""A month counts as covered by the extract when it has at least this share of the typical
(median) monthly referrals of the latest year."""


def data_range(backend: Backend) -> ComputeRange:
    """The months the loaded referrals cover: the default range to compute.

    A case management extract carries a few old referrals of cases still open, years before its
    history really starts; months made of those would show near-zero figures and distort trends
    and control limits. The range therefore starts after the last month, counting back from the
    latest, with fewer than :data:`COMPLETE_SHARE` of the latest year's median monthly referrals.

    Raises:
        ValueError: when the store holds no referrals to date the range from.
    """
    monthly = _monthly_referrals(backend)
    if monthly.is_empty():
        raise ValueError("the store holds no referrals: load data, or give the months to compute")
    return covered_range(monthly)


def _monthly_referrals(backend: Backend) -> pl.DataFrame:
    dates = backend.query(
        "SELECT cine_referral_date AS day, COUNT(*) AS referrals FROM ssd_cin_episodes "
        "WHERE cine_referral_date IS NOT NULL GROUP BY cine_referral_date"
    )
    return (
        dates.group_by(pl.col("day").dt.month_end().alias("month_end"))
        .agg(pl.col("referrals").sum())
        .sort("month_end")
    )


def _next_month_end(day: date) -> date:
    return month_end(day + timedelta(days=1))


def covered_range(monthly: pl.DataFrame) -> ComputeRange:
    """The range from per-month referral counts (``month_end``, ``referrals``); see
    :func:`data_range`."""
    ends: list[date] = monthly["month_end"].to_list()
    first, last = min(ends), max(ends)
    every = (
        pl.DataFrame({"month_end": month_ends(first, last)}, schema={"month_end": pl.Date})
        .join(monthly, on="month_end", how="left")
        .with_columns(pl.col("referrals").fill_null(0))
    )
    counts: list[int] = every.tail(12)["referrals"].to_list()
    typical = sorted(counts)[len(counts) // 2]
    thin: list[date] = every.filter(pl.col("referrals") < COMPLETE_SHARE * typical)[
        "month_end"
    ].to_list()
    if thin:
        first = min(_next_month_end(max(thin)), last)
    return ComputeRange(first, last)


def load_helpers(
    backend: Backend, compute_range: ComputeRange, councils: Sequence[str] | None = None
) -> None:
    """Load the helper tables (calendar, months, periods, population, councils) for the range
    and the councils (default: every council with data)."""
    population = backend.query("SELECT la_code, pop_year, pop_children_0_17 FROM csc_population")
    found = backend.query(
        " UNION ".join(f"SELECT la_code FROM {table}" for table in COUNCIL_TABLES)
    )["la_code"].to_list()
    wanted = set(found if councils is None else councils)
    chosen = [code for code in found if code in wanted]
    for name, frame in helper_tables(compute_range, list(PeriodKind), population, chosen).items():
        backend.load_frame(name, frame)


def prepare(
    backend: Backend, compute_range: ComputeRange, views: Iterable[str] | None = None
) -> None:
    """Load the helper tables and materialise the source views (the named ones and those they
    use; all by default) as session tables, each computed once however many indicators read
    it."""
    load_helpers(backend, compute_range)
    SessionViews(backend).need(view.name for view in views_for(views))


class SessionViews:
    """The source views materialised in a backend session as tables: each made when first
    needed, and dropped again once nothing left to compute reads it, so that a run holds only
    the views at work (at national scale, all of them at once outgrew the memory cap)."""

    def __init__(self, backend: Backend, councils: Sequence[str] | None = None) -> None:
        self._backend = backend
        self._councils = councils
        self._made: set[str] = set()

    def need(self, names: Iterable[str]) -> None:
        """Make the named views, and the views they read, that are not made yet."""
        for view in views_for(names):
            if view.name not in self._made:
                started = time.perf_counter()
                sql = render(view.sql, self._backend.dialect)
                if self._councils is not None:
                    sql = of_councils(sql, self._councils, self._backend.dialect)
                self._backend.create_table(view.view_name, sql)
                self._made.add(view.name)
                LOG.debug("view %s: %.2f s", view.name, time.perf_counter() - started)

    def keep_only(self, names: Iterable[str]) -> None:
        """Drop every made view but the named ones and those they read."""
        wanted = {view.name for view in views_for(names)}
        for name in sorted(self._made - wanted):
            self._backend.drop_table(f"src_{name}")
        self._made &= wanted

    def rows(self, name: str) -> int:
        """How many rows the (made) view holds."""
        return int(self._backend.query(f"SELECT COUNT(*) AS n FROM src_{name}")["n"][0])

    def has_children(self, name: str) -> bool:
        """Whether the (made) view has a ``person_id``, which child characteristics can join."""
        columns = self._backend.query(f"SELECT * FROM src_{name} LIMIT 0").columns
        return "person_id" in columns


def compute(
    backend: Backend,
    indicators: Iterable[Indicator] | None = None,
    compute_range: ComputeRange | None = None,
    breakdowns: Sequence[str] | None = None,
    councils: Sequence[str] | None = None,
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
        councils: the councils to compute (default: all); one council's report from a store of
            many need not count the others.
    """
    chosen = tuple(load_catalogue() if indicators is None else indicators)
    wants_characteristics = any(b in CHARACTERISTICS for b in breakdowns or ())
    load_helpers(backend, compute_range or data_range(backend), councils)
    by_source: dict[str, list[Indicator]] = {}
    for ind in chosen:
        by_source.setdefault(ind.from_ or "", []).append(ind)
    sources = sorted(by_source)
    kept = {CHARACTERISTICS_VIEW} if wants_characteristics else set()
    views = SessionViews(backend, councils)
    by_indicator: dict[str, pl.DataFrame] = {}
    for position, source in enumerate(sources):
        views.need(kept | ({source} if source else set()))
        children = wants_characteristics and bool(source) and views.has_children(source)
        members = [
            BatchMember(ind, dimensions_for(ind, breakdowns, children)) for ind in by_source[source]
        ]
        for batch in _batches(views, members):
            started = time.perf_counter()
            figures = _run_batch(backend, batch)
            by_indicator.update(_tidy(figures))
            ids = ", ".join(member.indicator.id for member in batch)
            seconds = time.perf_counter() - started
            LOG.debug("batch %s: %.2f s, %d figures (%s)", source, seconds, figures.height, ids)
        views.keep_only(kept | {s for s in sources[position + 1 :] if s})
    empty = pl.DataFrame(schema=RESULT_SCHEMA)
    return pl.concat([empty, *(by_indicator[i] for i in sorted(by_indicator))], rechunk=False)


LARGEST_DIRECT_BATCH = 1_000_000
"""Source rows above which indicators counted directly run one query each: their counts share
nothing, and eight together outgrew the memory cap on 153 councils (10 million rows), while on
one council batching them saves a query's overhead each."""


def _batches(views: SessionViews, members: list[BatchMember]) -> list[list[BatchMember]]:
    """One source's indicators in batches, those counted the same way together
    (``compile.batch_key``); those counted directly over a source of more than
    :data:`LARGEST_DIRECT_BATCH` rows one by one."""
    batches: dict[tuple[object, ...], list[BatchMember]] = {}
    for member in members:
        batches.setdefault(batch_key(member.indicator, member.dimensions), []).append(member)
    split: list[list[BatchMember]] = []
    for batch in batches.values():
        first = batch[0]
        large = (
            len(batch) > 1
            and counted_directly(first.indicator, first.dimensions)
            and first.indicator.from_ is not None
            and views.rows(first.indicator.from_) > LARGEST_DIRECT_BATCH
        )
        split += [[member] for member in batch] if large else [batch]
    return split


RESULT_ORDER = ("la_code", "period_kind", "period_end", "breakdown", "breakdown_value")
"""How each indicator's rows are sorted; indicators follow each other by id."""


def _tidy(batch: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """A batch's rows in :data:`RESULT_SCHEMA`, whole-council breakdowns empty, sorted, by
    indicator. Sorting each batch as it comes, not the whole result at the end, keeps a
    national run (25 million rows) from holding several copies of it at once."""
    whole_council = pl.col("breakdown") == WHOLE_COUNCIL
    tidy = (
        batch.cast(RESULT_SCHEMA)
        .with_columns(
            pl.when(~whole_council).then(pl.col("breakdown")).alias("breakdown"),
            pl.when(~whole_council).then(pl.col("breakdown_value")).alias("breakdown_value"),
        )
        .sort("indicator_id", *RESULT_ORDER, nulls_last=False)
    )
    parts = tidy.partition_by("indicator_id", as_dict=True, maintain_order=True)
    return {str(key[0]): part for key, part in parts.items()}


def _run_batch(backend: Backend, members: list[BatchMember]) -> pl.DataFrame:
    """One batch's figures; its stages made tables first where the backend wants them so."""
    view = _view_of(members[0].indicator)
    statements = compile_batch(members, view, backend.dialect, staged=backend.materialises_stages)
    *stages, (_, query) = statements
    for name, sql in stages:
        assert name is not None
        backend.create_table(name, sql)
    return backend.query(query)


def dimensions_for(
    ind: Indicator, requested: Sequence[str] | None, has_children: bool
) -> tuple[str, ...]:
    """The requested breakdowns this indicator has (all its own when none are requested);
    child characteristics when its rows have children (``has_children``)."""
    if requested is None:
        return ind.breakdowns
    available = set(ind.breakdowns)
    if has_children:
        available.update(CHARACTERISTICS)
    return tuple(d for d in requested if d in available)


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
