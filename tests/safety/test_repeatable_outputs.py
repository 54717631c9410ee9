"""A second run on the same inputs gives byte-identical outputs.

Results and rejects CSVs carry no timestamp. The scorecard's Data Source table has one line that
is the wall clock by design, "Produced" (when and by which version the file was made, set in
``render/from_store.py``); it is blanked before comparing. Everything else in the page, "Last
loaded" included (the ingest run's own time, read from the store), comes from the data.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.safety.commands import cli, ingest_cli

PRODUCED = re.compile(r"(>Produced</th>\s*<td[^>]*>)[^<]*")


def test_two_ingests_and_computes_of_the_same_inputs_write_the_same_bytes(
    council: Path, store: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again" / "store.duckdb"
    again.parent.mkdir()
    ingest_cli(council, again)
    first_rejects = store.with_name("store.rejects.csv").read_bytes()
    assert first_rejects.count(b"\n") == 3  # the header and the two bad contacts
    assert again.with_name("store.rejects.csv").read_bytes() == first_rejects
    for db, out in ((store, "first.csv"), (again, "second.csv")):
        cli("compute", "--db", str(db), "--out", str(tmp_path / out), "--no-record")
    assert (tmp_path / "first.csv").read_bytes() == (tmp_path / "second.csv").read_bytes()


def test_two_scorecards_from_the_same_store_differ_only_in_the_produced_line(
    store: Path, tmp_path: Path
) -> None:
    pages = []
    for name in ("first", "second"):
        out = tmp_path / name
        cli(
            "report",
            "scorecard",
            "--db",
            str(store),
            "--out",
            str(out),
            "--format",
            "html",
            "--no-record",
        )
        pages.append(PRODUCED.sub(r"\1", (out / "scorecard.html").read_text(encoding="utf-8")))
    assert "Produced" in pages[0]
    assert pages[0] == pages[1]
