"""The audit log (``csc_audit``): who saw which child-level list, who changed what, who
downloaded which report.

Append-only and kept in the store beside the data it is about. The detail names figures and
indicators, never a child: the list itself can be recomputed from the figure if ever needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

import duckdb

TABLE = "csc_audit"

_DDL = f"""CREATE TABLE IF NOT EXISTS {TABLE} (
  logged_at TIMESTAMP NOT NULL,
  user_name VARCHAR NOT NULL,
  action VARCHAR NOT NULL,
  detail VARCHAR NOT NULL
)"""


class Action(StrEnum):
    """What was done."""

    VIEW_CHILDREN = "viewed children behind a figure"
    EDIT_COMMENTARY = "edited commentary"
    DOWNLOAD = "downloaded a report"


@dataclass(frozen=True)
class Entry:
    """One line of the log."""

    at: datetime
    user: str
    action: Action
    detail: str


def create_audit_table(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``csc_audit`` if missing."""
    con.execute(_DDL)


def record(con: duckdb.DuckDBPyConnection, user: str, action: Action, detail: str) -> None:
    """Append one entry, timed now (UTC)."""
    at = datetime.now(UTC).replace(tzinfo=None)
    con.execute(f"INSERT INTO {TABLE} VALUES (?, ?, ?, ?)", [at, user, action.value, detail])


def entries(con: duckdb.DuckDBPyConnection, limit: int = 200) -> list[Entry]:
    """The latest ``limit`` entries, newest first."""
    rows = con.execute(
        f"SELECT logged_at, user_name, action, detail FROM {TABLE} ORDER BY logged_at DESC LIMIT ?",
        [limit],
    ).fetchall()
    return [Entry(at, u, Action(a), d) for at, u, a, d in rows]
