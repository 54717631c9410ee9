"""Which two figures a scorecard row shows, and the direction of travel between them.

Seed 000 has two kinds of row. Rolling rows show the rolling 12 and 6 months, with the direction
of 6 against 12. ChAT rows show the latest rolling 6 months against the same 6 months a year
earlier, or, for a month-end snapshot (children in need, care leavers), this month's snapshot
against last year's (the "**" rows). The arrow always compares the two figures printed beside it,
so a reader can check it by eye.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from csc_scorecard.assess.assessment import Assessment
from csc_scorecard.assess.direction import Change, change_between
from csc_scorecard.assess.figures import Figure, year_earlier
from csc_scorecard.engine.periods import Period, PeriodKind


@dataclass(frozen=True)
class RowFigures:
    """The earlier and later figure a row prints, and the change between them.

    ``dated`` is True when the figures are single months standing in for rolling periods the
    indicator does not have (seed 000's agency staff: "30% (Jan24)", "28% (Sep24)"), so each
    cell must say its month.
    """

    first: Figure | None = None
    second: Figure | None = None
    change: Change | None = None
    dated: bool = False


def rolling_figures(a: Assessment | None, month: date) -> RowFigures:
    """Rolling 12 and 6 months; else the first and latest monthly figure in the 12 months."""
    if a is None:
        return RowFigures()
    twelve, six = a.figure(PeriodKind.ROLLING_12M), a.figure(PeriodKind.ROLLING_6M)
    if twelve is not None or six is not None:
        return RowFigures(twelve, six, a.direction)
    if a.monthly is None:
        return RowFigures()
    start = Period.of(PeriodKind.ROLLING_12M, month).start
    points = [p for p in a.monthly.points if p.end >= start]
    if not points:
        return RowFigures()
    kind = a.monthly.kind
    last = Figure(Period.of(kind, points[-1].end), points[-1].value, None, None)
    if len(points) == 1:
        return RowFigures(None, last, None, dated=True)
    first = Figure(Period.of(kind, points[0].end), points[0].value, None, None)
    # The monthly series' own minimum change was already applied to its moves; the change
    # across the window uses the same default rule as every other direction of travel.
    change = change_between(points[0], points[-1], a.polarity)
    return RowFigures(first, last, change, dated=True)


def chat_figures(a: Assessment | None) -> RowFigures:
    """The latest 6 months against a year earlier; a snapshot against last year's snapshot."""
    if a is None:
        return RowFigures()
    six = a.figure(PeriodKind.ROLLING_6M)
    if six is not None:
        return RowFigures(a.chat_year_ago, six, a.chat_change)
    headline = a.headline
    if headline is None:
        return RowFigures()
    change = a.year_on_year
    earlier = None
    if change is not None:
        period = Period.of(headline.period.kind, year_earlier(headline.period.end))
        earlier = Figure(period, change.previous.value, None, None)
    return RowFigures(earlier, headline, change)
