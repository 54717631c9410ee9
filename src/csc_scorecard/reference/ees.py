"""Explore Education Statistics (EES) CSVs: published figures and the LA-to-region lookup.

Every EES file has one row per ``time_period`` x ``geographic_level`` x area x breakdown, with the
standard area columns. National rows are keyed by England's ONS code, regional rows by the region's
(E12, or E13 for Inner and Outer London), LA rows by the old three-digit DfE code, which is the
code statistical neighbour models and LAIT use and which survived the E10 to E06 recodings.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from csc_scorecard.reference.measures import MeasureMap
from csc_scorecard.reference.tables import AREAS, ENGLAND, PUBLISHED, SCHEMAS, Level, empty
from csc_scorecard.reference.values import number, reporting_year, unrecognised

AREA_COLUMNS = ("time_period", "geographic_level", "region_code", "region_name", "old_la_code")
_LEVELS = {"National": Level.ENGLAND, "Regional": Level.REGION, "Local authority": Level.LA}


class ReferenceFileError(ValueError):
    """A reference file cannot be read as its layout says; the message names the file."""


def read_csv(path: Path, *, header_only: bool = False) -> pl.DataFrame:
    """Every cell of ``path`` as text; a file polars cannot parse is a ``ReferenceFileError``.

    Files are saved by hand from Excel, so a wrong encoding, an empty file or a ragged row is
    expected and must reach the user as one line naming the file, not a parser traceback.
    """
    try:
        return pl.read_csv(path, infer_schema=False, n_rows=0 if header_only else None)
    except pl.exceptions.NoDataError:
        raise ReferenceFileError(f"{path.name}: the file is empty") from None
    except pl.exceptions.ComputeError as exc:
        why = (
            "not UTF-8 text (save it as CSV UTF-8)"
            if "utf-8" in str(exc)
            else ("not a well-formed CSV file (a row with too many fields or an unclosed quote)")
        )
        raise ReferenceFileError(f"{path.name}: {why}") from None


def read_ees(path: Path, measures: MeasureMap) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """Published figures of every mapped column in ``path``, its LAs' areas, and how many
    cells held text that is neither a number nor a known symbol.

    Raises:
        ReferenceFileError: a mapped column or filter column is missing, or a filter leaves
            more than one row per year and area.
    """
    frame = read_csv(path)
    _require(path, frame, AREA_COLUMNS)
    rows = frame.with_columns(
        reporting_year("time_period").alias("year"),
        pl.col("geographic_level").replace_strict(_LEVELS, default=None).alias("level"),
    ).filter(pl.col("year").is_not_null() & pl.col("level").is_not_null())
    rows = rows.with_columns(
        pl.when(pl.col("level") == Level.ENGLAND)
        .then(pl.lit(ENGLAND))
        .when(pl.col("level") == Level.REGION)
        .then(pl.col("region_code"))
        .otherwise(pl.col("old_la_code").str.strip_chars())
        .alias("la_code")
    )
    published = [empty(PUBLISHED)]
    odd = 0
    for indicator_id, source in measures.ees_sources(path.name):
        _require(path, frame, (source.value, *source.filters))
        chosen = rows.filter(*(pl.col(c) == v for c, v in source.filters.items()), pl.lit(True))
        duplicated = chosen.select("year", "la_code").is_duplicated()
        if duplicated.any():
            raise ReferenceFileError(
                f"{path.name}: {indicator_id}: more than one {source.value} row per year and "
                "area; measures.toml needs filters that pick one"
            )
        odd += int(chosen.select(unrecognised(source.value).sum()).item())
        published.append(
            chosen.select(
                pl.lit(indicator_id).alias("indicator_id"),
                "year",
                "la_code",
                "level",
                number(source.value).alias("value"),
                pl.lit(f"ees:{path.name}").alias("source"),
                pl.lit(False).alias("synthetic"),
            ).cast(SCHEMAS[PUBLISHED])
        )
    return pl.concat(published), _areas(rows), odd


def _areas(rows: pl.DataFrame) -> pl.DataFrame:
    """Each LA's name, ONS code and region as in its latest year in the file."""
    las = rows.filter(pl.col("level") == Level.LA)
    if las.is_empty():
        return empty(AREAS)
    return (
        las.sort("year", descending=True)
        .unique("la_code", keep="first")
        .select(
            "la_code",
            pl.col("la_name") if "la_name" in las.columns else pl.lit(None).alias("la_name"),
            pl.col("new_la_code").alias("ons_code")
            if "new_la_code" in las.columns
            else pl.lit(None).alias("ons_code"),
            "region_code",
            "region_name",
            pl.lit(False).alias("synthetic"),
        )
        .cast(SCHEMAS[AREAS])
        .sort("la_code")
    )


def _require(path: Path, frame: pl.DataFrame, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ReferenceFileError(f"{path.name}: no column {', '.join(missing)}")
