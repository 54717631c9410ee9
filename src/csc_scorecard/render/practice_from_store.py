"""Everything the practice report needs, read from a store: figures, targets, commentary.

The CLI and the demo call :func:`practice_report_from_store`; tests of the report itself call
:func:`~csc_scorecard.render.practice_report.build_practice_report` with hand-made values. The
council, commentary and data-source facts are found as for the scorecard.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import duckdb

from csc_scorecard.assess.council import assess_council
from csc_scorecard.config import CouncilConfig
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.render.from_store import (
    CouncilFigures,
    Needs,
    StoreScorecard,
    commentary_texts,
    council_figures,
    source_facts,
)
from csc_scorecard.render.practice_layout import PracticeLayout
from csc_scorecard.render.practice_report import build_practice_report


def practice_report_from_store(
    db: Path,
    *,
    layout: PracticeLayout,
    config: CouncilConfig | None = None,
    month: date | None = None,
    source: Sequence[tuple[str, str]] = (),
) -> StoreScorecard:
    """Compute, assess and lay out the practice report for ``month`` (default: the data's last).

    Args:
        db: the DuckDB store.
        layout: the report layout (see
            :func:`~csc_scorecard.render.practice_layout.load_practice_layout`).
        config: the council's configuration; without one, the shipped example adapted to the
            store's only council.
        source: extra Data Source lines (the configuration and layout files used).

    Raises:
        FileNotFoundError: when there is no store at ``db``.
        ValueError: when the store has no data, or not the configured council.
    """
    figures = council_figures(db, config, Needs(layout.indicator_ids), month)
    return practice_report_from_figures(figures, layout=layout, source=source)


def practice_report_from_figures(
    figures: CouncilFigures, *, layout: PracticeLayout, source: Sequence[tuple[str, str]] = ()
) -> StoreScorecard:
    """Assess and lay out the practice report from figures already computed (see
    :func:`practice_report_from_store` for the arguments)."""
    chosen, at, la_code = figures.config, figures.month, figures.la_code
    results = figures.of(Needs(layout.indicator_ids))
    assessed = assess_council(
        results,
        load_catalogue().select(layout.indicator_ids),
        la_code=la_code,
        month=at,
        config=chosen,
    )
    # Opened writable: the commentary reader creates its (empty) table in a new store.
    con = duckdb.connect(str(figures.db))
    try:
        commentary = commentary_texts(con, assessed, la_code, at)
        facts = source_facts(con, figures.db, source=source, example=figures.example_config)
    finally:
        con.close()
    report = build_practice_report(
        layout, assessed, results, month=at, config=chosen, commentary=commentary, source=facts
    )
    return StoreScorecard(report, at, la_code, figures.example_config, results)
