"""The schema declarations are consistent with SSD, the code lists and the generated docs."""

from __future__ import annotations

from pathlib import Path

import pytest

from csc_scorecard.model import TABLES
from csc_scorecard.model.codes import code_lists
from csc_scorecard.model.docs import render_markdown

ROOT = Path(__file__).resolve().parents[2]
SSD_TABLES = ROOT.parent / "shared" / "reference" / "ssd-tables.txt"


def _ssd_columns() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in SSD_TABLES.read_text().splitlines():
        name, _, cols = line.partition("]: ")
        out[name.split(" ")[0]] = {c for c in cols.strip().split(",") if c}
    return out


def test_docs_data_model_is_current() -> None:
    written = (ROOT / "docs" / "data-model.md").read_text()
    assert written == render_markdown(), (
        "run: python -m csc_scorecard.model.docs > docs/data-model.md"
    )


def test_every_code_list_named_by_a_column_exists() -> None:
    lists = code_lists()
    missing = [
        (t.name, c.name) for t in TABLES for c in t.columns if c.codes and c.codes not in lists
    ]
    assert missing == []


@pytest.mark.skipif(not SSD_TABLES.exists(), reason="../shared/reference not beside the checkout")
def test_ssd_names_are_used_wherever_ssd_has_the_item() -> None:
    ssd = _ssd_columns()
    for table in TABLES:
        if not table.ssd:
            assert table.name.startswith("csc_"), f"{table.name}: extension tables are csc_*"
            continue
        assert table.name in ssd, f"{table.name} is not an SSD table"
        for col in table.columns:
            if col.ssd:
                assert col.name in ssd[table.name], f"{table.name}.{col.name} is not in SSD"
            else:
                assert col.name not in ssd[table.name], f"{table.name}.{col.name} is SSD, not ext"


def test_every_extension_says_why() -> None:
    for table in TABLES:
        if not table.ssd:
            assert "Extension" in table.description, table.name
        for col in table.columns:
            if not col.ssd and not col.name.endswith("_team"):
                assert "xtension" in col.description, f"{table.name}.{col.name}"
