"""Synthetic councils: realistic, deterministic children's social care records for tests and demos.

``synthesise`` writes one canonical CSV per table for any number of councils (council by council,
so memory is bounded by the largest); ``generate_council`` returns one council's tables in memory;
``synthesise_store`` writes them and ingests them into a fresh store, as the demo, the benchmarks
and the tests that need a whole council do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypedDict, Unpack

import numpy as np
import polars as pl

from csc_scorecard.ingest import IngestReport, ingest
from csc_scorecard.synth.context import Council
from csc_scorecard.synth.council import generate_council
from csc_scorecard.synth.manual import ManualSpec
from csc_scorecard.synth.profile import ENGLAND, council_code, council_sizes, varied_profile
from csc_scorecard.synth.writer import CanonicalCsvWriter

__all__ = [
    "ManualSpec",
    "SynthOptions",
    "SynthSummary",
    "SyntheticStore",
    "council_tables",
    "synthesise",
    "synthesise_store",
]


@dataclass(frozen=True)
class SynthSummary:
    """What ``synthesise`` wrote: rows per table, and the councils with their child populations."""

    rows: Mapping[str, int]
    councils: Mapping[str, int]
    """Children aged 0-17 in each council, by LA code."""

    @property
    def children(self) -> int:
        return sum(self.councils.values())


def plan_councils(
    *, children: int, councils: int, years: int, end_month: date, seed: int
) -> list[Council]:
    """The councils a run generates: codes, sizes, profiles and the shared window.

    The window runs from the first day of the month ``years`` years before ``end_month``'s month
    (exclusive) to the last day of ``end_month``.
    """
    if children < 1 or councils < 1 or years < 1:
        raise ValueError("children, councils and years must be at least 1")
    rng = np.random.default_rng([seed, 0xC0])
    sizes = council_sizes(children, councils, rng)
    last = (np.datetime64(end_month, "M") + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
    first = np.datetime64(end_month, "M") - np.timedelta64(12 * years - 1, "M")
    return [
        Council(
            la_code=council_code(i),
            index=i,
            children=size,
            profile=ENGLAND if councils == 1 else varied_profile(rng),
            start=first.astype("datetime64[D]").astype(date),
            end=last.astype(date),
            seed=seed,
        )
        for i, size in enumerate(sizes)
    ]


def council_tables(
    *,
    children: int = 50_000,
    years: int = 6,
    end_month: date,
    seed: int = 1,
    manual: Sequence[ManualSpec] = (),
) -> dict[str, pl.DataFrame]:
    """One council's canonical tables in memory (``la_code`` ``Z01``), for tests and notebooks.

    ``manual`` names the hand-entered measures to fill ``csc_manual_measures`` with (see
    ``synthesise``).
    """
    (council,) = plan_councils(
        children=children, councils=1, years=years, end_month=end_month, seed=seed
    )
    return generate_council(council, manual)


def synthesise(
    out: Path,
    *,
    children: int = 50_000,
    councils: int = 1,
    years: int = 6,
    end_month: date,
    seed: int = 1,
    manual: Sequence[ManualSpec] = (),
    progress: Callable[[int, int], None] | None = None,
) -> SynthSummary:
    """Write ``<table>.csv`` for every canonical table into ``out``.

    Args:
        out: folder to write into (created if needed); existing files of the same names are
            replaced only when the whole run succeeds.
        children: children aged 0-17 across all councils, split by a realistic size spread.
        councils: how many councils (codes ``Z01``, ``Z02`` ...).
        years: years of records up to ``end_month``.
        end_month: any date in the last month covered.
        seed: same arguments and seed give byte-identical files.
        manual: the hand-entered measures to write figures for (``csc_manual_measures``), given
            as data so the generator needs no catalogue: callers pass the catalogue's manual
            indicators. Each measure's figures depend only on the seed, council and its own id.
        progress: called with (councils done, councils in all) after each council.
    """
    plan = plan_councils(
        children=children, councils=councils, years=years, end_month=end_month, seed=seed
    )
    with CanonicalCsvWriter(out) as writer:
        for done, council in enumerate(plan, start=1):
            writer.append(generate_council(council, manual))
            if progress is not None:
                progress(done, len(plan))
        rows = dict(writer.rows)
    return SynthSummary(rows=rows, councils={c.la_code: c.children for c in plan})


@dataclass(frozen=True)
class SyntheticStore:
    """What ``synthesise_store`` wrote: the canonical CSVs, the store, and both runs' reports."""

    data: Path
    """The folder of ``<table>.csv`` files."""
    path: Path
    """The DuckDB store ingested from them."""
    summary: SynthSummary
    ingest_report: IngestReport


class SynthOptions(TypedDict, total=False):
    """``synthesise``'s arguments that ``synthesise_store`` passes on (its defaults hold)."""

    children: int
    councils: int
    years: int
    seed: int
    manual: Sequence[ManualSpec]


def synthesise_store(
    folder: Path,
    *,
    end_month: date,
    step: Callable[[str], None] = lambda _: None,
    **options: Unpack[SynthOptions],
) -> SyntheticStore:
    """Synthesise councils into ``folder/data``, then ingest them into ``folder/store.duckdb``.

    ``end_month`` and ``options`` are ``synthesise``'s. A store already at that path is replaced,
    not added to.

    Args:
        folder: where to write (created if needed).
        step: told the name of each step (synthesising, ingesting) as it starts.
    """
    data, path = folder / "data", folder / "store.duckdb"
    councils = options.get("councils", 1)
    step("Synthesising a council" if councils == 1 else f"Synthesising {councils:,} councils")
    summary = synthesise(data, end_month=end_month, **options)
    step("Ingesting")
    path.unlink(missing_ok=True)
    report = ingest([data], path)
    return SyntheticStore(data, path, summary, report)
