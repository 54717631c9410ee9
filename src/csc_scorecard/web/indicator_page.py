"""What the indicator page shows, built from the snapshot: figures, series, SPC, benchmarks,
breakdowns and drill-through addresses. The route only checks permissions and renders this.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

import polars as pl
from markupsafe import Markup

from csc_scorecard.assess.council import AssessedIndicator
from csc_scorecard.engine import compile
from csc_scorecard.engine.catalogue import Indicator, Shape
from csc_scorecard.engine.periods import PeriodKind
from csc_scorecard.model.calendar import month_year
from csc_scorecard.narrative.numbers import format_value
from csc_scorecard.web.charts import Reference, line_chart
from csc_scorecard.web.snapshot import Snapshot

KIND_LABELS = {
    PeriodKind.MONTH: "In the month",
    PeriodKind.ROLLING_3M: "Rolling 3 months",
    PeriodKind.ROLLING_6M: "Rolling 6 months",
    PeriodKind.ROLLING_12M: "Rolling 12 months",
    PeriodKind.QUARTER: "Financial quarter",
    PeriodKind.YTD: "Year to date",
    PeriodKind.FY: "Financial year",
    PeriodKind.SNAPSHOT: "Snapshot at month end",
}
AGE_BANDS = (*(label for label, _ in compile.AGE_BANDS), compile.AGE_NOT_KNOWN)
"""The engine's age bands youngest first, as a reader counts them; as text "10 to 15" would
come before "5 to 9"."""
_AGE_RANK = (
    pl.when(pl.col("breakdown") == "age_band")
    .then(
        pl.col("breakdown_value").replace_strict(
            AGE_BANDS, range(len(AGE_BANDS)), default=len(AGE_BANDS), return_dtype=pl.Int32
        )
    )
    .otherwise(0)
)


@dataclass(frozen=True)
class FigureRow:
    """One figure as shown: label, value, numerator, denominator, and where its children are
    listed (None when the reader may not see them or there are none)."""

    label: str
    value: str
    numerator: str
    denominator: str
    drill: str | None


@dataclass(frozen=True)
class Breakdown:
    """A breakdown's figures for the headline period."""

    title: str
    rows: tuple[FigureRow, ...]


def _count(x: float | None) -> str:
    if x is None:
        return ""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def drill_url(indicator_id: str, kind: str, month: date, by: str = "", value: str = "") -> str:
    """The children behind one figure: the same query serves the page and the JSON route."""
    query = {"kind": kind, "month": f"{month:%Y-%m}"} | ({"by": by, "value": value} if by else {})
    return f"/indicators/{indicator_id}/children?{urlencode(query)}"


def figure_rows(
    frame: pl.DataFrame, indicator: Indicator, label_of: str, drill: bool, month: date
) -> tuple[FigureRow, ...]:
    """Each row of ``frame`` (one indicator's results) as a :class:`FigureRow`."""
    drillable = drill and indicator.shape is not Shape.MANUAL
    rows = []
    for r in frame.iter_rows(named=True):
        label = str(r[label_of])
        link = (
            drill_url(indicator.id, r["period_kind"], month, r["breakdown"] or "", label)
            if drillable and r["breakdown"]
            else drill_url(indicator.id, r["period_kind"], month)
        )
        rows.append(
            FigureRow(
                label,
                r.get("value_mark") or format_value(r["value"], indicator.unit),
                r.get("numerator_mark") or _count(r["numerator"]),
                r.get("denominator_mark") or _count(r["denominator"]),
                link if drillable else None,
            )
        )
    return tuple(rows)


def headline_figures(
    figures: pl.DataFrame, indicator: Indicator, month: date, drill: bool
) -> tuple[FigureRow, ...]:
    """This month's whole-council figure of each period kind."""
    now = figures.filter(
        pl.col("indicator_id") == indicator.id,
        pl.col("period_end") == month,
        pl.col("breakdown").is_null() | (pl.col("breakdown") == ""),
    ).with_columns(
        label=pl.col("period_kind").replace_strict(
            {k.value: v for k, v in KIND_LABELS.items()}, default=pl.col("period_kind")
        )
    )
    order = {k.value: i for i, k in enumerate(KIND_LABELS)}
    now = now.sort(pl.col("period_kind").replace_strict(order, default=99))
    return figure_rows(now, indicator, "label", drill, month)


def monthly_series(
    figures: pl.DataFrame, assessed: AssessedIndicator, month: date
) -> tuple[tuple[FigureRow, ...], Markup]:
    """The in-month (or snapshot) figures up to ``month``, newest first, and their chart."""
    indicator, assessment = assessed.indicator, assessed.assessment
    kind = assessment.monthly.kind if assessment and assessment.monthly else PeriodKind.MONTH
    rows = figures.filter(
        pl.col("indicator_id") == indicator.id,
        pl.col("period_kind") == kind.value,
        pl.col("period_end") <= month,
        pl.col("breakdown").is_null() | (pl.col("breakdown") == ""),
    ).sort("period_end")
    labelled = rows.with_columns(label=pl.col("period_end").dt.strftime("%b %Y"))
    references = []
    if assessed.target is not None:
        references.append(Reference("target", "Target", assessed.target))
    if assessment is not None and assessment.spc is not None:
        chart = assessment.spc.chart
        references += [
            Reference("centre", "Centre line", chart.centre),
            Reference("limit", "Upper limit", chart.upper),
            Reference("limit", "Lower limit", max(chart.lower, 0.0)),
        ]
    svg = line_chart(
        indicator.title,
        labelled["label"].to_list(),
        labelled["value"].to_list(),
        references,
    )
    table = figure_rows(labelled, indicator, "label", False, month)
    return tuple(reversed(table)), svg


