"""Overlapping looked-after episodes (a recording error the views must survive), worked by hand.

A month end, or a month, with two of a child's episodes open counts the child once, under the
latest episode (latest start); an episode overlapping none is counted as it is. Episodes (child;
episode: start -> end, team; short breaks none):
  A: A1 2023-01-01 -> open, North; A2 2023-06-15 -> 2023-08-10, South (overlaps A1)
  B: B1 2023-01-01 -> 2023-06-15, North; B2 2023-06-15 -> open, South (one follows the other)
  C: C1 2023-03-01 -> 2023-07-01, North; C2 2023-03-01 -> 2023-05-01, South (same start: the
     later episode id, C2, is the latest while both are open)
Looked after at the month end, by the team counted (cla_month_ends):
  31 May 2023: A North, B North, C North (C2 ended 1 May) -> North 3
  30 Jun 2023: A South (A2), B South (B2), C North -> North 1, South 2
  31 Aug 2023: A North (A2 ended 10 Aug), B South -> North 1, South 1
  30 Apr 2023: A North, B North, C South (C2) -> North 2, South 1
Looked after during the month, by the team of the latest episode in it (cla_child_months):
  June 2023: A South (A2), B South (B2 starts the day B1 ends), C North -> North 1, South 2
  August 2023: A South (A2 still open on 1 Aug), B South -> South 2
  September 2023: A North, B South -> North 1, South 1
"""

from __future__ import annotations

import polars as pl
import pytest
from conftest import TinyStore, d

from csc_scorecard.engine.periods import parse_month

EPISODES = [
    # child, episode, start, end, team
    ("A", "A1", "2023-01-01", None, "North"),
    ("A", "A2", "2023-06-15", "2023-08-10", "South"),
    ("B", "B1", "2023-01-01", "2023-06-15", "North"),
    ("B", "B2", "2023-06-15", None, "South"),
    ("C", "C1", "2023-03-01", "2023-07-01", "North"),
    ("C", "C2", "2023-03-01", "2023-05-01", "South"),
]


@pytest.fixture
def overlaps(store: TinyStore) -> TinyStore:
    store.add(
        "ssd_cla_episodes",
        *(
            {
                "clae_person_id": child,
                "clae_cla_episode_id": episode,
                "clae_cla_episode_start_date": d(start),
                "clae_cla_episode_start_reason": "S" if episode.endswith("1") else "P",
                "clae_cla_legal_status": "C2",
                "clae_cla_episode_ceased_date": d(end) if end else None,
                "clae_cla_episode_ceased_reason": "X1" if end else None,
                "clae_cla_team": team,
            }
            for child, episode, start, end, team in EPISODES
        ),
    )
    store.add("ssd_person", *({"pers_person_id": c, "pers_dob": d("2012-01-01")} for c in "ABC"))
    store.compute(["cla_3plus_placements_pct", "cla_missing_pct"], "2023-04", "2023-09")
    return store


def _by_team(store: TinyStore, indicator: str, kind: str, month: str) -> dict[str, float]:
    """The denominator of each team's figure."""
    assert store.results is not None
    rows = store.results.filter(
        (pl.col("indicator_id") == indicator)
        & (pl.col("period_kind") == kind)
        & (pl.col("period_end") == parse_month(month))
        & (pl.col("breakdown") == "team")
    )
    return dict(zip(rows["breakdown_value"], rows["denominator"], strict=True))


@pytest.mark.parametrize(
    ("month", "expected"),
    [
        ("2023-04", {"North": 2, "South": 1}),
        ("2023-05", {"North": 3}),
        ("2023-06", {"North": 1, "South": 2}),
        ("2023-08", {"North": 1, "South": 1}),
    ],
)
def test_month_end_counts_the_latest_open_episode(
    overlaps: TinyStore, month: str, expected: dict[str, float]
) -> None:
    assert _by_team(overlaps, "cla_3plus_placements_pct", "snapshot", month) == expected
    whole = overlaps.row("cla_3plus_placements_pct", "snapshot", month)
    assert whole["denominator"] == sum(expected.values())


@pytest.mark.parametrize(
    ("month", "expected"),
    [
        ("2023-06", {"North": 1, "South": 2}),
        ("2023-08", {"South": 2}),
        ("2023-09", {"North": 1, "South": 1}),
    ],
)
def test_month_counts_the_latest_episode_in_it(
    overlaps: TinyStore, month: str, expected: dict[str, float]
) -> None:
    assert _by_team(overlaps, "cla_missing_pct", "month", month) == expected
