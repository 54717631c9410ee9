"""Synthetic stores for the commands that read one (``store`` fixtures of the test modules)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from csc_scorecard.demo import catalogue_manual_specs
from csc_scorecard.synth import synthesise_store


@pytest.fixture(scope="session")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """Builds a new store of synthetic councils (``Z01``, ``Z02`` ...) with every manual
    indicator's figures, two years to November 2024: ``children`` in all, ``councils`` of them
    (default 1). Each call builds its own: the commands record runs in the store they read."""

    def build(*, children: int, councils: int = 1) -> Path:
        folder = tmp_path_factory.mktemp("councils")
        manual = catalogue_manual_specs()
        end = date(2024, 11, 30)
        built = synthesise_store(
            folder, children=children, councils=councils, years=2, end_month=end, manual=manual
        )
        return built.path

    return build
