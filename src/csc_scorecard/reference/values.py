"""Turning published cells into numbers, years and area codes, the same way for every layout.

DfE files mark what is not a number with symbols (definitions-notes section 0): ``c`` suppressed,
``z`` not applicable, ``x`` and ``:`` not available, ``k`` under 0.5%, ``low``, ``u`` low
reliability; LAIT writes ``-``, ``..`` or leaves the cell empty. All of them are missing values. Any
other text is also read as missing, but counted, so an import can say it met something new.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from csc_scorecard.engine.periods import financial_year_label
from csc_scorecard.reference.tables import ENGLAND

MISSING_SYMBOLS = frozenset({"", "c", "z", "x", ":", "k", "low", "u", "-", "..", "NA"})

LAIT_AREAS: Mapping[str, str] = {
    "970": ENGLAND,
    "980": "E12000001",  # North East
    "981": "E12000002",  # North West
    "982": "E12000003",  # Yorkshire and The Humber
    "983": "E12000004",  # East Midlands
    "984": "E12000005",  # West Midlands
    "985": "E12000006",  # East of England
    "986": "E12000007",  # London
    "987": "E13000001",  # Inner London
    "988": "E13000002",  # Outer London
    "989": "E12000008",  # South East
    "990": "E12000009",  # South West
}
"""LAIT's area numbers for England and regions, as ONS codes.

Matched by their 2024 re-referral figures against the EES c1 regional rows (each unique).
"""


def number(column: str) -> pl.Expr:
    """``column`` (text) as a float: symbols and any other text become null."""
    return pl.col(column).str.strip_chars().cast(pl.Float64, strict=False)


def unrecognised(column: str) -> pl.Expr:
    """True where ``column`` holds text that is neither a number nor a known symbol."""
    text = pl.col(column).str.strip_chars()
    return (
        text.is_not_null()
        & ~text.is_in(list(MISSING_SYMBOLS))
        & text.cast(pl.Float64, strict=False).is_null()
    )


def reporting_year(column: str) -> pl.Expr:
    """The year a reporting year ends in: ``2025`` as is; ``202425`` and ``2024/25`` → 2025."""
    text = pl.col(column).str.strip_chars()
    first = text.str.slice(0, 4).cast(pl.Int32, strict=False)
    return pl.when(text.str.len_chars() == 4).then(first).otherwise(first + 1).cast(pl.Int32)


def year_label(year: int) -> str:
    """The label reports print for the year ending 31 March ``year``: 2025 → ``2024-25``."""
    return financial_year_label(year)
