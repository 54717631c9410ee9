"""The app's own tables in the store, created once at start.

Afterwards the library's readers (commentary, reference tables) still say ``CREATE TABLE IF NOT
EXISTS`` first; DuckDB refuses that on a read-only connection, so they get a writable one, but
as the tables exist nothing is written and the file's modification time keeps meaning "the data
changed"."""

from __future__ import annotations

from csc_scorecard.reference.tables import create_reference_tables
from csc_scorecard.store.commentary import create_commentary_table
from csc_scorecard.web.audit import create_audit_table
from csc_scorecard.web.gate import Mode, StoreGate
from csc_scorecard.web.users import create_users_table


def create_app_tables(gate: StoreGate) -> None:
    """Create users, audit, commentary and (empty) reference tables where missing."""
    with gate.connect(Mode.WRITE) as con:
        create_users_table(con)
        create_audit_table(con)
        create_commentary_table(con)
        create_reference_tables(con)
