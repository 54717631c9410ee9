"""A practice report column's chart: its monthly figures against the target and SPC limits.

The line is the assessment's own monthly (or month-end) series, and the centre line and
process limits are the assessment's XmR chart, so the chart shows exactly what the drafted SPC
sentences describe. The chart also says in words what it shows (latest value, target, limits),
for readers who cannot see it.
"""

from __future__ import annotations

from datetime import date

from csc_scorecard.assess.assessment import Assessment
from csc_scorecard.engine.catalogue.entry import Unit
from csc_scorecard.engine.periods import Period, PeriodKind
from csc_scorecard.narrative.numbers import format_value
from csc_scorecard.narrative.phrases import month_year
from csc_scorecard.render.model import Chart, ChartLine, ChartPoint, LineKind
from csc_scorecard.render.practice_table import ColumnFigures


def _possible(value: float, unit: Unit) -> bool:
    """Whether a figure in ``unit`` could be ``value`` (an SPC limit may not: -3 children)."""
    return value >= 0 and (unit is not Unit.PERCENT or value <= 100)


def _month_label(end: date) -> str:
    """ "Sep 23": short enough for two years of months along the axis."""
    return f"{Period.of(PeriodKind.MONTH, end).label[:3]} {end.year % 100:02d}"


def chart_of(
    column: ColumnFigures, assessment: Assessment | None, month: date, months: int
) -> Chart:
    """The chart of ``column``'s indicator: the last ``months`` monthly figures to ``month``.

    The target line is drawn when the column shows a target; SPC lines when the column asks
    for them and the series was long enough for an XmR chart; a limit no figure could reach
    (a negative count) is left out.
    """
    unit = column.indicator.unit
    series = assessment.monthly if assessment is not None else None
    first = month.year * 12 + month.month - months
    start = date(first // 12, first % 12 + 1, 1)
    points = tuple(
        ChartPoint(_month_label(p.end), p.value, format_value(p.value, unit))
        for p in (series.points if series is not None else ())
        if start <= p.end <= month
    )
    lines: list[ChartLine] = []
    if column.layout.target and column.target is not None:
        shown = format_value(column.target, unit)
        lines.append(ChartLine(LineKind.TARGET, f"Target {shown}", column.target))
    spc = assessment.spc if assessment is not None and column.layout.spc else None
    if spc is not None:
        xmr = spc.chart
        lines.append(
            ChartLine(LineKind.CENTRE, f"SPC mean {format_value(xmr.centre, unit)}", xmr.centre)
        )
        for name, value in (("Upper", xmr.upper), ("Lower", xmr.lower)):
            if _possible(value, unit):
                label = f"{name} process limit {format_value(value, unit)}"
                lines.append(ChartLine(LineKind.LIMIT, label, value))
    return Chart(
        column.title,
        _summary(column.title, points, lines, assessment, month),
        points,
        tuple(lines),
        "%" if unit is Unit.PERCENT else "",
    )


def _summary(
    title: str,
    points: tuple[ChartPoint, ...],
    lines: list[ChartLine],
    assessment: Assessment | None,
    month: date,
) -> str:
    """The chart in words: what is plotted, the latest figure, the lines and any signal."""
    if not points:
        return f"{title}: no monthly figures to {month_year(month)}."
    words = [f"{title}, monthly from {points[0].label} to {points[-1].label}."]
    words.append(f"Latest ({points[-1].label}): {points[-1].text}.")
    words += [f"{line.label}." for line in lines]
    spc = assessment.spc if assessment is not None else None
    if spc is not None and any(line.kind is LineKind.CENTRE for line in lines):
        latest = [s for s in spc.signals if s.last.end == month]
        words += [f"The latest month is part of an SPC {s.rule.value} signal." for s in latest]
    return " ".join(words)
