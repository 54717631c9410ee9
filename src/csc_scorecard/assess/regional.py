"""Each council against its group, from the engine's own results: :func:`regional_frame`.

A regional improvement group (seed 000's "RIG NW" columns) compares its councils on the same
definitions before the DfE publishes anything, so the comparison is computed from the results of
every council in the store, for every indicator, period kind and month end at once:

- the group's figure is an aggregate, as the DfE computes region and England: the sum of the
  councils' numerators over the sum of their denominators, scaled by the unit (rates per 10,000
  from summed counts and summed 0-17 populations, annualised as the period is); counts add up;
  averages divide summed parts by summed units; a "highest" figure (aggregate ``max``) is the
  highest of the councils'. Beside it, the unweighted mean of the councils' figures, which is
  what LAIT shows for statistical neighbours and is not the same number;
- rank within the group, 1 = best by polarity, tied figures sharing the better rank (R's
  ``ties.method="min"``, as LAIT). An indicator with no better direction has no "best": it is
  ranked by value ascending and ``rank_order`` says so, so no reader takes 1 for top;
- quartiles of the councils' figures and each council's band, by the same rule as published
  benchmarks (:mod:`csc_scorecard.assess.quartiles`).

A council with no figure (suppressed, nothing in the denominator) is left out of every
aggregate, mean, rank and quartile of its group, and keeps its row with those columns empty.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path

import polars as pl

from csc_scorecard.assess.quartiles import quartile, quartile_band
from csc_scorecard.engine.catalogue import Aggregate, Indicator, Polarity, Unit, load_catalogue
from csc_scorecard.engine.periods import Period, PeriodKind, periods_frame

ALL_COUNCILS = "All councils"
"""The group every council in the results belongs to when no grouping is given."""

GROUPS_SCHEMA = pl.Schema({"la_code": pl.String(), "group": pl.String()})
"""Group membership: one row per council and group (a council may be in several)."""

BEST_FIRST = "best first"
VALUE_ASCENDING = "value ascending (no better direction)"

_KEY = ("group", "indicator_id", "period_kind", "period_end")
_SCALE = {Unit.PERCENT: 100.0, Unit.AVERAGE: 1.0, Unit.RATE_PER_10K: 10_000.0, Unit.COUNT: 1.0}

COLUMNS = (
    "group",
    "indicator_id",
    "period_kind",
    "period_start",
    "period_end",
    "la_code",
    "unit",
    "polarity",
    "value",
    "numerator",
    "denominator",
    "group_value",
    "group_numerator",
    "group_denominator",
    "councils_mean",
    "councils_with_figure",
    "rank",
    "rank_order",
    "lower_quartile",
    "median",
    "upper_quartile",
    "quartile_band",
)
"""The tidy table's columns, stable for other tools (see ``docs/regional.md``)."""


def regional_frame(
    results: pl.DataFrame,
    groups: pl.DataFrame | None = None,
    indicators: Iterable[Indicator] | None = None,
) -> pl.DataFrame:
    """Every council against its group, per indicator, period kind and period end.

    Args:
        results: engine results for many councils (``engine.compute.RESULT_SCHEMA``); only
            whole-council rows (empty ``breakdown``) are compared.
        groups: membership (:data:`GROUPS_SCHEMA`, e.g. from :func:`read_groups`); councils in
            no group are left out. Default: one group, :data:`ALL_COUNCILS`, of every council.
        indicators: catalogue entries giving each indicator's unit, polarity and aggregate
            (default: the catalogue); results of other indicators are left out.

    Returns:
        One row per group, indicator, period kind, period end and council, in :data:`COLUMNS`.
    """
    councils = _council_rows(results, groups, indicators)
    has_figure = pl.col("value").is_not_null()
    summary = councils.group_by(_KEY).agg(
        _group_value(has_figure).alias("group_value"),
        _sum_or_null(pl.col("numerator").filter(has_figure)).alias("group_numerator"),
        _sum_or_null(pl.col("denominator").filter(has_figure)).alias("group_denominator"),
        pl.col("value").mean().alias("councils_mean"),
        has_figure.sum().cast(pl.Int32).alias("councils_with_figure"),
        quartile("value", 0.25).alias("lower_quartile"),
        quartile("value", 0.5).alias("median"),
        quartile("value", 0.75).alias("upper_quartile"),
    )
    high_good = pl.col("polarity") == Polarity.HIGH_GOOD.value
    ranked_value = pl.when(high_good).then(-pl.col("value")).otherwise(pl.col("value"))
    return (
        councils.join(summary, on=_KEY)
        .with_columns(
            ranked_value.rank("min").over(_KEY).cast(pl.Int32).alias("rank"),
            pl.when(pl.col("polarity") == Polarity.NONE.value)
            .then(pl.lit(VALUE_ASCENDING))
            .otherwise(pl.lit(BEST_FIRST))
            .alias("rank_order"),
            quartile_band(
                pl.col("value"), pl.col("lower_quartile"), pl.col("upper_quartile")
            ).alias("quartile_band"),
        )
        .select(COLUMNS)
        .sort(*_KEY, "rank", "la_code", nulls_last=True)
    )


