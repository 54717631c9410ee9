"""A second run on the same inputs gives byte-identical outputs.

Results and rejects CSVs carry no timestamp, and nothing in a scorecard comes from the clock:
its Data Source lines, "Last loaded" and "Produced" included, are read from the store (the ingest
run's own finish time; see ``render/from_store.source_facts``). So the two pages are compared
whole, with nothing blanked.
"""

from __future__ import annotations

from pathlib import Path

from tests.safety.commands import cli, ingest_cli


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


def test_two_scorecards_from_the_same_store_are_byte_identical(store: Path, tmp_path: Path) -> None:
    pages = []
    for name in ("first", "second"):
        out = tmp_path / name
        cli(
            "report",
            "--type",
            "scorecard",
            "--db",
            str(store),
            "--out",
            str(out),
            "--format",
            "html",
            "--no-record",
        )
        pages.append((out / "scorecard.html").read_bytes())
    assert b">Produced</th>" in pages[0] and b"from the load of" in pages[0]
    assert pages[0] == pages[1]
