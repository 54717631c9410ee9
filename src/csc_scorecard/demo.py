"""The whole job on a built-in synthetic council: synthesise, ingest, compute, write outputs.

This is what ``csc-scorecard demo`` runs and what the README's first command shows. As report
renderers are added, the demo builds each of them too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.catalogue.docs import render_markdown
from csc_scorecard.engine.catalogue.entry import Shape
from csc_scorecard.engine.run import compute_store
from csc_scorecard.files import atomic_path, write_frame
from csc_scorecard.ingest import IngestReport
from csc_scorecard.ingest.report import write_rejections_csv
from csc_scorecard.reference.measures import load_measures
from csc_scorecard.reference.synthetic import write_synthetic_reference
from csc_scorecard.render.pack import PackLayouts, pack_from_store, write_pack
from csc_scorecard.synth import ManualSpec, synthesise_store

DEMO_CHILDREN = 60_000
DEMO_YEARS = 4
NATIONAL_COUNCILS = 153
NATIONAL_SHARE = 30
"""The synthetic national set the demo's benchmarks come from has England's number of councils,
each a thirtieth of the demo council's size (small, so the demo stays quick: only their
published-style yearly figures are used)."""


def _synthetic_benchmarks(
    folder: Path, store: Path, results: pl.DataFrame, *, children: int, end_month: date, seed: int
) -> None:
    """Publish-style figures for 153 synthetic councils (the demo council as the first), stored
    as the demo's benchmarks and marked synthetic in every output that shows them."""
    mapped = sorted(load_measures().measures)
    national = synthesise_store(
        folder,
        children=NATIONAL_COUNCILS * max(children // NATIONAL_SHARE, 300),
        councils=NATIONAL_COUNCILS,
        years=2,
        end_month=end_month,
        seed=seed + 1,
    )
    others = compute_store(national.path, all_months=True, indicator_ids=mapped)
    own = results.get_column("la_code").unique().to_list()
    figures = pl.concat([results, others.filter(~pl.col("la_code").is_in(own))])
    con = duckdb.connect(str(store))
    try:
        write_synthetic_reference(con, figures)
    finally:
        con.close()


def catalogue_manual_specs() -> tuple[ManualSpec, ...]:
    """The catalogue's hand-entered indicators, as the generator's specs.

    The generator knows nothing of the catalogue, so this is where the two meet: every manual
    indicator gets synthetic figures for each period kind it declares.

    Raises:
        ValueError: for a manual indicator in a unit the generator cannot fill.
    """
    return tuple(
        ManualSpec.of(ind.id, ind.unit, ind.periods)
        for ind in load_catalogue()
        if ind.shape is Shape.MANUAL
    )


@dataclass(frozen=True)
class DemoOutputs:
    """What the demo wrote, for the caller to list."""

    data: Path
    store: Path
    rejects: Path
    results: Path
    catalogue: Path
    ingest_report: IngestReport
    figures: int
    reports: tuple[Path, ...] = ()


def run_demo(
    out: Path,
    *,
    end_month: date,
    children: int = DEMO_CHILDREN,
    years: int = DEMO_YEARS,
    seed: int = 1,
    step: Callable[[str], None] = lambda _: None,
) -> DemoOutputs:
    """Build everything into ``out`` from a synthetic council ending at ``end_month``.

    Args:
        out: the folder to write (created if missing; files in it are replaced).
        end_month: last day of the last month of synthetic data.
        children: the council's population aged 0-17.
        years: years of history to synthesise.
        seed: random seed: the same seed gives the same council.
        step: told the name of each step as it starts, for progress display.
    """
    out.mkdir(parents=True, exist_ok=True)
    built = synthesise_store(
        out,
        children=children,
        years=years,
        end_month=end_month,
        seed=seed,
        manual=catalogue_manual_specs(),
        step=step,
    )
    data, store, report = built.data, built.path, built.ingest_report
    rejects = out / "rejects.csv"
    write_rejections_csv(report.rejections, rejects)
    step("Computing every indicator at every month end")
    results = compute_store(store, all_months=True)
    results_path = out / "results.csv"
    write_frame(results, results_path)
    catalogue = out / "indicators.md"
    with atomic_path(catalogue) as tmp:
        tmp.write_text(render_markdown(), encoding="utf-8")
    step("Building synthetic national benchmarks")
    _synthetic_benchmarks(
        out / "national", store, results, children=children, end_month=end_month, seed=seed
    )
    step("Writing the report pack: scorecard, practice report, dashboard, improvement plan")
    # No council configuration: the shipped example, given the synthetic council's code.
    pack = pack_from_store(store, layouts=PackLayouts.shipped())
    written = write_pack(pack, out)
    reports = tuple(path for paths in written.values() for path in paths.values())
    return DemoOutputs(
        data, store, rejects, results_path, catalogue, report, results.height, reports
    )
