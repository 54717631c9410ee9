"""The whole hostile corpus: every reader's generated cases."""

from __future__ import annotations

from hostile import corpus_csv, corpus_returns, corpus_settings
from hostile.case import Case


def all_cases() -> list[Case]:
    """Every case, in a stable order; names are unique."""
    cases = [*corpus_csv.cases(), *corpus_returns.cases(), *corpus_settings.cases()]
    names = [c.name for c in cases]
    assert len(set(names)) == len(names), "case names must be unique"
    return cases
