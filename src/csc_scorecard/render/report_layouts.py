"""Layouts of the committee dashboard (seed 002) and the improvement-plan scorecard (seed 001).

Like the scorecard's (:mod:`csc_scorecard.render.layout`), each is a TOML file a council copies
and edits: which figures, in which categories or plan themes, numbered and worded how, and the
covering report's words. Loading checks every problem at once and names it by key path.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from csc_scorecard.engine.catalogue import Indicator, load_catalogue
from csc_scorecard.engine.periods import PeriodKind
from csc_scorecard.render.layout import (
    LayoutError,
    placeholder_issues,
    read_layout_toml,
    unknown_indicator,
    validated,
)
from csc_scorecard.render.suppression import Marker

DASHBOARD = "dashboard.toml"
IMPROVEMENT = "improvement.toml"
TEXT_PLACEHOLDERS = frozenset({"month", "year"})
"""Text may use ``{month}`` ("September 2024") and ``{year}`` (its financial year, "2024-25")."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Figure(_Frozen):
    """One figure a row shows: a catalogue id, the period kind shown and the printed label."""

    indicator: Annotated[str, Field(min_length=1)]
    period: PeriodKind
    label: Annotated[str, Field(min_length=1)]


class Sum(_Frozen):
    """Figures in one category that add up, so suppression protects them together."""

    total: str
    parts: Annotated[tuple[str, ...], Field(min_length=1)]


class Category(_Frozen):
    """A stage of the child's journey: its headline figures and what the narrative draws on."""

    title: Annotated[str, Field(min_length=1)]
    description: str = ""
    figures: Annotated[tuple[Figure, ...], Field(min_length=1)]
    narrative: tuple[str, ...] = ()
    """Indicators whose drafted analysis opens the category's narrative (default: none)."""
    sums: tuple[Sum, ...] = ()


class CoverField(_Frozen):
    """A line of the covering report's summary table ("Report to", "Date of Meeting" ...)."""

    label: Annotated[str, Field(min_length=1)]
    value: str


class DashboardLayout(_Frozen):
    """The committee dashboard and its covering report."""

    title: Annotated[str, Field(min_length=1)]
    cover: tuple[CoverField, ...] = ()
    summary: str = ""
    recommendations: tuple[str, ...] = ()
    reasons: str = ""
    intro: tuple[str, ...] = ()
    footnotes: tuple[str, ...] = ()
    suppression_marker: Marker = Marker.DFE
    history_months: Annotated[int, Field(ge=2, le=36)] = 13
    category: Annotated[tuple[Category, ...], Field(min_length=1)]


class PlanRow(_Frozen):
    """One improvement-plan measure: its plan reference ("1.1"), indicator and wording."""

    ref: str
    indicator: Annotated[str, Field(min_length=1)]
    label: Annotated[str, Field(min_length=1)]
    period: PeriodKind


class PlanTheme(_Frozen):
    """A theme of the improvement action plan (1.x front door, 2.x supervision ...)."""

    title: Annotated[str, Field(min_length=1)]
    rows: Annotated[tuple[PlanRow, ...], Field(min_length=1)]


class ImprovementLayout(_Frozen):
    """The improvement-plan tolerance scorecard."""

    title: Annotated[str, Field(min_length=1)]
    intro: tuple[str, ...] = ()
    footnotes: tuple[str, ...] = ()
    section: Annotated[tuple[PlanTheme, ...], Field(min_length=1)]

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        """The measures' indicators, in order, without repeats."""
        return tuple(dict.fromkeys(r.indicator for s in self.section for r in s.rows))


def dashboard_ids(layout: DashboardLayout) -> tuple[str, ...]:
    """Every indicator the dashboard shows or narrates, in order, without repeats."""
    ids = [f.indicator for c in layout.category for f in c.figures]
    ids += [i for c in layout.category for i in c.narrative]
    return tuple(dict.fromkeys(ids))


def _figure_issues(
    where: str, indicator_id: str, period: PeriodKind | None, known: dict[str, Indicator]
) -> list[str]:
    found = known.get(indicator_id)
    if found is None:
        return [unknown_indicator(f"{where}.indicator", indicator_id, known)]
    if period is not None and period not in found.periods:
        offered = ", ".join(k.value for k in found.periods)
        return [f"{where}.period: {indicator_id} has no {period.value} figure (it has {offered})"]
    return []


def _catalogue(catalogue: Iterable[Indicator] | None) -> dict[str, Indicator]:
    return {i.id: i for i in (catalogue if catalogue is not None else load_catalogue())}


def load_dashboard_layout(
    path: Path | None = None, catalogue: Iterable[Indicator] | None = None
) -> DashboardLayout:
    """Read and check a dashboard layout (default: the shipped one, seed 002).

    Raises:
        LayoutError: listing every problem (syntax, keys, ids, periods, placeholders).
    """
    source, raw = read_layout_toml(path, DASHBOARD)
    layout = validated(DashboardLayout, raw, source)
    known = _catalogue(catalogue)
    issues: list[str] = []
    for c, category in enumerate(layout.category):
        for f, figure in enumerate(category.figures):
            where = f"category.{c}.figures.{f}"
            issues += _figure_issues(where, figure.indicator, figure.period, known)
        for n, indicator_id in enumerate(category.narrative):
            issues += _figure_issues(f"category.{c}.narrative.{n}", indicator_id, None, known)
        shown = {f.indicator for f in category.figures}
        for s, relation in enumerate(category.sums):
            missing = [i for i in (relation.total, *relation.parts) if i not in shown]
            if missing:
                issues.append(f"category.{c}.sums.{s}: {', '.join(missing)} not among its figures")
    texts = [("title", layout.title), ("summary", layout.summary), ("reasons", layout.reasons)]
    texts += [(f"cover.{i}.value", f.value) for i, f in enumerate(layout.cover)]
    texts += [(f"recommendations.{i}", t) for i, t in enumerate(layout.recommendations)]
    texts += [(f"intro.{i}", t) for i, t in enumerate(layout.intro)]
    texts += [(f"footnotes.{i}", t) for i, t in enumerate(layout.footnotes)]
    issues += placeholder_issues(texts, TEXT_PLACEHOLDERS)
    if issues:
        raise LayoutError(source, issues)
    return layout


def load_improvement_layout(
    path: Path | None = None, catalogue: Iterable[Indicator] | None = None
) -> ImprovementLayout:
    """Read and check an improvement-plan layout (default: the shipped one, seed 001).

    Raises:
        LayoutError: listing every problem (syntax, keys, ids, periods, repeated references).
    """
    source, raw = read_layout_toml(path, IMPROVEMENT)
    layout = validated(ImprovementLayout, raw, source)
    known = _catalogue(catalogue)
    issues: list[str] = []
    seen: set[str] = set()
    for s, theme in enumerate(layout.section):
        for r, row in enumerate(theme.rows):
            where = f"section.{s}.rows.{r}"
            issues += _figure_issues(where, row.indicator, row.period, known)
            if row.ref and row.ref in seen:
                issues.append(f"{where}.ref: reference {row.ref} is already used")
            seen.add(row.ref)
    texts = [("title", layout.title)]
    texts += [(f"intro.{i}", t) for i, t in enumerate(layout.intro)]
    texts += [(f"footnotes.{i}", t) for i, t in enumerate(layout.footnotes)]
    issues += placeholder_issues(texts, TEXT_PLACEHOLDERS)
    if issues:
        raise LayoutError(source, issues)
    return layout
