"""The practice report's layout (seed 004): topics, each a table of indicator columns.

Like the scorecard's, the layout is a TOML file a council copies and edits (shipped:
``layouts/practice_report.toml``) and it is checked with the same helpers, every problem named
by its key path. A column is one indicator figure per month: the in-month figure, the year to
date or the month-end snapshot, optionally with its numerator / denominator beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

from pydantic import Field

from csc_scorecard.engine.catalogue import Indicator, load_catalogue
from csc_scorecard.engine.catalogue.entry import Unit
from csc_scorecard.engine.periods import PeriodKind
from csc_scorecard.render.layout import (
    LayoutError,
    _Frozen,
    placeholder_issues,
    read_layout_toml,
    unknown_indicator,
    validated,
)

PRACTICE_REPORT = "practice_report.toml"
"""The shipped Performance & Practice Report layout (seed 004)."""

PRACTICE_PLACEHOLDERS = frozenset({"month", "quarter"})
"""Text may use ``{month}`` ("September 2023") and ``{quarter}`` ("Q2 2023-24")."""

MONTHLY_KINDS = (
    PeriodKind.MONTH,
    PeriodKind.YTD,
    PeriodKind.SNAPSHOT,
    PeriodKind.ROLLING_3M,
    PeriodKind.ROLLING_6M,
    PeriodKind.ROLLING_12M,
)
"""Kinds with a figure at every month end, so a column has one in each month's row."""

CHARTED_KINDS = (PeriodKind.MONTH, PeriodKind.SNAPSHOT)
"""Kinds a chart can show: the in-month or month-end series the assessment's SPC reads."""


class PracticeColumn(_Frozen):
    """One indicator figure per month row.

    ``period`` defaults to the indicator's in-month figure, else its month-end snapshot, else
    its year to date. ``group`` is a banner over consecutive columns ("Open to BSF at month
    end"). ``fraction`` adds a "numerator / denominator" column before a percentage.
    """

    indicator: Annotated[str, Field(min_length=1)]
    code: str = ""
    label: str | None = None
    group: str = ""
    period: PeriodKind | None = None
    fraction: bool = False
    target: bool = True
    chart: bool = False
    spc: bool = False


class PracticeTopic(_Frozen):
    """A topic page: its heading, summary label, optional own definition text and columns."""

    title: Annotated[str, Field(min_length=1)]
    summary: Annotated[str, Field(min_length=1)]
    definition: str | None = None
    columns: Annotated[tuple[PracticeColumn, ...], Field(min_length=1)]


class PracticeLayout(_Frozen):
    """The whole report: cover text, summary heading, trend length and the topics in order."""

    title: Annotated[str, Field(min_length=1)]
    label: str = ""
    summary_title: str = "{quarter} Performance Summary"
    trend_years: Annotated[int, Field(ge=2, le=6, strict=True)] = 4
    chart_months: Annotated[int, Field(ge=6, le=60, strict=True)] = 24
    topic: Annotated[tuple[PracticeTopic, ...], Field(min_length=1)]

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        """The indicators the columns show, in order, without repeats."""
        return tuple(dict.fromkeys(c.indicator for t in self.topic for c in t.columns))


def column_kind(column: PracticeColumn, indicator: Indicator) -> PeriodKind | None:
    """The kind a column shows: its own, else in-month, snapshot or year to date."""
    if column.period is not None:
        return column.period
    return next((k for k in (*CHARTED_KINDS, PeriodKind.YTD) if k in indicator.periods), None)


def load_practice_layout(
    path: Path | None = None, catalogue: Iterable[Indicator] | None = None
) -> PracticeLayout:
    """Read and check a practice report layout (default: the shipped one).

    Raises:
        LayoutError: listing every problem: TOML syntax, missing or unknown keys, ids not in
            the catalogue, periods the indicator lacks or that do not end every month, charts
            of a year-to-date figure, SPC without a chart, numerator / denominator for a figure
            that is not a percentage, and unknown ``{placeholders}``.
    """
    source, raw = read_layout_toml(path, PRACTICE_REPORT)
    layout = validated(PracticeLayout, raw, source)
    indicators = {i.id: i for i in (catalogue if catalogue is not None else load_catalogue())}
    texts = [("title", layout.title), ("label", layout.label)]
    texts.append(("summary_title", layout.summary_title))
    issues = _column_issues(layout, indicators) + placeholder_issues(texts, PRACTICE_PLACEHOLDERS)
    if issues:
        raise LayoutError(source, issues)
    return layout


def _column_issues(layout: PracticeLayout, indicators: dict[str, Indicator]) -> list[str]:
    issues: list[str] = []
    for t, topic in enumerate(layout.topic):
        for c, column in enumerate(topic.columns):
            where = f"topic.{t}.columns.{c}"
            found = indicators.get(column.indicator)
            if found is None:
                issues.append(unknown_indicator(f"{where}.indicator", column.indicator, indicators))
                continue
            kind = column_kind(column, found)
            if kind is None or kind not in found.periods:
                offered = ", ".join(k.value for k in found.periods)
                wanted = kind.value if kind else "monthly"
                issues.append(
                    f"{where}.period: {column.indicator} has no {wanted} figure (it has {offered})"
                )
            elif kind not in MONTHLY_KINDS:
                issues.append(f"{where}.period: {kind.value} does not end every month")
            elif column.chart and kind not in CHARTED_KINDS:
                issues.append(
                    f"{where}.chart: a chart shows the in-month or month-end series, "
                    f"not {kind.value}"
                )
            if column.spc and not column.chart:
                issues.append(f"{where}.spc: SPC limits are drawn on a chart; set chart = true")
            if column.fraction and found.unit is not Unit.PERCENT:
                issues.append(f"{where}.fraction: {column.indicator} is not a percentage")
    return issues
