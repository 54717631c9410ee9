"""Sentences about movement: the headline series' latest move (with the run it continues or
breaks and a new high or low), and a figure against the same period a year earlier.

Each sentence states facts from the assessment, never causes: the analyst adds the why.
"""

from __future__ import annotations

from typing import assert_never

from csc_scorecard.assess.assessment import Assessment
from csc_scorecard.assess.direction import Change, Direction, Point
from csc_scorecard.assess.series import SeriesFacts
from csc_scorecard.engine.catalogue.entry import Unit
from csc_scorecard.engine.periods import PeriodKind
from csc_scorecard.narrative.numbers import format_change, format_value
from csc_scorecard.narrative.phrases import (
    capitalised,
    count_words,
    month_name,
    month_year,
    noun,
    subject,
)

SLIGHT = 0.05
"""A move of less than 5% of the earlier figure is described as slight."""
NOTABLE_RUN = 3
"""Moves in a row worth naming ("after six consecutive increases"); two are everyday noise."""
NOTABLE_HISTORY = 12
"""Earlier figures a new high or low must beat to be news: "the highest since" a few months
ago is not."""


def _verbs(direction: Direction) -> tuple[str, str, str]:
    """(past participle, noun, plural noun): "risen", "rise", "increases"."""
    if direction is Direction.UP:
        return "risen", "rise", "increases"
    return "fallen", "drop", "decreases"


def _size(change: Change, unit: Unit) -> str | None:
    """ "a drop of 3%", "a rise of 2.1 percentage points"; None when the size is undefined."""
    amount = format_change(change.absolute, change.relative, unit)
    return None if amount is None else f"a {_verbs(change.direction)[1]} of {amount}"


def _slightly(change: Change) -> str:
    small = change.relative is not None and abs(change.relative) < SLIGHT
    return " slightly" if small else ""


def _at(point: Point, unit: Unit, reported: Assessment) -> str:
    return f"{format_value(point.value, unit)} in {month_name(point.end, reported.month)}"


def extreme(series: SeriesFacts) -> str | None:
    """ "the highest figure since the series began in June 2022", when that is news."""
    if len(series.points) <= NOTABLE_HISTORY:
        return None
    start = month_year(series.points[0].end)
    if series.new_high:
        return f"the highest figure since the series began in {start}"
    if series.new_low:
        return f"the lowest figure since the series began in {start}"
    return None


def _ending(change: Change, unit: Unit, series: SeriesFacts) -> str:
    """The sentence's tail: the size of the move, and the new high or low it reached."""
    size, peak = _size(change, unit), extreme(series)
    if size is not None and peak is not None:
        return f", {size} to {peak}."
    return "".join(f", {part}" for part in (size, peak) if part is not None) + "."


def names_run(series: SeriesFacts) -> bool:
    """Whether :func:`trend_sentence` names the latest run ("for five consecutive months")."""
    move, run = series.last_move, series.latest_run
    moved = move is not None and move.direction is not Direction.NO_CHANGE
    return moved and run is not None and run.steps >= NOTABLE_RUN


def trend_sentence(a: Assessment, series: SeriesFacts) -> str:
    """The headline series' latest move, the run it continues or breaks, a new high or low.

    A long latest run is named first (it is where the series is heading); else a long run it
    broke ("after six consecutive increases ... from a high of").
    """
    unit = a.indicator.unit
    name = subject(series.kind, unit)
    move, run, before = series.last_move, series.latest_run, series.run_before
    now = format_value(series.latest.value, unit)
    if move is None:
        return capitalised(f"{name} for {month_name(series.latest.end, a.month)} is {now}.")
    if move.direction is Direction.NO_CHANGE or run is None:
        was, when = format_value(move.previous.value, unit), month_name(move.previous.end, a.month)
        still = f"unchanged from {when}" if was == now else f"little changed from {was} in {when}"
        return capitalised(f"{name} of {now} is {still}.")
    change = Change(run.first, run.last, run.direction, move.verdict)
    verb = _verbs(run.direction)[0]
    moved = f"{_at(run.first, unit, a)} to {_at(run.last, unit, a)}{_ending(change, unit, series)}"
    if names_run(series):
        return capitalised(
            f"{name} has {verb} for {count_words(run.steps)} consecutive months, from {moved}"
        )
    if before is not None and before.steps >= NOTABLE_RUN:
        peak = "high" if before.direction is Direction.UP else "low"
        return (
            f"After {count_words(before.steps)} consecutive {_verbs(before.direction)[2]}, "
            f"{name} has {verb}{_slightly(change)} from a {peak} of {moved}"
        )
    return capitalised(f"{name} has {verb}{_slightly(change)} from {moved}")


def _span(kind: PeriodKind) -> tuple[str, str]:
    """How a period of ``kind`` is dated, and how the same period a year earlier is named."""
    match kind:
        case PeriodKind.ROLLING_6M:
            return "In the six months to", "in the same six months a year earlier"
        case PeriodKind.ROLLING_12M:
            return "In the twelve months to", "in the same twelve months a year earlier"
        case PeriodKind.ROLLING_3M:
            return "In the three months to", "in the same three months a year earlier"
        case PeriodKind.SNAPSHOT:
            return "At the end of", "a year earlier"
        case PeriodKind.MONTH:
            return "In", "a year earlier"
        case PeriodKind.QUARTER:
            return "In the quarter to", "in the same quarter a year earlier"
        case PeriodKind.YTD | PeriodKind.FY:
            return "In the financial year to", "at the same point a year earlier"
        case _:
            assert_never(kind)


def year_on_year_sentence(
    a: Assessment, kind: PeriodKind, value: float, change: Change | None
) -> str:
    """Seed 000's ChAT reading: ``kind``'s figure now against the same period a year earlier.

    ``change`` runs from the year-earlier figure to ``value``; None when there is no
    year-earlier figure.
    """
    unit = a.indicator.unit
    when, earlier = _span(kind)
    text = f"{when} {month_year(a.month)}, the {noun(unit)} was {format_value(value, unit)}"
    if change is None:
        return f"{text}; there is no figure for {earlier.removeprefix('in ')}."
    was = format_value(change.previous.value, unit)
    if change.direction is Direction.NO_CHANGE:
        still = "unchanged" if was == format_value(value, unit) else "little changed"
        return f"{text}, {still} from {was} {earlier}."
    size = _size(change, unit)
    if size is None:
        size = "up" if change.direction is Direction.UP else "down"
    return f"{text}, {size} from {was} {earlier}."
