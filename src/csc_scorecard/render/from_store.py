"""Everything a scorecard needs, read from a store: figures, benchmarks, RIG, commentary.

The CLI, the demo and the web app call :func:`scorecard_from_store`; tests of the report itself
call :func:`~csc_scorecard.render.scorecard.build_scorecard` with hand-made values instead.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path

import duckdb
import polars as pl

from csc_scorecard import __version__
from csc_scorecard.assess.benchmarks import load_benchmarks
from csc_scorecard.assess.council import AssessedIndicator, assess_council
from csc_scorecard.config import EXAMPLE_CONFIG, CouncilConfig
from csc_scorecard.engine.backends import DuckDBBackend
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.compute import data_range
from csc_scorecard.engine.periods import Period, PeriodKind, financial_year_label
from csc_scorecard.engine.run import compute_store, councils_in_store
from csc_scorecard.narrative.phrases import month_year
from csc_scorecard.reference.tables import RIG, read_table
from csc_scorecard.render.layout import Layout
from csc_scorecard.render.model import Report
from csc_scorecard.render.scorecard import RigFigure, build_scorecard
from csc_scorecard.store.commentary import Commentary, commentary_for
from csc_scorecard.store.ingest_log import RUNS_TABLE


@dataclass(frozen=True)
class StoreScorecard:
    """A scorecard built from a store, with what the caller should tell the user."""

    report: Report
    month: date
    la_code: str
    example_config: bool


def example_config(la_code: str) -> CouncilConfig:
    """The shipped example configuration (seed 000's targets) for council ``la_code``.

    Lets a council see a scorecard before writing its own file; the name says it is the example.
    """
    text = resources.files("csc_scorecard.config").joinpath(EXAMPLE_CONFIG).read_text()
    config = CouncilConfig.model_validate(tomllib.loads(text))
    council = config.council.model_copy(update={"la_code": la_code})
    return config.model_copy(update={"council": council})


def quarter_label(month: date) -> str:
    """The financial quarter ``month`` falls in, as RIG files write it: ``2024-25 Q3``."""
    year = Period.of(PeriodKind.MONTH, month).reporting_year
    return f"{financial_year_label(year)} Q{(month.month - 4) % 12 // 3 + 1}"


def latest_rig(rig: pl.DataFrame, month: date) -> dict[str, RigFigure]:
    """Each indicator's latest RIG quarter up to ``month``'s own."""
    latest = (
        rig.filter(pl.col("quarter") <= quarter_label(month))
        .sort("quarter")
        .group_by("indicator_id", maintain_order=True)
        .last()
    )
    return {
        row["indicator_id"]: RigFigure(row["quarter"], row["la_value"], row["group_value"])
        for row in latest.iter_rows(named=True)
    }


def _council(db: Path, config: CouncilConfig | None) -> tuple[CouncilConfig, bool]:
    councils = councils_in_store(db)
    if config is not None:
        if config.council.la_code not in councils:
            held = ", ".join(councils) or "none"
            raise ValueError(
                f"the store holds no children of council {config.council.la_code} (it holds {held})"
            )
        return config, False
    if len(councils) != 1:
        raise ValueError("the store holds several councils (or none): give --config")
    return example_config(councils[0]), True


def _source_facts(con: duckdb.DuckDBPyConnection, db: Path) -> list[tuple[str, str]]:
    span = data_range(DuckDBBackend(con))
    facts = [
        ("Store", str(db)),
        ("Referrals recorded", f"{month_year(span.first)} to {month_year(span.last)}"),
    ]
    run = con.execute(
        f"SELECT finished_utc, len(inputs) FROM {RUNS_TABLE} ORDER BY finished_utc DESC LIMIT 1"
    ).fetchone()
    if run is not None:
        facts.append(("Last loaded", f"{run[0]:%d %B %Y %H:%M} UTC from {run[1]} input(s)"))
    return facts


def scorecard_from_store(
    db: Path,
    *,
    layout: Layout,
    config: CouncilConfig | None = None,
    month: date | None = None,
    source: Sequence[tuple[str, str]] = (),
) -> StoreScorecard:
    """Compute, assess and lay out the scorecard for ``month`` (default: the data's last).

    Args:
        db: the DuckDB store.
        layout: the report layout (see :func:`~csc_scorecard.render.layout.load_layout`).
        config: the council's configuration; without one, the shipped example adapted to the
            store's only council.
        source: extra Data Source lines (the configuration and layout files used).

    Raises:
        FileNotFoundError: when there is no store at ``db``.
        ValueError: when the store has no data, or not the configured council.
    """
    chosen, is_example = _council(db, config)
    la_code = chosen.council.la_code
    results = compute_store(db, month=month, all_months=True, indicator_ids=layout.indicator_ids)
    results = results.filter(pl.col("la_code") == la_code)
    if results.is_empty():
        raise ValueError(f"no figures for council {la_code}")
    at: date = results["period_end"].max()  # type: ignore[assignment]
    breakdowns = [
        compute_store(db, month=at, indicator_ids=[s.indicator], breakdowns=[s.by])
        for s in layout.breakdown
    ]
    catalogue = load_catalogue()
    # Opened writable: the commentary and reference readers create their (empty) tables when a
    # store has never had commentary or reference data imported.
    con = duckdb.connect(str(db))
    try:
        neighbours = chosen.council.statistical_neighbours
        benchmarks = load_benchmarks(con, {la_code: neighbours} if neighbours else None)
        assessed = assess_council(
            results,
            catalogue.select(layout.indicator_ids),
            la_code=la_code,
            month=at,
            config=chosen,
            benchmarks=None if benchmarks.is_empty() else benchmarks,
        )
        commentary = _commentary(con, assessed, la_code, at)
        rig = latest_rig(read_table(con, RIG), at)
        facts = _source_facts(con, db)
    finally:
        con.close()
    facts += [
        *source,
        ("Configuration", "shipped example (council.example.toml)" if is_example else "given"),
        ("Produced", f"{datetime.now(UTC):%d %B %Y %H:%M} UTC by csc-scorecard {__version__}"),
    ]
    report = build_scorecard(
        layout,
        assessed,
        month=at,
        config=chosen,
        commentary=commentary,
        rig=rig,
        results=pl.concat(breakdowns) if breakdowns else None,
        source=facts,
    )
    return StoreScorecard(report, at, la_code, is_example)


def _commentary(
    con: duckdb.DuckDBPyConnection,
    assessed: Sequence[AssessedIndicator],
    la_code: str,
    month: date,
) -> dict[str, Commentary]:
    return {
        a.indicator.id: commentary_for(con, a.indicator.id, la_code, month, a.draft.text)
        for a in assessed
    }
