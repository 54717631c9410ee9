"""Analyst commentary in a real in-memory DuckDB: latest wins, history kept, carried forward."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import duckdb
import pytest

from csc_scorecard.store.commentary import (
    Commentary,
    Mode,
    commentary_for,
    commentary_history,
    write_commentary,
)

SEP, OCT, NOV = date(2024, 9, 30), date(2024, 10, 31), date(2024, 11, 30)
DRAFT = "The rolling 12-month rate has risen."


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    yield connection
    connection.close()


def _write(con: duckdb.DuckDBPyConnection, month: date, text: str, hour: int, mode: Mode) -> None:
    write_commentary(
        con,
        indicator_id="referrals_rate",
        la_code="Z01",
        month=month,
        text=text,
        author="analyst",
        mode=mode,
        written_at=datetime(2024, 12, 2, hour),
    )


def test_draft_alone_when_nothing_is_written(con: duckdb.DuckDBPyConnection) -> None:
    assert commentary_for(con, "referrals_rate", "Z01", NOV, DRAFT) == Commentary(DRAFT)


def test_latest_version_for_the_month_wins_and_history_is_kept(
    con: duckdb.DuckDBPyConnection,
) -> None:
    _write(con, NOV, "First go.", 9, Mode.REPLACE)
    _write(con, NOV, "Contacts from schools rose.", 10, Mode.REPLACE)
    shown = commentary_for(con, "referrals_rate", "Z01", NOV, DRAFT)
    assert shown == Commentary("Contacts from schools rose.", NOV, stale=False)
    assert [text for _, text, *_ in commentary_history(con, "referrals_rate", "Z01")] == [
        "First go.",
        "Contacts from schools rose.",
    ]


def test_extend_follows_the_draft(con: duckdb.DuckDBPyConnection) -> None:
    _write(con, NOV, "Contacts from schools rose.", 9, Mode.EXTEND)
    shown = commentary_for(con, "referrals_rate", "Z01", NOV, DRAFT)
    assert shown.text == f"{DRAFT} Contacts from schools rose."


def test_earlier_month_is_carried_forward_and_flagged(con: duckdb.DuckDBPyConnection) -> None:
    _write(con, SEP, "Old note.", 9, Mode.REPLACE)
    _write(con, OCT, "October note.", 8, Mode.EXTEND)
    shown = commentary_for(con, "referrals_rate", "Z01", NOV, DRAFT)
    assert shown == Commentary(f"{DRAFT} October note. (written for October 2024)", OCT, stale=True)
    # a later month's note never reaches back
    assert commentary_for(con, "referrals_rate", "Z01", SEP, DRAFT).text == "Old note."


def test_other_councils_and_indicators_are_separate(con: duckdb.DuckDBPyConnection) -> None:
    _write(con, NOV, "Note.", 9, Mode.REPLACE)
    assert commentary_for(con, "referrals_rate", "Z02", NOV, DRAFT) == Commentary(DRAFT)
    assert commentary_for(con, "re_referrals", "Z01", NOV, DRAFT) == Commentary(DRAFT)
