"""The report pack: the four reports of one council and month, from one computation.

Each report made on its own asks the engine for its own indicators over every month; the four
overlap, so a pack made that way computes most figures four times. Here the engine is asked
once for the union of the layouts' indicators, and every report takes its own from that
(:meth:`~csc_scorecard.render.from_store.CouncilFigures.of`), so a pack's report is the report
made on its own from the same store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from csc_scorecard.config import CouncilConfig
from csc_scorecard.render.dashboard_html import FORMATS as DASHBOARD_FORMATS
from csc_scorecard.render.dashboard_html import write_dashboard
from csc_scorecard.render.dashboard_model import Dashboard
from csc_scorecard.render.from_store import (
    CouncilFigures,
    Needs,
    StoreScorecard,
    council_figures,
    scorecard_from_figures,
    scorecard_needs,
)
from csc_scorecard.render.layout import Layout, load_layout
from csc_scorecard.render.model import Report
from csc_scorecard.render.practice_from_store import practice_report_from_figures
from csc_scorecard.render.practice_layout import PracticeLayout, load_practice_layout
from csc_scorecard.render.publish import (
    PRACTICE_FORMATS,
    Format,
    write_practice_report,
    write_scorecard,
)
from csc_scorecard.render.report_layouts import (
    DashboardLayout,
    ImprovementLayout,
    dashboard_ids,
    load_dashboard_layout,
    load_improvement_layout,
)
from csc_scorecard.render.store_reports import (
    StoreReport,
    dashboard_from_figures,
    improvement_from_figures,
)


class ReportType(StrEnum):
    """The four reports a store can be published as, and the pack of all four."""

    SCORECARD = "scorecard"
    PRACTICE = "practice"
    DASHBOARD = "dashboard"
    IMPROVEMENT = "improvement"
    PACK = "pack"


Source = Mapping[ReportType, Sequence[tuple[str, str]]]
"""Each report's extra Data Source lines (the layout and configuration files it used)."""


@dataclass(frozen=True)
class PackLayouts:
    """The layouts of the pack's four reports."""

    scorecard: Layout
    practice: PracticeLayout
    dashboard: DashboardLayout
    improvement: ImprovementLayout

    @classmethod
    def shipped(cls) -> PackLayouts:
        """The layouts shipped with the package."""
        return cls(
            load_layout(),
            load_practice_layout(),
            load_dashboard_layout(),
            load_improvement_layout(),
        )

    @property
    def needs(self) -> Needs:
        """What the four reports need together."""
        return (
            scorecard_needs(self.scorecard)
            | Needs(self.practice.indicator_ids)
            | Needs(dashboard_ids(self.dashboard))
            | Needs(self.improvement.indicator_ids)
        )


@dataclass(frozen=True)
class StorePack:
    """The four reports built from one store, council and month."""

    scorecard: StoreScorecard
    practice: StoreScorecard
    dashboard: StoreReport[Dashboard]
    improvement: StoreReport[Report]


def pack_from_store(
    db: Path,
    *,
    layouts: PackLayouts,
    config: CouncilConfig | None = None,
    month: date | None = None,
    source: Source | None = None,
) -> StorePack:
    """Compute the union of the four layouts' indicators once, then assess and lay out each
    report for ``month`` (default: the data's last).

    Args:
        db: the DuckDB store.
        layouts: the four reports' layouts.
        config: the council's configuration; without one, the shipped example adapted to the
            store's only council.
        source: each report's extra Data Source lines.

    Raises:
        FileNotFoundError: when there is no store at ``db``.
        ValueError: when the store has no data, or not the configured council.
    """
    figures = council_figures(db, config, layouts.needs, month)
    return pack_from_figures(figures, layouts=layouts, source=source)


def pack_from_figures(
    figures: CouncilFigures, *, layouts: PackLayouts, source: Source | None = None
) -> StorePack:
    """Assess and lay out the four reports from figures already computed for ``layouts.needs``
    (one council's slice of every council's, for a pack per council: see
    :func:`~csc_scorecard.render.from_store.every_council_figures`)."""
    lines = source or {}
    return StorePack(
        scorecard=scorecard_from_figures(
            figures, layout=layouts.scorecard, source=lines.get(ReportType.SCORECARD, ())
        ),
        practice=practice_report_from_figures(
            figures, layout=layouts.practice, source=lines.get(ReportType.PRACTICE, ())
        ),
        dashboard=dashboard_from_figures(
            figures, layout=layouts.dashboard, source=lines.get(ReportType.DASHBOARD, ())
        ),
        improvement=improvement_from_figures(
            figures, layout=layouts.improvement, source=lines.get(ReportType.IMPROVEMENT, ())
        ),
    )


def write_pack(
    pack: StorePack, out_dir: Path, formats: Iterable[Format] = tuple(Format)
) -> dict[ReportType, dict[Format, Path]]:
    """Write each report into ``out_dir`` in those of ``formats`` it is written in, under its
    usual name (``scorecard.xlsx``, ``practice_report.pdf``, ...)."""
    wanted = tuple(dict.fromkeys(formats))
    practice = [f for f in wanted if f in PRACTICE_FORMATS]
    dashboard = [f for f in wanted if f in DASHBOARD_FORMATS]
    return {
        ReportType.SCORECARD: write_scorecard(pack.scorecard.report, out_dir, wanted),
        ReportType.PRACTICE: write_practice_report(pack.practice.report, out_dir, practice),
        ReportType.DASHBOARD: write_dashboard(pack.dashboard.report, out_dir, dashboard),
        ReportType.IMPROVEMENT: write_scorecard(
            pack.improvement.report, out_dir, wanted, stem="improvement"
        ),
    }
