"""Sentences about movement over time: the latest move, runs of rises or falls, highs and lows,
the ChAT year-on-year change, and SPC signals.

Each sentence states facts from the assessment, never causes: the analyst adds the why.
"""

from __future__ import annotations

from typing import assert_never

from csc_scorecard.assess.assessment import Assessment
from csc_scorecard.assess.direction import Change, Direction, Point
from csc_scorecard.assess.series import SeriesFacts
from csc_scorecard.assess.spc import Signal, SpcRule
from csc_scorecard.engine.catalogue.entry import Unit
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


def _verbs(direction: Direction) -> tuple[str, str, str]:
    """(past participle, noun, plural noun): "risen", "rise", "increases"."""
    if direction is Direction.UP:
        return "risen", "rise", "increases"
    return "fallen", "drop", "decreases"


def _size(change: Change, unit: Unit) -> str:
    """ ", a drop of 3%" or "" when the relative change is undefined."""
    amount = format_change(change.absolute, change.relative, unit)
    return "" if amount is None else f", a {_verbs(change.direction)[1]} of {amount}"


def _slightly(change: Change) -> str:
    small = change.relative is not None and abs(change.relative) < SLIGHT
    return " slightly" if small else ""


def _at(point: Point, unit: Unit, reported: Assessment) -> str:
    return f"{format_value(point.value, unit)} in {month_name(point.end, reported.month)}"


def trend_sentences(a: Assessment, series: SeriesFacts) -> list[str]:
    """The headline series' latest move, the run it continues or breaks, and a new high or low."""
    unit = a.indicator.unit
    name = subject(series.kind, unit)
    move, run, before = series.last_move, series.latest_run, series.run_before
    if move is None:
        return [capitalised(f"{name} is {_at(series.latest, unit, a)}.")]
    if move.direction is Direction.NO_CHANGE or run is None:
        return [
            capitalised(
                f"{name} has stayed level, at {_at(move.current, unit, a)} "
                f"against {_at(move.previous, unit, a)}."
            )
        ]
    change = Change(run.first, run.last, run.direction, move.verdict)
    verb = _verbs(run.direction)[0]
    if before is not None and before.steps >= 2:
        peak = "high" if before.direction is Direction.UP else "low"
        text = (
            f"After {count_words(before.steps)} consecutive {_verbs(before.direction)[2]}, "
            f"{name} has {verb}{_slightly(change)} from a {peak} of {_at(run.first, unit, a)} "
            f"to {_at(run.last, unit, a)}{_size(change, unit)}."
        )
    elif run.steps >= 2:
        text = capitalised(
            f"{name} has {verb} for {count_words(run.steps)} consecutive months, "
            f"from {_at(run.first, unit, a)} to {_at(run.last, unit, a)}{_size(change, unit)}."
        )
    else:
        text = capitalised(
            f"{name} has {verb}{_slightly(change)} from {_at(run.first, unit, a)} "
            f"to {_at(run.last, unit, a)}{_size(change, unit)}."
        )
    sentences = [text]
    start = month_year(series.points[0].end)
    if series.new_high:
        sentences.append(f"This is the highest figure in the series, which starts in {start}.")
    if series.new_low:
        sentences.append(f"This is the lowest figure in the series, which starts in {start}.")
    return sentences


def chat_sentence(a: Assessment, change: Change) -> str:
    """Seed 000's ChAT comparison: the latest 6 months against the same 6 months a year earlier."""
    unit = a.indicator.unit
    then, now = month_year(change.previous.end), month_year(change.current.end)
    values = (
        f"from {format_value(change.previous.value, unit)} in the six months to {then} "
        f"to {format_value(change.current.value, unit)} in the six months to {now}"
    )
    if change.direction is Direction.NO_CHANGE:
        return f"The 6-month {noun(unit)} is level with a year earlier, {values}."
    return (
        f"The 6-month {noun(unit)} has {_verbs(change.direction)[0]} {values}{_size(change, unit)}."
    )


def spc_sentence(a: Assessment, series: SeriesFacts, signal: Signal) -> str:
    """One SPC signal, stated as a fact about the series with the chart's own figures."""
    assert a.spc is not None
    unit, chart = a.indicator.unit, a.spc.chart
    name = subject(series.kind, unit)
    first, last = month_name(signal.first.end, a.month), month_name(signal.last.end, a.month)
    match signal.rule:
        case SpcRule.OUTSIDE_LIMITS:
            side, limit = (
                ("above the upper", chart.upper)
                if signal.direction is Direction.UP
                else ("below the lower", chart.lower)
            )
            return capitalised(
                f"{name} for {last}, {format_value(signal.last.value, unit)}, is {side} "
                f"process limit of {format_value(limit, unit)} (an SPC signal)."
            )
        case SpcRule.RUN:
            side = "above" if signal.direction is Direction.UP else "below"
            return capitalised(
                f"{name} has been {side} its average of {format_value(chart.centre, unit)} "
                f"for {count_words(signal.count)} consecutive months, from {first} to {last} "
                "(an SPC signal)."
            )
        case SpcRule.TREND:
            return capitalised(
                f"{name} has {_verbs(signal.direction)[0]} for "
                f"{count_words(signal.count - 1)} consecutive months, from "
                f"{_at(signal.first, unit, a)} to {_at(signal.last, unit, a)} (an SPC signal)."
            )
        case _:
            assert_never(signal.rule)
