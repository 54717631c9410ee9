"""The committee dashboard as values: what it says before any file format (seed 002).

Kept apart from :class:`~csc_scorecard.render.model.Report` because a dashboard is not a set of
tables: it is a covering report (the committee's summary fields) and, per stage of the child's
journey, a few headline figures with a sparkline and two sentences. Every figure here has
already been through suppression (:mod:`csc_scorecard.render.suppression`).
"""

from __future__ import annotations

from dataclasses import dataclass

from csc_scorecard.render.model import Cell, Section


@dataclass(frozen=True)
class Headline:
    """One headline figure.

    Attributes:
        label: what is counted ("Contacts received in the month").
        now: this month's figure (or the suppression marker).
        year_ago: the same figure a year earlier.
        change: the change on last year, coloured by whether it is good.
        chart: an SVG sparkline of recent months, suppressed months left as gaps; empty when
            there are too few figures to draw.
    """

    label: str
    now: Cell
    year_ago: Cell
    change: Cell
    chart: str


@dataclass(frozen=True)
class DashboardCategory:
    """A stage of the child's journey: its description, headline figures and narrative."""

    title: str
    description: str
    headlines: tuple[Headline, ...]
    narrative: tuple[str, ...]


@dataclass(frozen=True)
class Dashboard:
    """The whole dashboard with its covering report.

    Attributes:
        title: "Performance Dashboard".
        council: the council's name.
        subtitle: "Data as at end of September 2024".
        cover: the covering report's summary table, as (label, value).
        summary: the covering report's summary.
        recommendations: numbered in the order given.
        reasons: the reasons for the recommendations.
        intro: the introduction's paragraphs.
        columns: the headline table's column titles (figure, this month, a year ago, change,
            chart), the same for every category.
        categories: the stages of the child's journey, in order.
        footnotes: what markers and colours mean.
        data_source: where the figures came from (no store paths: it is published).
    """

    title: str
    council: str
    subtitle: str
    cover: tuple[tuple[str, str], ...]
    summary: str
    recommendations: tuple[str, ...]
    reasons: str
    intro: tuple[str, ...]
    columns: tuple[str, ...]
    categories: tuple[DashboardCategory, ...]
    footnotes: tuple[str, ...]
    data_source: Section
