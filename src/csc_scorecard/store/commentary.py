"""Analyst commentary: text that replaces or extends the drafted analysis, per indicator,
council and month.

Every version is kept (``csc_commentary`` is append-only) and the latest written wins, so an
analyst can see who changed what. A month without commentary shows the latest earlier month's,
marked with the month it was written for: the reader sees it may be stale. The text is stored as
given; it may mention children, so it stays in the store and reports decide what they publish.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import assert_never

import duckdb

from csc_scorecard.model.calendar import month_year

TABLE = "csc_commentary"

_DDL = f"""CREATE TABLE IF NOT EXISTS {TABLE} (
  indicator_id VARCHAR NOT NULL,
  la_code VARCHAR NOT NULL,
  month DATE NOT NULL,
  text VARCHAR NOT NULL,
  author VARCHAR NOT NULL,
  written_at TIMESTAMP NOT NULL,
  mode VARCHAR NOT NULL CHECK (mode IN ('replace', 'extend'))
)"""


class Mode(StrEnum):
    """Whether the analyst's text replaces the draft or follows it."""

    REPLACE = "replace"
    EXTEND = "extend"


@dataclass(frozen=True)
class Commentary:
    """The text to show for one indicator, council and month.

    Attributes:
        text: the combined text (draft and/or analyst's, per ``mode``).
        written_for: the month end the analyst wrote for; None when only the draft is shown.
        stale: True when the analyst's text was carried forward from an earlier month.
    """

    text: str
    written_for: date | None = None
    stale: bool = False


def create_commentary_table(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``csc_commentary`` if it is missing (harmless when it exists)."""
    con.execute(_DDL)


def write_commentary(
    con: duckdb.DuckDBPyConnection,
    *,
    indicator_id: str,
    la_code: str,
    month: date,
    text: str,
    author: str,
    mode: Mode = Mode.REPLACE,
    written_at: datetime | None = None,
) -> None:
    """Add a version of the commentary; earlier versions stay as history."""
    create_commentary_table(con)
    at = written_at if written_at is not None else datetime.now(UTC).replace(tzinfo=None)
    con.execute(
        f"INSERT INTO {TABLE} VALUES (?, ?, ?, ?, ?, ?, ?)",
        [indicator_id, la_code, month, text, author, at, mode.value],
    )


def commentary_history(
    con: duckdb.DuckDBPyConnection, indicator_id: str, la_code: str
) -> list[tuple[date, str, str, datetime, Mode]]:
    """Every version for the indicator and council: (month, text, author, written_at, mode),
    oldest first."""
    create_commentary_table(con)
    rows = con.execute(
        f"SELECT month, text, author, written_at, mode FROM {TABLE} "
        "WHERE indicator_id = ? AND la_code = ? ORDER BY written_at, month",
        [indicator_id, la_code],
    ).fetchall()
    return [(m, t, a, w, Mode(mode)) for m, t, a, w, mode in rows]


def _combined(draft: str, text: str, mode: Mode) -> str:
    match mode:
        case Mode.REPLACE:
            return text
        case Mode.EXTEND:
            return f"{draft} {text}" if draft else text
        case _:
            assert_never(mode)


def commentary_for(
    con: duckdb.DuckDBPyConnection,
    indicator_id: str,
    la_code: str,
    month: date,
    draft: str = "",
) -> Commentary:
    """The text to show for ``month``: the analyst's latest version for that month, else the
    latest for the nearest earlier month (marked "written for <Month YYYY>"), combined with the
    ``draft`` as its mode says; the draft alone when nothing has been written."""
    create_commentary_table(con)
    row = con.execute(
        f"SELECT month, text, mode FROM {TABLE} "
        "WHERE indicator_id = ? AND la_code = ? AND month <= ? "
        "ORDER BY month DESC, written_at DESC LIMIT 1",
        [indicator_id, la_code, month],
    ).fetchone()
    if row is None:
        return Commentary(draft)
    written_for, text, mode = row
    stale = written_for != month
    if stale:
        text = f"{text} (written for {month_year(written_for)})"
    return Commentary(_combined(draft, text, Mode(mode)), written_for, stale)
