"""One hostile input, and what running it must never do.

A case builds its input under a folder it is given, so the corpus is code (a few templates and
many mutations), not hundreds of committed files. The outcome records the three ways an input
can beat the software: a crash (any exception other than the entry point's documented one), a
silent loss (a data row or a file that ends up neither loaded nor reported), and a leak (a child's
identifier in a message). Anything else a case finds wrong (an unlocated message, counts that do
not reconcile) is a ``problem``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from csc_scorecard.ingest.report import Reason


@dataclass(frozen=True)
class Case:
    """A hostile input for one reader.

    Attributes:
        name: unique and readable (``<reader>-<table>-<mutation>``); the pytest id.
        reader: which reader (or loader) it attacks: ``canonical``, ``ssd``, ``cin_census``,
            ``ssda903``, ``annex_a``, ``config`` or ``reference``.
        build: writes the input under the folder given and returns the path to load.
        ids: every identifier value in the input; none may appear in any message.
        la_code: the ``--la-code`` to ingest with.
        format: the ``--format`` to ingest with (None: detect).
        expected: data rows in the input counted by the case itself where the reader's own
            counting cannot be checked from the files alone, by (file name, canonical table).
        reasons: rejection reasons the input must draw, each at least once: a planted mistake
            must be reported as what it is, not merely caught by some other check.
    """

    name: str
    reader: str
    build: Callable[[Path], Path]
    ids: tuple[str, ...] = ()
    la_code: str | None = None
    format: str | None = None
    expected: Mapping[tuple[str, str], int] = field(default_factory=dict)
    reasons: frozenset[Reason] = frozenset()


@dataclass
class Outcome:
    """What running one case showed; a clean case has every list empty."""

    case: str
    reader: str
    crash: str | None = None
    lost: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return self.crash is None and not (self.lost or self.leaks or self.problems)

    def explain(self) -> str:
        parts = [f"crash: {self.crash}"] if self.crash else []
        parts += [f"lost: {x}" for x in self.lost]
        parts += [f"leak: {x}" for x in self.leaks]
        parts += [f"problem: {x}" for x in self.problems]
        return f"{self.case}: " + "; ".join(parts)