def spc_facts(assessed: AssessedIndicator) -> tuple[str, ...]:
    """The SPC chart's limits and signals in words."""
    spc = assessed.assessment.spc if assessed.assessment else None
    if spc is None:
        return ("Too few months for a control chart (12 are needed).",)
    unit, chart = assessed.indicator.unit, spc.chart
    monthly = assessed.assessment.monthly if assessed.assessment else None
    assert monthly is not None, "a control chart is drawn from the monthly series"
    baseline = monthly.points[chart.baseline.start : chart.baseline.stop]
    facts = [
        f"Centre line {format_value(chart.centre, unit)}; process limits "
        f"{format_value(chart.lower, unit)} to {format_value(chart.upper, unit)} "
        f"(from the {chart.baseline.length} months {month_year(baseline[0].end)} to "
        f"{month_year(baseline[-1].end)})."
    ]
    facts += [
        f"{s.rule.value.capitalize()} ({s.direction.value}): {s.count} point(s), "
        f"{month_year(s.first.end)} to {month_year(s.last.end)}."
        for s in spc.signals
    ]
    return tuple(facts) if spc.signals else (*facts, "No signals: variation looks like noise.")


def benchmark_rows(assessed: AssessedIndicator) -> tuple[tuple[str, str], ...]:
    """Published comparators (label, figure), empty when none were imported."""
    b = assessed.benchmarks
    if b is None or b.published_la is None:
        return ()
    unit = assessed.indicator.unit
    pairs = [
        (f"This council (published {b.year})", b.published_la),
        ("Statistical neighbours", b.statistical_neighbours),
        ("Region", b.region),
        ("England", b.england),
    ]
    rows = tuple((label, format_value(v, unit)) for label, v in pairs if v is not None)
    return (*rows, ("Synthetic figures", "yes")) if b.synthetic else rows


def breakdowns(
    frames: Sequence[pl.DataFrame], indicator: Indicator, kind: str, month: date, drill: bool
) -> tuple[Breakdown, ...]:
    """One table per breakdown dimension (team, service, then child characteristics), for
    the period kind the page leads with."""
    found = []
    for frame in frames:
        rows = frame.filter(
            pl.col("indicator_id") == indicator.id,
            pl.col("period_end") == month,
            pl.col("period_kind") == kind,
            pl.col("breakdown").is_not_null() & (pl.col("breakdown") != ""),
        ).sort("breakdown", _AGE_RANK, "breakdown_value")
        for (by,), part in rows.group_by("breakdown", maintain_order=True):
            title = f"By {str(by).replace('_', ' ')}"
            found.append(
                Breakdown(title, figure_rows(part, indicator, "breakdown_value", drill, month))
            )
    return tuple(found)


@dataclass(frozen=True)
class IndicatorView:
    """Everything the indicator page shows."""

    indicator: Indicator
    month: date
    months: tuple[date, ...]
    target: str
    figures: tuple[FigureRow, ...]
    series: tuple[FigureRow, ...]
    chart: Markup
    spc: tuple[str, ...]
    benchmarks: tuple[tuple[str, str], ...]
    breakdowns: tuple[Breakdown, ...]
    headline_kind: str
    commentary: str


def indicator_view(
    snapshot: Snapshot,
    indicator: Indicator,
    month: date,
    *,
    public: bool,
    drill: bool,
    extra: Sequence[pl.DataFrame],
    commentary: Callable[[AssessedIndicator], str],
) -> IndicatorView:
    """The page for ``indicator`` at ``month``; ``extra`` are breakdown frames (none for
    readers without breakdowns) and ``commentary`` gives the text to show."""
    figures = snapshot.figures(public)
    assessed = snapshot.assess([indicator], month, public)[indicator.id]
    headline = assessed.assessment.headline_kind if assessed.assessment else None
    kind = (headline or PeriodKind.MONTH).value
    series, chart = monthly_series(figures, assessed, month)
    target = "" if assessed.target is None else format_value(assessed.target, indicator.unit)
    return IndicatorView(
        indicator,
        month,
        snapshot.months,
        target,
        headline_figures(figures, indicator, month, drill),
        series,
        chart,
        spc_facts(assessed),
        benchmark_rows(assessed),
        breakdowns(extra, indicator, kind, month, drill),
        KIND_LABELS.get(PeriodKind(kind), kind),
        commentary(assessed),
    )
