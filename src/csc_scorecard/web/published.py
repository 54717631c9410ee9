"""What viewers (members, inspectors) see: the results under the published reports' rules.

The rules are :mod:`csc_scorecard.render.suppression`'s, with the council's configured
``public_outputs.suppression_threshold``, applied figure by figure through
:func:`~csc_scorecard.render.dashboard.primary`: the committee dashboard's own test. So a figure
withheld from the published dashboard is withheld here too, and marked the same way ("c" for a
small count, "*" for a percentage, rate or average worked out from one). They are applied to
the engine's tidy results before anything is assessed, so no judgement, direction of travel or
drafted sentence can be worked out from a withheld figure.

Viewers see no breakdowns, so the dashboard's secondary rule (a total and its parts) has no
table here to act on; see ``docs/suppression.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

import polars as pl

from csc_scorecard.assess.council import AssessedIndicator
from csc_scorecard.assess.figures import Figure
from csc_scorecard.config import CouncilConfig
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.periods import Period, PeriodKind
from csc_scorecard.render.dashboard import primary
from csc_scorecard.render.layout import Layout, SectionKind
from csc_scorecard.render.model import Align, Cell, Report
from csc_scorecard.render.rows import chat_figures, rolling_figures
from csc_scorecard.render.suppression import WITHHELD, Rule

MARKS = ("value_mark", "numerator_mark", "denominator_mark")
"""The columns :func:`withhold` adds: what each figure shows instead of itself, or null."""
_FIGURES = ("value", "numerator", "denominator")
_LA_FIGURES = (3, 4)
"""The scorecard row's two LA figure cells (after No, key marker and indicator)."""


def viewer_rule(config: CouncilConfig) -> Rule:
    """The council's suppression rule: the same threshold its published dashboard uses."""
    return Rule(config.public_outputs.suppression_threshold)


def withhold(results: pl.DataFrame, rule: Rule) -> pl.DataFrame:
    """``results`` with every figure the rule withholds set to null, and its marker beside it.

    A withheld value takes :func:`primary`'s marker; its numerator and denominator go with it
    (either could give the value back), each marked "c" when itself a small count and "*"
    otherwise, so a page shows why a cell is empty rather than "no figure".
    """
    catalogue = load_catalogue()
    marks: dict[str, list[str | None]] = {name: [] for name in MARKS}
    for row in results.iter_rows(named=True):
        figure = Figure(
            Period.of(PeriodKind(row["period_kind"]), row["period_end"]),
            row["value"],
            row["numerator"],
            row["denominator"],
        )
        mark = primary(figure, catalogue[row["indicator_id"]], rule)
        marks["value_mark"].append(mark)
        for name in ("numerator", "denominator"):
            count = row[name]
            small = rule.mark if rule.small(count) else WITHHELD
            marks[f"{name}_mark"].append(None if mark is None else small)
    added = results.with_columns(
        **{name: pl.Series(name, found, dtype=pl.String) for name, found in marks.items()}
    )
    hidden = pl.col("value_mark").is_not_null()
    return added.with_columns(
        pl.when(hidden).then(None).otherwise(pl.col(c)).alias(c) for c in _FIGURES
    )


def mark_scorecard(
    report: Report,
    layout: Layout,
    assessed: Mapping[str, AssessedIndicator],
    public: pl.DataFrame,
    month: date,
) -> Report:
    """``report`` (built from :func:`withhold`'s figures) with each withheld LA figure showing
    its marker rather than "no figure".

    The periods each row prints are found as the scorecard finds them (``render/rows.py``), so
    a rolling, ChAT, snapshot or single-month row is marked in the cell that would hold it.
    """
    marked = public.filter(pl.col("value_mark").is_not_null())
    found = {
        (r["indicator_id"], r["period_kind"], r["period_end"]): r["value_mark"]
        for r in marked.iter_rows(named=True)
    }
    sections = []
    for section, planned in zip(report.sections, layout.section, strict=True):
        rows = []
        for row, entry in zip(section.rows, planned.rows, strict=True):
            assessment = assessed[entry.indicator].assessment
            shown = (
                rolling_figures(assessment, month)
                if planned.kind is SectionKind.ROLLING
                else chat_figures(assessment)
            )
            cells = list(row)
            for at, figure in zip(_LA_FIGURES, (shown.first, shown.second), strict=True):
                if figure is None or figure.value is not None:
                    continue
                key = (entry.indicator, figure.period.kind.value, figure.period.end)
                mark = found.get(key)
                if mark is not None:
                    cells[at] = Cell(mark, Align.RIGHT, note="suppressed: a small number")
            rows.append(tuple(cells))
        sections.append(replace(section, rows=tuple(rows)))
    return replace(report, sections=tuple(sections))
