"""A synthetic national data set: published-style figures from many synthetic councils' results.

The demo has no real DfE files, yet its reports should show the judgement columns (neighbours,
region, England, quartile band). So the engine's results for many synthetic councils (``Z`` codes)
play the part of the DfE's publication: each council's financial-year figure becomes its
"published" figure, nine synthetic regions and England are the sums of their councils' numerators
over the sums of their denominators (as the DfE aggregates), and every row is marked synthetic so
no report can present it as real. Regions and neighbours are assigned from the sorted codes, not
from any likeness between councils: they exist to exercise the comparisons, not to mean anything.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import polars as pl

from csc_scorecard.engine.catalogue import Unit, load_catalogue
from csc_scorecard.reference.measures import load_measures
from csc_scorecard.reference.tables import (
    AREAS,
    NEIGHBOURS,
    PUBLISHED,
    SCHEMAS,
    Level,
    create_reference_tables,
    replace_rows,
)
from csc_scorecard.store.database import transaction

SYNTHETIC_ENGLAND = "Z92000001"
REGIONS = 9
NEIGHBOURS_PER_COUNCIL = 10
SOURCE = "synthetic:engine results"
_SCALE = {Unit.PERCENT: 100.0, Unit.RATE_PER_10K: 10_000.0}


def published_from_results(results: pl.DataFrame) -> pl.DataFrame:
    """``csc_published_figures`` rows (marked synthetic) for every mapped indicator's
    financial-year figures of the synthetic councils in ``results``: councils, regions, England.
    A year's figure is its ``fy`` row, or for a figure at a date (children looked after, on a
    plan...) its snapshot at 31 March, as the DfE publishes them.

    Args:
        results: engine results (``la_code``, ``indicator_id``, ``period_kind``, ``period_end``,
            ``breakdown``, ``numerator``, ``denominator``, ``value`` ...); only whole-council
            ``fy`` and 31 March ``snapshot`` rows of ``Z`` councils are used.
    """
    units = {i.id: i.unit.value for i in load_catalogue() if i.id in load_measures().measures}
    at_31_march = (pl.col("period_kind") == "snapshot") & (pl.col("period_end").dt.month() == 3)
    years = results.filter(
        (pl.col("period_kind") == "fy") | at_31_march,
        pl.col("breakdown").is_null(),
        pl.col("la_code").str.starts_with("Z"),
        pl.col("indicator_id").is_in(list(units)),
    ).select(
        "la_code",
        "indicator_id",
        pl.col("period_end").dt.year().cast(pl.Int32).alias("year"),
        "numerator",
        "denominator",
        "value",
        pl.col("indicator_id").replace_strict(units).alias("unit"),
    )
    regions = synthetic_areas(years["la_code"].unique().to_list()).select("la_code", "region_code")
    with_region = years.join(regions, on="la_code")
    councils = years.select(
        "indicator_id", "year", "la_code", pl.lit(Level.LA.value).alias("level"), "value"
    )
    region_rows = _aggregate(with_region, "region_code", Level.REGION)
    england_rows = _aggregate(with_region.with_columns(england=pl.lit(SYNTHETIC_ENGLAND)),
                              "england", Level.ENGLAND)  # fmt: skip
    return (
        pl.concat([councils, region_rows, england_rows])
        .with_columns(
            pl.col("value").round(1),
            pl.lit(SOURCE).alias("source"),
            pl.lit(True).alias("synthetic"),
        )
        .cast(SCHEMAS[PUBLISHED])
        .sort("indicator_id", "year", "la_code")
    )


def _aggregate(frame: pl.DataFrame, area: str, level: Level) -> pl.DataFrame:
    """Each area's figure: sum of numerators over sum of denominators, scaled as the unit says;
    counts add up; averages have no aggregate (the units behind them are not in the results)."""
    scale = pl.col("unit").replace_strict({u.value: s for u, s in _SCALE.items()}, default=None)
    ratio = pl.col("numerator").sum() / pl.col("denominator").sum()
    return frame.group_by("indicator_id", "year", area, "unit").agg(
        pl.when(pl.col("unit").first() == Unit.COUNT.value)
        .then(pl.col("value").sum())
        .otherwise(scale.first() * ratio)
        .alias("value")
    ).select(
        "indicator_id", "year", pl.col(area).alias("la_code"), pl.lit(level.value).alias("level"),
        "value",
    )  # fmt: skip


def synthetic_areas(la_codes: Sequence[str]) -> pl.DataFrame:
    """``csc_reference_areas`` rows: the sorted councils split into nine regions in turn."""
    codes = sorted(la_codes)
    rows = [
        (code, f"Synthetic council {code}", None, f"Z1200000{1 + i * REGIONS // len(codes)}")
        for i, code in enumerate(codes)
    ]
    return pl.DataFrame(
        rows, schema=["la_code", "la_name", "ons_code", "region_code"], orient="row"
    ).with_columns(
        ("Synthetic region " + pl.col("region_code").str.slice(-1)).alias("region_name"),
        pl.lit(True).alias("synthetic"),
    ).cast(SCHEMAS[AREAS])  # fmt: skip


def synthetic_neighbours(la_codes: Sequence[str]) -> pl.DataFrame:
    """``csc_statistical_neighbours`` rows: each council's next ten councils in code order."""
    codes = sorted(la_codes)
    count = min(NEIGHBOURS_PER_COUNCIL, len(codes) - 1)
    rows = [
        (code, rank, codes[(i + rank) % len(codes)], None, "synthetic")
        for i, code in enumerate(codes)
        for rank in range(1, count + 1)
    ]
    return pl.DataFrame(rows, schema=list(SCHEMAS[NEIGHBOURS]), orient="row").cast(
        SCHEMAS[NEIGHBOURS]
    )


def write_synthetic_reference(con: duckdb.DuckDBPyConnection, results: pl.DataFrame) -> int:
    """Store the synthetic published figures, areas and neighbours; returns figures written."""
    published = published_from_results(results)
    councils = published.filter(pl.col("level") == Level.LA.value)["la_code"].unique().to_list()
    create_reference_tables(con)
    with transaction(con):
        replace_rows(con, PUBLISHED, published)
        replace_rows(con, AREAS, synthetic_areas(councils))
        replace_rows(con, NEIGHBOURS, synthetic_neighbours(councils))
    return published.height
