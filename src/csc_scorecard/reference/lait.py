"""The DfE Local Authority Interactive Tool (LAIT): its long extract and its data dictionary.

The long extract has one row per measure (``Short Desc``), year, and area (``LA Number``: the old
DfE code for LAs, 970 for England, 980-990 for regions). The dictionary gives each measure's
polarity and decimal places. Only measures named in ``measures.toml`` become published figures.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from csc_scorecard.reference.ees import ReferenceFileError, read_csv
from csc_scorecard.reference.measures import MeasureMap
from csc_scorecard.reference.tables import LAIT_MEASURES, PUBLISHED, SCHEMAS, Level, empty
from csc_scorecard.reference.values import LAIT_AREAS, number, reporting_year, unrecognised

LONG_COLUMNS = ("Short Desc", "Years", "LA Number", "Values")
DICTIONARY_COLUMNS = ("Measure_short", "Measure", "Polarity", "dps", "Year_Type", "No_Quartile")


def read_lait_long(path: Path, measures: MeasureMap) -> tuple[pl.DataFrame, int]:
    """Published figures of the mapped LAIT measures in ``path``, and how many cells held
    unrecognised text."""
    frame = _read(path, LONG_COLUMNS)
    indicators = measures.lait_indicators()
    rows = frame.filter(pl.col("Short Desc").is_in(list(indicators))).with_columns(
        pl.col("LA Number").str.strip_chars().str.replace(r"\.0$", "").alias("number")
    )
    if rows.is_empty():
        return empty(PUBLISHED), 0
    odd = int(rows.select(unrecognised("Values").sum()).item())
    published = rows.select(
        pl.col("Short Desc").replace_strict(indicators).alias("indicator_id"),
        reporting_year("Years").alias("year"),
        pl.col("number").replace(LAIT_AREAS).alias("la_code"),
        pl.when(pl.col("number") == "970")
        .then(pl.lit(Level.ENGLAND))
        .when(pl.col("number").is_in(list(LAIT_AREAS)))
        .then(pl.lit(Level.REGION))
        .otherwise(pl.lit(Level.LA))
        .alias("level"),
        number("Values").alias("value"),
        pl.lit(f"lait:{path.name}").alias("source"),
        pl.lit(False).alias("synthetic"),
    ).filter(pl.col("year").is_not_null())
    return published.cast(SCHEMAS[PUBLISHED]), odd


def read_lait_dictionary(path: Path) -> pl.DataFrame:
    """Each LAIT measure's name, polarity (``High``, ``Low`` or ``-``) and decimal places."""
    frame = _read(path, DICTIONARY_COLUMNS)
    return (
        frame.select(
            pl.col("Measure_short").alias("measure_short"),
            pl.col("Measure").alias("measure"),
            pl.col("Polarity").replace({"NA": None}).alias("polarity"),
            pl.col("dps").cast(pl.Int32, strict=False).alias("dps"),
            pl.col("Year_Type").alias("year_type"),
            # LAIT flags a measure with any value (the file uses "N") and leaves others NA.
            pl.col("No_Quartile").str.strip_chars().is_in(["", "NA"]).not_().alias("no_quartile"),
        )
        .filter(pl.col("measure_short").is_not_null())
        .unique("measure_short", keep="first", maintain_order=True)
        .cast(SCHEMAS[LAIT_MEASURES])
    )


def _read(path: Path, columns: tuple[str, ...]) -> pl.DataFrame:
    frame = read_csv(path)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ReferenceFileError(f"{path.name}: no column {', '.join(missing)}")
    return frame
