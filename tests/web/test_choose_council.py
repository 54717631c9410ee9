"""The dashboard picks its council as the reports do, and refuses the same mistakes in the same
words (``render.from_store.council_config``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from csc_scorecard.engine.run import councils_in_store
from csc_scorecard.render.from_store import example_config
from csc_scorecard.web.gate import StoreGate
from csc_scorecard.web.snapshot import choose_council


def test_the_stores_only_council_gets_the_example(store: Path) -> None:
    [council] = councils_in_store(store)
    config, is_example = choose_council(StoreGate(store), None)
    assert (config.council.la_code, is_example) == (council, True)


def test_a_council_the_store_does_not_hold_is_refused(store: Path) -> None:
    [council] = councils_in_store(store)
    with pytest.raises(
        ValueError, match=rf"^the store holds no children of council Z99 \(it holds {council}\)$"
    ):
        choose_council(StoreGate(store), example_config("Z99"))
