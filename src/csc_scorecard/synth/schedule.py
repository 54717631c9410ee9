"""Recurring statutory events (visits, reviews) laid out along a spell of service.

Visits and reviews share one shape: due dates at a first interval after the spell starts, then at a
fixed interval until it ends; most are done by their due date, some late, a few never.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from csc_scorecard.synth.context import DAY, NAT, Council, days, maybe, years_between


def recurring(
    starts: np.ndarray, ends: np.ndarray, first: int | np.ndarray, every: int | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Due dates ``start + first``, then every ``every`` days (per spell or for all), to ``end``.

    Returns:
        the index of the spell each due date belongs to, and the due dates.
    """
    first = np.broadcast_to(first, starts.shape)
    every = np.broadcast_to(every, starts.shape)
    room = ((ends - starts) / DAY).astype(np.int64) - first
    counts = np.where(room >= 0, room // every + 1, 0)
    owner = np.repeat(np.arange(starts.size), counts)
    nth = np.arange(owner.size) - np.repeat(np.cumsum(counts) - counts, counts)
    return owner, starts[owner] + (first[owner] + nth * every[owner]) * DAY


@dataclass(frozen=True)
class Visits:
    """Statutory visits along spells: the spell each belongs to, due and done dates, seen flags."""

    owner: np.ndarray
    due: np.ndarray
    done: np.ndarray
    seen: pl.Series
    alone: pl.Series


def visits(
    rng: np.random.Generator,
    council: Council,
    starts: np.ndarray,
    ends: np.ndarray,
    dob: np.ndarray,
    *,
    first: int | np.ndarray,
    every: int | np.ndarray,
) -> Visits:
    """Visits due along each spell up to the window's end, done mostly on time."""
    owner, due = recurring(starts, np.minimum(ends, council.end_day), first, every)
    done = performed(rng, due, council.profile.visits_on_time, starts[owner])
    young = years_between(dob[owner], due) < 4
    was_seen, alone = seen(rng, done, young, council.end_day)
    return Visits(owner, due, done, was_seen, alone)


def performed(
    rng: np.random.Generator, due: np.ndarray, on_time: float, earliest: np.ndarray
) -> np.ndarray:
    """When each due event happened: mostly up to ten days early, some late, about 1% never.

    Dates after the window's end are left for the caller's window rule to blank ("not yet done").
    """
    n = due.size
    early = due - days(rng.uniform(0, 10, n))
    late = due + days(rng.exponential(9, n) + 1)
    done = np.maximum(np.where(rng.random(n) < on_time, early, late), earliest)
    return np.where(rng.random(n) < 0.01, NAT, done)


def seen(
    rng: np.random.Generator, done: np.ndarray, young: np.ndarray, end: np.datetime64
) -> tuple[pl.Series, pl.Series]:
    """Whether the child was seen, and seen alone (not expected of babies and toddlers).

    Both are null for a visit not done by the window's ``end``.
    """
    happened = done <= end
    was_seen = rng.random(done.size) < 0.95
    alone = was_seen & ~young & (rng.random(done.size) < 0.72)
    return maybe(was_seen, happened), maybe(alone, happened)
