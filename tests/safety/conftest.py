"""A small synthetic council with a few bad rows, and a store ingested from it by the CLI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.safety.commands import ingest_cli

from csc_scorecard.synth import synthesise

BAD_CONTACTS = (
    "Z01,Z01C99999991,Z01P0000011,2024-02-30,6,NFA\n"  # impossible date
    "Z01,Z01C99999992,Z01P9999999,2024-03-01,6,NFA\n"  # a child not in ssd_person
)


@pytest.fixture(scope="package")
def council(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 children over two years to March 2026, with two contacts ingest must reject."""
    data = tmp_path_factory.mktemp("council") / "data"
    synthesise(data, children=3_000, years=2, end_month=date(2026, 3, 31))
    with (data / "ssd_contacts.csv").open("a", encoding="utf-8") as contacts:
        contacts.write(BAD_CONTACTS)
    return data


@pytest.fixture(scope="package")
def store(council: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The council's store; tests must not record runs into it (use --no-record)."""
    path = tmp_path_factory.mktemp("store") / "store.duckdb"
    ingest_cli(council, path)
    return path
