"""A small synthetic council whose bad rows quote real (synthetic) child ids, and the ids."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest

from csc_scorecard.model import TABLES
from csc_scorecard.synth import synthesise

BAD_ROWS = {
    "ssd_contacts.csv": (
        "Z01,Z01C99999991,{child},2024-02-30,6,NFA\n"  # impossible date, a real child
        "Z01,Z01C99999992,Z01P9999999,2024-03-01,6,NFA\n"  # a child not in ssd_person
    ),
    "ssd_person.csv": "Z01,{child},F,WBRI,2015-01-01,,\n",  # the same child twice
}
TOKEN = re.compile(r"[A-Za-z0-9]+")


@pytest.fixture(scope="package")
def council(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("council") / "data"
    synthesise(data, children=2_000, years=2, end_month=date(2026, 3, 31))
    child = pl.read_csv(data / "ssd_person.csv", infer_schema=False)["pers_person_id"][0]
    for name, rows in BAD_ROWS.items():
        with (data / name).open("a", encoding="utf-8") as f:
            f.write(rows.format(child=child))
    return data


def input_ids(data: Path) -> set[str]:
    """Every value of every identifier column in the council's input files."""
    found: set[str] = set()
    for table in TABLES:
        path = data / f"{table.name}.csv"
        names = [c.name for c in table.all_columns if c.identifier]
        if names and path.exists():
            frame = pl.read_csv(path, infer_schema=False, columns=names)
            found |= {v for n in names for v in frame[n].drop_nulls()}
    return found


def store_strings(db: Path) -> set[str]:
    """Every distinct text value in every table of the store."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        columns = con.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE data_type = 'VARCHAR'"
        ).fetchall()
        return {
            str(value)
            for table, column in columns
            for (value,) in con.execute(f'SELECT DISTINCT "{column}" FROM "{table}"').fetchall()
            if value is not None
        }
    finally:
        con.close()


def leaked(ids: set[str], text: str) -> set[str]:
    """The ids that appear as whole words in ``text``."""
    return ids & set(TOKEN.findall(text))
