"""A full demo run on a small council: no child, family or worker id in any log line or public
output (scorecard HTML, PDF text and workbook, results CSV, indicator definitions)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import openpyxl
import pytest
from pypdf import PdfReader
from tests.privacy.conftest import leaked
from typer.testing import CliRunner

from csc_scorecard.cli import build_app
from csc_scorecard.model import TABLES


def _store_ids(db: Path) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            str(value)
            for table in TABLES
            for column in table.all_columns
            if column.identifier
            for (value,) in con.execute(
                f'SELECT DISTINCT "{column.name}" FROM "{table.name}"'
            ).fetchall()
            if value is not None
        }
    finally:
        con.close()


def _workbook_text(path: Path) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return "\n".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    finally:
        book.close()


@pytest.mark.slow
def test_no_identifier_in_the_demo_logs_or_public_outputs(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    arguments = ["demo", "--out", str(out), "--children", "2000", "--years", "2"]
    result = CliRunner().invoke(build_app(), [*arguments, "--end-month", "2026-03"])
    assert result.exit_code == 0, result.output
    ids = _store_ids(out / "store.duckdb")
    assert len(ids) > 100
    public = {
        "log": result.output,
        "results.csv": (out / "results.csv").read_text(encoding="utf-8"),
        "indicators.md": (out / "indicators.md").read_text(encoding="utf-8"),
        "scorecard.html": (out / "scorecard.html").read_text(encoding="utf-8"),
        "scorecard.pdf": "\n".join(
            p.extract_text() for p in PdfReader(out / "scorecard.pdf").pages
        ),
        "scorecard.xlsx": _workbook_text(out / "scorecard.xlsx"),
    }
    found = {name: leaked(ids, text) for name, text in public.items()}
    assert {name: ids for name, ids in found.items() if ids} == {}
