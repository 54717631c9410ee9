"""Health checks and missing episodes of children looked after.

Most initial health assessments are requested within days and done within about 20 working days;
annual review health assessments (about 90% done) and dental checks (about 80%) follow each year
in care. About one in nine children in care goes missing in a year, mostly teenagers, and those who
go missing often do so repeatedly; return home interviews are offered after most episodes.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from csc_scorecard.synth.care import Periods
from csc_scorecard.synth.context import DAY, Council, days, maybe, pick, when, years_between
from csc_scorecard.synth.people import People
from csc_scorecard.synth.schedule import recurring

MISSING_PRONE = (0.03, 0.21)  # share of children under 11, and 11 and over, who go missing
MISSING_PER_YEAR = 4.0
CHECKS = {  # kind: (first due, interval, completed / refused / outstanding shares)
    "IHA": (20, 1_000_000, {"C": 0.9, "R": 0.02, "O": 0.08}),
    "RHA": (365, 365, {"C": 0.9, "R": 0.04, "O": 0.06}),
    "DENTAL": (180, 365, {"C": 0.8, "R": 0.06, "O": 0.14}),
}


def health_frame(council: Council, p: Periods) -> pl.DataFrame:
    """``ssd_cla_health``: one initial assessment, then annual reviews and dental checks."""
    rng = council.rng("care.health")
    rows = np.flatnonzero(~p.short_break)
    start, end = p.start[rows], np.minimum(p.end[rows], council.end_day)
    parts = []
    for kind, (first, every, shares) in CHECKS.items():
        owner, due = recurring(start, end, first, every)
        status = pick(rng, shares, owner.size)
        early = 40 if kind == "IHA" else 300
        done = np.maximum(due - days(rng.uniform(-8, early, owner.size)), start[owner])
        requested = (
            start[owner] + days(rng.exponential(4, owner.size)) if kind == "IHA" else due - 60 * DAY
        )
        parts.append(
            pl.DataFrame(
                {
                    "clah_person_id": p.child[rows][owner],
                    "clah_health_check_type": np.full(owner.size, kind),
                    "clah_health_check_requested_date": requested,
                    "clah_health_check_date": when(
                        status == "C", np.minimum(done, council.end_day)
                    ),
                    "clah_health_check_status": status,
                }
            )
        )
    frame = pl.concat(parts)
    return frame.select(
        clah_health_check_id=council.ids("H", np.arange(frame.height)),
        clah_person_id=council.ids("P", frame["clah_person_id"].to_numpy()),
        clah_health_check_type="clah_health_check_type",
        clah_health_check_requested_date="clah_health_check_requested_date",
        clah_health_check_date="clah_health_check_date",
        clah_health_check_status="clah_health_check_status",
    )


def missing_frame(council: Council, p: Periods, people: People) -> pl.DataFrame:
    """``ssd_missing``: episodes for the missing-prone children, while in care."""
    rng = council.rng("care.missing")
    rows = np.flatnonzero(~p.short_break)
    child = p.child[rows]
    older = years_between(people.dob[child], p.start[rows]) >= 11
    prone = rng.random(rows.size) < np.where(older, MISSING_PRONE[1], MISSING_PRONE[0])
    length = ((np.minimum(p.end[rows], council.end_day) - p.start[rows]) / DAY).astype(np.float64)
    count = np.where(prone, rng.poisson(MISSING_PER_YEAR * np.maximum(length, 0) / 365.25), 0)
    owner = np.repeat(np.arange(rows.size), count)
    start = p.start[rows][owner] + days(rng.uniform(0, np.maximum(length[owner], 1)))
    hours = np.round(np.exp(rng.normal(np.log(9), 1.1, owner.size)), 1)
    end = start + days(hours / 24)
    offered = rng.random(owner.size) < 0.88
    offered_on = end + days(rng.exponential(2.2, owner.size))
    return pl.DataFrame(
        {
            "miss_table_id": council.ids("M", np.arange(owner.size)),
            "miss_person_id": council.ids("P", child[owner]),
            "miss_missing_episode_start_date": start,
            "miss_missing_episode_type": np.where(rng.random(owner.size) < 0.8, "M", "A"),
            "miss_missing_episode_end_date": end,
            "miss_missing_episode_hours": hours,
            "miss_missing_rhi_offered": offered,
            "miss_missing_rhi_offered_date": when(offered, offered_on),
            "miss_missing_rhi_accepted": maybe(rng.random(owner.size) < 0.6, offered),
        }
    )
