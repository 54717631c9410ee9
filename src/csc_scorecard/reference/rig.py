"""Regional improvement group (RIG) quarterly figures, from a small CSV the council keeps.

RIGs share quarterly figures among a region's councils (seed 000's "RIG Q1 Sefton" and
"2024-25 Q1 RIG NW" columns) in no standard file, so the council copies them into a CSV:

    indicator_id,quarter,la_value,group_value
    re_referrals_12m_pct,2024-25 Q1,24.0,22.2

``quarter`` is the reporting year and quarter (Q1 = April to June); values may be empty or a DfE
missing symbol.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import polars as pl

from csc_scorecard.reference.ees import ReferenceFileError, read_csv
from csc_scorecard.reference.tables import RIG, SCHEMAS
from csc_scorecard.reference.values import number, unrecognised

COLUMNS = ("indicator_id", "quarter", "la_value", "group_value")
_QUARTER = r"^\d{4}-\d{2} Q[1-4]$"


def read_rig(path: Path, known_indicators: Collection[str]) -> pl.DataFrame:
    """The RIG figures in ``path``.

    Raises:
        ReferenceFileError: listing rows (numbered from 2, after the header) with an unknown
            indicator id, a quarter not like ``2024-25 Q1``, or a value that is not a number.
    """
    frame = read_csv(path)
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ReferenceFileError(f"{path.name}: no column {', '.join(missing)}")
    checked = frame.with_row_index("row", offset=2).with_columns(
        pl.col("indicator_id").str.strip_chars(), pl.col("quarter").str.strip_chars()
    )
    problems = checked.select(
        "row",
        pl.when(~pl.col("indicator_id").is_in(list(known_indicators)))
        .then(pl.lit("indicator_id is not a catalogue id"))
        .when(~pl.col("quarter").str.contains(_QUARTER).fill_null(False))
        .then(pl.lit("quarter is not like 2024-25 Q1"))
        .when(unrecognised("la_value") | unrecognised("group_value"))
        .then(pl.lit("a value is not a number"))
        .alias("problem"),
    ).drop_nulls("problem")
    if not problems.is_empty():
        lines = [f"{path.name}: row {row}: {problem}" for row, problem in problems.iter_rows()]
        raise ReferenceFileError("\n".join(lines))
    return checked.select(
        "indicator_id",
        "quarter",
        number("la_value").alias("la_value"),
        number("group_value").alias("group_value"),
        pl.lit(f"rig:{path.name}").alias("source"),
    ).cast(SCHEMAS[RIG])
