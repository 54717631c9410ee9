"""Meta-tests that keep the catalogue honest: complete entries, real ids, a test per indicator,
SQL that runs, and a generated document that is current."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from conftest import TinyStore

from csc_scorecard.engine.catalogue import CatalogueError, Shape, load_catalogue
from csc_scorecard.engine.catalogue.docs import render_markdown
from csc_scorecard.engine.catalogue.load import parse_entries

ROOT = Path(__file__).resolve().parents[2]
SEED_INDICATORS = ROOT.parent / "shared" / "reference" / "seed-indicators.csv"
CATALOGUE = load_catalogue()


def test_every_entry_says_what_it_measures_and_where_the_rule_comes_from() -> None:
    for ind in CATALOGUE:
        for text in (ind.title, ind.definition, ind.source):
            assert len(text.split()) >= 3, f"{ind.id}: title, definition and source are needed"
        assert ind.periods, ind.id


@pytest.mark.skipif(not SEED_INDICATORS.exists(), reason="../shared/reference not beside checkout")
def test_ids_are_the_seed_indicator_ids() -> None:
    with SEED_INDICATORS.open(encoding="utf-8") as f:
        seed_ids = {row["id"] for row in csv.DictReader(f)}
    assert {i.id for i in CATALOGUE} <= seed_ids


def test_every_indicator_has_a_hand_worked_test() -> None:
    tests = "\n".join(
        p.read_text("utf-8")
        for p in Path(__file__).parent.glob("test_*.py")
        if p.name != Path(__file__).name
    )
    quoted = set(re.findall(r"\"([a-z0-9_]+)\"", tests))
    untested = [i.id for i in CATALOGUE if i.id not in quoted]
    assert untested == []


def test_every_indicator_runs_on_an_empty_store(store: TinyStore) -> None:
    store.population(2024, 10_000)
    store.add("ssd_person", {"pers_person_id": "X"})
    results = store.compute([i.id for i in CATALOGUE], "2024-04", "2025-03")
    counted = results.filter(results["breakdown"].is_null())
    assert set(counted["indicator_id"]) == {i.id for i in CATALOGUE if i.shape is not Shape.MANUAL}


def test_docs_indicators_is_current() -> None:
    written = (ROOT / "docs" / "indicators.md").read_text("utf-8")
    assert written == render_markdown(), (
        "run: python -m csc_scorecard.engine.catalogue.docs > docs/indicators.md"
    )


BASE = {
    "id": "x_count",
    "title": "A count of x",
    "definition": "Rows of x in the period.",
    "source": "Local definition",
    "unit": "count",
    "counting": "event",
    "polarity": "none",
    "periods": ["month"],
    "from": "referrals",
    "date": "referral_date",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"unit": "bananas"}, "unit = 'bananas' is not one of"),
        ({"periods": ["fortnight"]}, "periods ['fortnight'] must be among"),
        ({"colour": "red"}, "unknown keys colour"),
        ({"date": None}, "event count needs date"),
        ({"unit": "percent"}, "event percent needs numerator"),
        ({"periods": ["snapshot"]}, "periods ['snapshot'] do not suit event"),
        ({"counting": "child", "weight": "1"}, "weights apply only to events"),
    ],
)
def test_a_bad_entry_is_named_with_its_key(change: dict[str, object], message: str) -> None:
    raw = {k: v for k, v in {**BASE, **change}.items() if v is not None}
    with pytest.raises(CatalogueError, match=re.escape(message)) as error:
        parse_entries("local.toml", {"domain": "test", "indicator": [raw]})
    assert "local.toml indicator x_count" in str(error.value)


def test_an_entry_without_a_domain_is_refused() -> None:
    with pytest.raises(CatalogueError, match="domain"):
        parse_entries("local.toml", {"indicator": [BASE]})


def test_no_source_view_has_a_column_the_engine_reserves(store: TinyStore) -> None:
    """``month_end`` in a fragment means the month end a row counts at; a view column of that
    name would be silently shadowed."""
    from csc_scorecard.engine.compute import prepare
    from csc_scorecard.engine.context import ComputeRange
    from csc_scorecard.engine.periods import parse_month
    from csc_scorecard.engine.sources import source_views

    store.compute(["referrals_count"], "2024-04", "2024-04")
    backend = store.backend()
    prepare(backend, ComputeRange(parse_month("2024-04"), parse_month("2024-04")))
    clashing = [
        view.view_name
        for view in source_views()
        if "month_end" in backend.query(f"SELECT * FROM {view.view_name} LIMIT 0").columns
    ]
    assert clashing == []