def _council_rows(
    results: pl.DataFrame, groups: pl.DataFrame | None, indicators: Iterable[Indicator] | None
) -> pl.DataFrame:
    """Whole-council rows with their group, the indicator's unit, polarity and aggregate, and
    the scale turning a ratio of sums into the unit (a rate's annualisation included)."""
    rows = results.filter(pl.col("breakdown").is_null()).select(
        "la_code",
        "indicator_id",
        "period_kind",
        "period_start",
        "period_end",
        "numerator",
        "denominator",
        "value",
    )
    membership = (
        rows.select("la_code").unique().with_columns(group=pl.lit(ALL_COUNCILS))
        if groups is None
        else groups.cast(GROUPS_SCHEMA).unique()
    )
    rate = pl.col("unit") == Unit.RATE_PER_10K.value
    unit_scale = pl.col("unit").replace_strict({u.value: s for u, s in _SCALE.items()})
    return (
        rows.join(membership, on="la_code")
        .join(_measures(indicators), on="indicator_id")
        .join(_annualisation(rows), on=["period_kind", "period_start", "period_end"])
        .with_columns(scale=unit_scale * pl.when(rate).then(pl.col("annualisation")).otherwise(1.0))
    )


def _measures(indicators: Iterable[Indicator] | None) -> pl.DataFrame:
    """Unit, polarity and aggregate of each indicator, as a frame to join."""
    chosen = load_catalogue() if indicators is None else indicators
    return pl.DataFrame(
        [(i.id, i.unit.value, i.polarity.value, i.aggregate.value) for i in chosen],
        schema=["indicator_id", "unit", "polarity", "aggregate"],
        orient="row",
    )


def _annualisation(rows: pl.DataFrame) -> pl.DataFrame:
    """Each period's annualisation, by the engine's own rule (``periods.periods_frame``)."""
    periods = rows.select("period_kind", "period_start", "period_end").unique()
    return periods_frame([Period(PeriodKind(k), s, e) for k, s, e in periods.iter_rows()]).select(
        "period_kind", "period_start", "period_end", "annualisation"
    )


def _sum_or_null(column: pl.Expr) -> pl.Expr:
    """The sum, or null when there is nothing to add (polars would say 0)."""
    return pl.when(column.is_not_null().any()).then(column.sum())


def _group_value(has_figure: pl.Expr) -> pl.Expr:
    """The group's figure within one ``group_by`` cell (see the module docstring).

    A ratio needs every contributing council's numerator and denominator: where a council has
    a figure but not its parts (a hand-entered measure), the group has no figure rather than
    one silently built from part of the group.
    """
    value = pl.col("value").filter(has_figure)
    numerator = pl.col("numerator").filter(has_figure)
    denominator = pl.col("denominator").filter(has_figure)
    parts_missing = (numerator.is_null() | denominator.is_null()).any()
    unit = pl.col("unit").first()
    return (
        pl.when(~has_figure.any())
        .then(None)
        .when(pl.col("aggregate").first() == Aggregate.MAX.value)
        .then(value.max())
        .when(unit == Unit.COUNT.value)
        .then(value.sum())
        .when(parts_missing | (denominator.sum() == 0))
        .then(None)
        .otherwise(pl.col("scale").first() * numerator.sum() / denominator.sum())
    )


def read_groups(path: Path) -> pl.DataFrame:
    """Group membership from a small file (format in ``docs/regional.md``).

    ``.toml``: a ``[groups]`` table, each group name mapped to a list of council codes.
    ``.csv``: columns ``la_code`` and ``group``, one row per council and group.

    Raises:
        ValueError: naming every problem found (unknown suffix, missing column, empty code).
    """
    match path.suffix.lower():
        case ".toml":
            pairs = _toml_pairs(path)
        case ".csv":
            pairs = _csv_pairs(path)
        case other:
            raise ValueError(f"{path}: groups file must be .toml or .csv, not {other or 'none'}")
    return pl.DataFrame(pairs, schema=GROUPS_SCHEMA, orient="row").unique(maintain_order=True)


def _toml_pairs(path: Path) -> list[tuple[str, str]]:
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    table = document.get("groups")
    if not isinstance(table, dict) or not table:
        raise ValueError(f"{path}: expected a [groups] table of group = [council codes]")
    pairs, problems = [], []
    for group, codes in table.items():
        if not isinstance(codes, list) or not codes:
            problems.append(f"group {group!r}: expected a non-empty list of council codes")
            continue
        for position, code in enumerate(codes, start=1):
            if isinstance(code, str) and code.strip():
                pairs.append((code.strip(), group))
            else:
                problems.append(f"group {group!r}, entry {position}: not a council code")
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return pairs


def _csv_pairs(path: Path) -> list[tuple[str, str]]:
    frame = pl.read_csv(path, infer_schema=False)
    missing = [c for c in GROUPS_SCHEMA if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    cleaned = frame.select(pl.col(c).str.strip_chars() for c in GROUPS_SCHEMA)
    empty = cleaned.with_row_index("row", offset=2).filter(
        pl.any_horizontal(pl.col(c).fill_null("") == "" for c in GROUPS_SCHEMA)
    )
    if empty.height:
        rows = ", ".join(str(r) for r in empty["row"])
        raise ValueError(f"{path}: empty la_code or group on line(s) {rows}")
    return list(cleaned.iter_rows())
