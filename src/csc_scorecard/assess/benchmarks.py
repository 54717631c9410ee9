"""Published comparators for every council, indicator and year at once: :class:`Benchmarks`.

The rules follow LAIT (definitions-notes section 3), so a council sees the figures the DfE's own
tool shows:

- statistical neighbours: the unweighted mean of the neighbours' published figures, skipping
  neighbours with no figure (suppressed, or a council that did not exist that year); none if no
  neighbour has one. Not population-weighted, not recomputed from numerators.
- region and England: the DfE's published aggregates, never a mean of councils.
- quartiles: over every council's published figure for the indicator and year (councils only,
  missing dropped), linear interpolation (R type 7, numpy's default). The band is polarity-free
  with LAIT's boundary rule: ``Lower`` if the figure is at or below the lower quartile, ``Higher``
  if above the upper quartile, ``In range`` otherwise (the middle 50%).

Where two sources publish a figure for the same indicator, year and area, a figure beats a gap,
then EES beats LAIT (LAIT copies EES). Synthetic and real figures are never mixed: quartiles and
England are taken within the same kind.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import duckdb
import polars as pl

from csc_scorecard.assess.facts import Benchmarks, QuartileBand
from csc_scorecard.assess.quartiles import quartile, quartile_band
from csc_scorecard.reference.tables import (
    AREAS,
    NEIGHBOURS,
    PUBLISHED,
    Level,
    read_table,
)
from csc_scorecard.reference.values import year_label

_SOURCE_PREFERENCE = {"ees": 0, "lait": 1, "synthetic": 2}
_KEY = ("indicator_id", "year", "la_code")


def preferred_figures(published: pl.DataFrame) -> pl.DataFrame:
    """One published figure per indicator, year and area (see the module docstring)."""
    kind = pl.col("source").str.split(":").list.first()
    return (
        published.sort(
            pl.col("value").is_null(),
            kind.replace_strict(_SOURCE_PREFERENCE, default=len(_SOURCE_PREFERENCE)),
            "source",
        )
        .unique(list(_KEY), keep="first", maintain_order=True)
        .sort(*_KEY)
    )


def benchmark_frame(
    published: pl.DataFrame, areas: pl.DataFrame, neighbours: pl.DataFrame
) -> pl.DataFrame:
    """Benchmarks for every council with a published row, per indicator and year.

    Args:
        published: ``csc_published_figures`` rows.
        areas: ``csc_reference_areas`` rows (each council's region).
        neighbours: ``la_code``, ``neighbour_la_code`` pairs.

    Returns:
        One row per indicator, year and council: ``published_la``, ``statistical_neighbours``
        (mean), ``neighbours_with_figure``, ``region_code``, ``region``, ``england``,
        ``lower_quartile``, ``upper_quartile``, ``quartile_band`` and ``synthetic``.
    """
    figures = preferred_figures(published)
    councils = figures.filter(pl.col("level") == Level.LA).select(
        *_KEY, pl.col("value").alias("published_la"), "synthetic"
    )
    quartiles = (
        councils.drop_nulls("published_la")
        .group_by("indicator_id", "year", "synthetic")
        .agg(
            quartile("published_la", 0.25).alias("lower_quartile"),
            quartile("published_la", 0.75).alias("upper_quartile"),
        )
    )
    neighbour_means = (
        neighbours.select("la_code", "neighbour_la_code")
        .join(
            councils.drop_nulls("published_la").rename({"la_code": "neighbour_la_code"}),
            on="neighbour_la_code",
        )
        .group_by(*_KEY)
        .agg(
            pl.col("published_la").mean().alias("statistical_neighbours"),
            pl.len().cast(pl.Int32).alias("neighbours_with_figure"),
        )
    )
    regions = figures.filter(pl.col("level") == Level.REGION).select(
        "indicator_id",
        "year",
        pl.col("la_code").alias("region_code"),
        pl.col("value").alias("region"),
    )
    england = figures.filter(pl.col("level") == Level.ENGLAND).select(
        "indicator_id", "year", "synthetic", pl.col("value").alias("england")
    )
    value = pl.col("published_la")
    return (
        councils.join(neighbour_means, on=list(_KEY), how="left")
        .with_columns(pl.col("neighbours_with_figure").fill_null(0))
        .join(areas.select("la_code", "region_code"), on="la_code", how="left")
        .join(regions, on=["indicator_id", "year", "region_code"], how="left")
        .join(england, on=["indicator_id", "year", "synthetic"], how="left")
        .join(quartiles, on=["indicator_id", "year", "synthetic"], how="left")
        .with_columns(
            quartile_band(value, pl.col("lower_quartile"), pl.col("upper_quartile")).alias(
                "quartile_band"
            )
        )
        .sort(*_KEY)
    )


def with_council_neighbours(
    neighbours: pl.DataFrame, chosen: Mapping[str, Sequence[str]]
) -> pl.DataFrame:
    """The model's neighbour pairs, with each council in ``chosen`` given its own list instead
    (a council's configuration may name its own comparator group)."""
    own = pl.DataFrame(
        [(la, n) for la, codes in chosen.items() for n in codes],
        schema={"la_code": pl.String, "neighbour_la_code": pl.String},
        orient="row",
    )
    kept = neighbours.filter(~pl.col("la_code").is_in(list(chosen))).select(own.columns)
    return pl.concat([kept, own])


def load_benchmarks(
    con: duckdb.DuckDBPyConnection, own_neighbours: Mapping[str, Sequence[str]] | None = None
) -> pl.DataFrame:
    """:func:`benchmark_frame` over the store's reference tables.

    Args:
        con: the store.
        own_neighbours: council → neighbour codes replacing the imported model's, e.g.
            ``{config.council.la_code: config.council.statistical_neighbours}`` when set.
    """
    neighbours = read_table(con, NEIGHBOURS)
    if own_neighbours:
        neighbours = with_council_neighbours(neighbours, own_neighbours)
    return benchmark_frame(read_table(con, PUBLISHED), read_table(con, AREAS), neighbours)


def benchmarks_for(frame: pl.DataFrame, la_code: str, indicator_id: str, year: int) -> Benchmarks:
    """The :class:`Benchmarks` of one council, indicator and reporting year (ending 31 March
    ``year``) from a :func:`benchmark_frame`; all comparators empty when nothing is published."""
    row = frame.filter(
        pl.col("la_code") == la_code,
        pl.col("indicator_id") == indicator_id,
        pl.col("year") == year,
    )
    if row.is_empty():
        return Benchmarks(year=year_label(year))
    found = row.row(0, named=True)
    band = found["quartile_band"]
    return Benchmarks(
        year=year_label(year),
        published_la=found["published_la"],
        statistical_neighbours=found["statistical_neighbours"],
        region=found["region"],
        england=found["england"],
        quartile_band=None if band is None else QuartileBand(band),
        lower_quartile=found["lower_quartile"],
        upper_quartile=found["upper_quartile"],
        synthetic=found["synthetic"],
    )
