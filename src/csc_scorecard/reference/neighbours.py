"""Statistical neighbour models: each council's ten nearest councils (NFER model, refreshed 2021
and 2025).

Two CSV layouts are read: the EES wide file (``old_la_code, SN_1, SN_1P ... SN_10, SN_10P``) and
LAIT's (``LA num, SN1, SNP, SN2, SNP ...``), where every closeness column is called ``SNP`` and
is told apart by position: it follows its neighbour's column.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from csc_scorecard.reference.ees import ReferenceFileError, read_csv
from csc_scorecard.reference.tables import NEIGHBOURS, SCHEMAS

_WIDE = re.compile(r"SN_(\d+)")
_LAIT = re.compile(r"SN(\d+)")


def is_neighbour_model(columns: list[str]) -> bool:
    """True for either layout's header."""
    return "SN_1" in columns or "SN1" in columns


def read_neighbours(path: Path) -> pl.DataFrame:
    """One row per council and neighbour rank: the neighbour's code and its closeness label."""
    frame = read_csv(path)
    wide = "SN_1" in frame.columns
    council = "old_la_code" if wide else "LA num"
    pattern = _WIDE if wide else _LAIT
    if council not in frame.columns:
        raise ReferenceFileError(f"{path.name}: no column {council}")
    parts = []
    for position, column in enumerate(frame.columns):
        match = pattern.fullmatch(column)
        if not match:
            continue
        closeness = frame.columns[position + 1] if position + 1 < len(frame.columns) else None
        parts.append(
            frame.select(
                pl.col(council).str.strip_chars().alias("la_code"),
                pl.lit(int(match[1])).alias("rank"),
                pl.col(column).str.strip_chars().alias("neighbour_la_code"),
                (pl.col(closeness).str.strip_chars() if closeness else pl.lit(None)).alias(
                    "closeness"
                ),
                pl.lit(path.stem).alias("model"),
            )
        )
    if not parts:
        raise ReferenceFileError(f"{path.name}: no neighbour columns (SN_1 or SN1)")
    return (
        pl.concat(parts)
        .filter(pl.col("la_code").is_not_null() & pl.col("neighbour_la_code").is_not_null())
        .cast(SCHEMAS[NEIGHBOURS])
        .sort("la_code", "rank")
    )
