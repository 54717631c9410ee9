"""Every hostile input ends in a report or a documented error, located, reconciled, id-free."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from hostile.case import Case
from hostile.check import run
from hostile.corpus import all_cases

CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path, empty_store: Path) -> None:
    outcome = run(case, tmp_path, empty_store)
    assert outcome.clean, outcome.explain()


def test_the_corpus_covers_every_reader_with_at_least_200_inputs() -> None:
    by_reader = Counter(c.reader for c in CASES)
    assert len(CASES) >= 200
    readers = {"canonical", "ssd", "cin_census", "ssda903", "annex_a", "config", "reference"}
    assert set(by_reader) == readers
