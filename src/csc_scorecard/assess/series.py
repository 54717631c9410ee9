"""Facts about one series of figures over months: runs of rises or falls, highs and lows.

Analysts describe a trend by its runs ("after six consecutive increases, the rate has fallen")
and its extremes ("a high of 749.7 in September"). These are computed here, once, so drafted
sentences only phrase them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from csc_scorecard.assess.direction import Change, Direction, Point, change_between
from csc_scorecard.assess.margin import Margin
from csc_scorecard.engine.catalogue.entry import Polarity
from csc_scorecard.engine.periods import PeriodKind


@dataclass(frozen=True)
class Run:
    """``steps`` consecutive moves in ``direction`` (UP or DOWN) from ``first`` to ``last``.

    Runs count strict moves, however small: an unchanged figure ends a run, as in SPC trends.
    """

    direction: Direction
    steps: int
    first: Point
    last: Point


@dataclass(frozen=True)
class SeriesFacts:
    """One period kind's figures at successive month ends, up to the month assessed.

    Attributes:
        kind: the period kind the figures are for.
        points: the figures in date order; months without a figure are left out.
        latest_run: the run of moves ending at the latest figure; None if the last move was nil.
        run_before: the opposite run that ``latest_run`` broke, ending where it starts.
        last_move: the latest figure against the one before, with the minimum change applied.
        high: the highest figure (the earliest, if it was reached more than once).
        low: the lowest figure (the earliest, if reached more than once).
        new_high: the latest figure is above every earlier one (of at least two: beating a
            single earlier figure is just a rise).
        new_low: the latest figure is below every earlier one.
    """

    kind: PeriodKind
    points: tuple[Point, ...]
    latest_run: Run | None
    run_before: Run | None
    last_move: Change | None
    high: Point
    low: Point
    new_high: bool
    new_low: bool

    @property
    def latest(self) -> Point:
        """The figure for the month assessed (or the latest month with one)."""
        return self.points[-1]


def _runs(points: Sequence[Point]) -> list[Run]:
    """Maximal runs of strict moves, oldest first; unchanged steps belong to no run."""
    signs = [(b.value > a.value) - (b.value < a.value) for a, b in itertools.pairwise(points)]
    runs: list[Run] = []
    start = 0
    for sign, group in itertools.groupby(signs):
        steps = len(list(group))
        if sign != 0:
            moved = Direction.UP if sign > 0 else Direction.DOWN
            runs.append(Run(moved, steps, points[start], points[start + steps]))
        start += steps
    return runs


def series_facts(
    kind: PeriodKind, points: Sequence[Point], polarity: Polarity, min_change: Margin
) -> SeriesFacts | None:
    """The facts of ``points`` (in date order); None for an empty series."""
    if not points:
        return None
    latest = points[-1]
    runs = _runs(points)
    latest_run = runs[-1] if runs and runs[-1].last == latest else None
    run_before = None
    if latest_run is not None and len(runs) > 1 and runs[-2].last == latest_run.first:
        run_before = runs[-2]
    earlier = points[:-1]
    previous = earlier[-1] if earlier else None
    return SeriesFacts(
        kind=kind,
        points=tuple(points),
        latest_run=latest_run,
        run_before=run_before,
        last_move=change_between(previous, latest, polarity, min_change),
        high=max(points, key=lambda p: (p.value, -p.end.toordinal())),
        low=min(points, key=lambda p: (p.value, p.end.toordinal())),
        new_high=len(earlier) >= 2 and latest.value > max(p.value for p in earlier),
        new_low=len(earlier) >= 2 and latest.value < min(p.value for p in earlier),
    )
