"""Everything a scorecard needs, read from a store: figures, benchmarks, RIG, commentary and
the data-quality summary.

The CLI, the demo and the web app call :func:`scorecard_from_store`; tests of the report itself
call :func:`~csc_scorecard.render.scorecard.build_scorecard` with hand-made values instead.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
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
from csc_scorecard.engine.run import compute_store, councils_in_store, refuse_unheld
from csc_scorecard.narrative.phrases import month_year
from csc_scorecard.quality import summarise
from csc_scorecard.reference.tables import RIG, read_table
from csc_scorecard.render.layout import Layout
from csc_scorecard.render.model import Report
from csc_scorecard.render.quality_appendix import quality_appendix
from csc_scorecard.render.scorecard import RigFigure, build_scorecard
from csc_scorecard.store.commentary import Commentary, commentary_for
from csc_scorecard.store.ingest_log import RUNS_TABLE


@dataclass(frozen=True)
class StoreScorecard:
    """A report built from a store, with what the caller should tell the user and the council's
    figures it was built from (what a run's history records)."""

    report: Report
    month: date
    la_code: str
    example_config: bool
    figures: pl.DataFrame


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


def report_council(db: Path, config: CouncilConfig | None) -> tuple[CouncilConfig, bool]:
    """The council a report is for, and whether its configuration is the shipped example.

    Every report from a store starts here so that all four refuse the same mistakes in the same
    words: a configuration for a council the store does not hold, or no configuration when the
    store holds several councils (the example cannot guess which one is meant).

    Raises:
        ValueError: for either mistake.
    """
    return council_config(councils_in_store(db), config)


def council_config(
    councils: Sequence[str], config: CouncilConfig | None
) -> tuple[CouncilConfig, bool]:
    """:func:`report_council` for a store holding ``councils`` (read by a caller that must
    guard its own store access, as the web dashboard does)."""
    if config is not None:
        refuse_unheld([config.council.la_code], councils)
        return config, False
    if len(councils) != 1:
        raise ValueError("the store holds several councils (or none): give --config")
    return example_config(councils[0]), True


def source_facts(
    con: duckdb.DuckDBPyConnection,
    db: Path,
    *,
    source: Sequence[tuple[str, str]],
    example: bool,
) -> list[tuple[str, str]]:
    """A report's Data Source lines: the store, its data's span, its last load, what was used.

    Every line is read from the store or given by the caller, never from the clock: "Produced"
    names the load the figures come from (the latest ingest run's finish time), so two renders
    of one store are byte for byte the same and a difference between two files always means a
    difference in the data, the configuration or the version.

    Args:
        con: a connection to the store.
        db: the store's path, shown as the first line.
        source: the caller's own lines (the layout and configuration files used).
        example: whether the configuration is the shipped example.
    """
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
    loaded = f" from the load of {run[0]:%d %B %Y %H:%M} UTC" if run is not None else ""
    return [
        *facts,
        *source,
        ("Configuration", "shipped example (council.example.toml)" if example else "given"),
        ("Produced", f"by csc-scorecard {__version__}{loaded}"),
    ]


@dataclass(frozen=True)
class Needs:
    """The figures a report is built from: its indicators, at every month end up to the month
    reported, for the whole council and by the dimensions its breakdown sheets split them by.

    No report reads any other breakdown, so none other is computed.
    """

    indicator_ids: tuple[str, ...]
    breakdowns: tuple[str, ...] = ()

    def __or__(self, other: Needs) -> Needs:
        """What two reports built from one computation need."""
        return Needs(
            tuple(dict.fromkeys([*self.indicator_ids, *other.indicator_ids])),
            tuple(dict.fromkeys([*self.breakdowns, *other.breakdowns])),
        )


def scorecard_needs(layout: Layout) -> Needs:
    """A scorecard's rows' and breakdown sheets' indicators, and the sheets' dimensions."""
    sheets = layout.breakdown
    ids = dict.fromkeys([*layout.indicator_ids, *(s.indicator for s in sheets)])
    return Needs(tuple(ids), tuple(dict.fromkeys(s.by for s in sheets)))


@dataclass(frozen=True)
class CouncilFigures:
    """One council's figures read from a store, computed once for every report built from them.

    A report pack asks the engine once for what its reports need together; each report then
    takes its own (:meth:`of`), so a pack's scorecard is the scorecard made on its own.

    Attributes:
        db: the store (each report still reads its commentary, benchmarks and load record).
        config: the configuration the reports use.
        example_config: whether ``config`` is the shipped example.
        month: the month reported.
        needs: what was computed.
        results: its figures, in the engine's result shape.
    """

    db: Path
    config: CouncilConfig
    example_config: bool
    month: date
    needs: Needs
    results: pl.DataFrame

    @property
    def la_code(self) -> str:
        return self.config.council.la_code

    def of(self, needs: Needs) -> pl.DataFrame:
        """The figures one report needs, and no others.

        Raises:
            ValueError: for an indicator or breakdown that was not computed (a caller's
                mistake: what was asked of the engine left out part of a report's needs).
        """
        missing = [
            *(set(needs.indicator_ids) - set(self.needs.indicator_ids)),
            *(set(needs.breakdowns) - set(self.needs.breakdowns)),
        ]
        if missing:
            raise ValueError(f"not computed: {', '.join(sorted(missing))}")
        return self.results.filter(
            pl.col("indicator_id").is_in(needs.indicator_ids),
            pl.col("breakdown").is_null() | pl.col("breakdown").is_in(needs.breakdowns),
        )


def council_figures(
    db: Path, config: CouncilConfig | None, needs: Needs, month: date | None
) -> CouncilFigures:
    """The council's figures for every month up to ``month`` (default: the data's last), in one
    call to the engine, and the configuration the reports made from them use.

    Raises:
        FileNotFoundError: when there is no store at ``db``.
        ValueError: when the store has no figures for the council, or not the configured one.
    """
    chosen, is_example = report_council(db, config)
    results = _compute(db, needs, month, [chosen.council.la_code])
    return _council_slice(db, chosen, is_example, needs, results)


def every_council_figures(
    db: Path,
    needs: Needs,
    month: date | None,
    configs: Iterable[CouncilConfig] = (),
) -> list[CouncilFigures]:
    """Each council's figures, in council order, from one call to the engine for all of them.

    The engine computes every council of a store at once, so a report per council (a region's
    or the nation's) costs one computation, not one per council; each council's figures are
    its slice of that one result, the same figures :func:`council_figures` gives it alone.
    Every council is computed and checked before any is returned, so a mistake is reported
    before a report is written.

    Args:
        db: the DuckDB store.
        needs: what every council's reports need.
        month: the month reported (default: the data's last).
        configs: councils' own configurations; every other council of the store uses the
            shipped example (:func:`example_config`).

    Raises:
        FileNotFoundError: when there is no store at ``db``.
        ValueError: when the store holds no council, a configuration is for a council it does
            not hold (or two are for one council), or a council has no figures.
    """
    own: dict[str, CouncilConfig] = {}
    for config in configs:
        if own.setdefault(config.council.la_code, config) is not config:
            raise ValueError(f"two configurations for council {config.council.la_code}")
    councils = councils_in_store(db)
    if not councils:
        raise ValueError(f"the store at {db} holds no councils")
    refuse_unheld(own, councils)
    results = _compute(db, needs, month)
    none = results.clear()
    slices = results.partition_by("la_code", as_dict=True, maintain_order=True)
    del results  # the slices are copies: the whole need not be held twice
    return [
        _council_slice(
            db,
            own.get(code) or example_config(code),
            code not in own,
            needs,
            slices.pop((code,), none),
        )
        for code in councils
    ]


def _compute(
    db: Path, needs: Needs, month: date | None, councils: Sequence[str] | None = None
) -> pl.DataFrame:
    """The councils' (default: every council's) figures of ``needs`` at every month end up to
    ``month``."""
    return compute_store(
        db,
        month=month,
        all_months=True,
        indicator_ids=needs.indicator_ids,
        breakdowns=needs.breakdowns,
        councils=councils,
    )


def _council_slice(
    db: Path, config: CouncilConfig, is_example: bool, needs: Needs, results: pl.DataFrame
) -> CouncilFigures:
    """One council's figures, dated by their last month end.

    Raises:
        ValueError: when there are none.
    """
    if results.is_empty():
        raise ValueError(f"no figures for council {config.council.la_code}")
    at: date = results["period_end"].max()  # type: ignore[assignment]
    return CouncilFigures(db, config, is_example, at, needs, results)


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
    figures = council_figures(db, config, scorecard_needs(layout), month)
    return scorecard_from_figures(figures, layout=layout, source=source)


def scorecard_from_figures(
    figures: CouncilFigures, *, layout: Layout, source: Sequence[tuple[str, str]] = ()
) -> StoreScorecard:
    """Assess and lay out the scorecard from figures already computed (see
    :func:`scorecard_from_store` for the arguments)."""
    db, chosen, at, la_code = figures.db, figures.config, figures.month, figures.la_code
    results = figures.of(scorecard_needs(layout))
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
        commentary = commentary_texts(con, assessed, la_code, at)
        rig = latest_rig(read_table(con, RIG), at)
        facts = source_facts(con, db, source=source, example=figures.example_config)
    finally:
        con.close()
    # The same summary ``csc-scorecard quality`` prints, for this council, as at the month end
    # (not today: two renders of one store must be the same file).
    quality = quality_appendix(summarise(db, at, la_code))
    report = build_scorecard(
        layout,
        assessed,
        month=at,
        config=chosen,
        commentary=commentary,
        rig=rig,
        results=results,
        source=facts,
        data_quality=quality,
    )
    return StoreScorecard(report, at, la_code, figures.example_config, results)


def commentary_texts(
    con: duckdb.DuckDBPyConnection,
    assessed: Sequence[AssessedIndicator],
    la_code: str,
    month: date,
) -> dict[str, Commentary]:
    """Each assessed indicator's commentary for ``month``: the analyst's, else the draft.

    The draft is passed in so an indicator nobody has written about still reads as a sentence
    about its figures, and the report says which it is.
    """
    return {
        a.indicator.id: commentary_for(con, a.indicator.id, la_code, month, a.draft.text)
        for a in assessed
    }
