"""Health checks and missing episodes of children looked after.

Most initial health assessments are requested within days and done within about 20 working days;
annual review health assessments and dental checks follow each year in care, so about 90% of
children looked after for a year have had a health assessment in it and about 81% a dental check,
as in England. About one in nine children in care goes missing in a year, mostly teenagers, and
those who go missing often do so repeatedly; return home interviews are offered after most
episodes.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from csc_scorecard.synth.care import Periods
from csc_scorecard.synth.context import DAY, Council, days, maybe, pick, when, years_between
from csc_scorecard.synth.people import People
from csc_scorecard.synth.schedule import recurring

# share of children under 11, and 11 and over, who go missing: about 11% of children looked after
# in a year have a missing incident (England 2025)
MISSING_PRONE = (0.045, 0.3)
MISSING_PER_YEAR = 4.0
IHA_DUE_DAYS = 20
# Each year of care brings a review health assessment (RHA) and a dental check, mostly done in
# the weeks before they fall due, so each is about a year after the last.
CHECKS = {  # kind: (first due, interval, days done early at most, on time, status shares)
    "IHA": (IHA_DUE_DAYS, 1_000_000, 40, 1.0, {"C": 0.9, "R": 0.02, "O": 0.08}),
    "RHA": (IHA_DUE_DAYS + 365, 365, 50, 0.9, {"C": 0.94, "R": 0.03, "O": 0.03}),
    "DENTAL": (180, 365, 50, 0.85, {"C": 0.82, "R": 0.06, "O": 0.12}),
}


def health_frame(council: Council, p: Periods) -> pl.DataFrame:
    """``ssd_cla_health``: one initial assessment, then annual reviews and dental checks.

    Checks are laid out to the end of each period of care; the window keeps those requested by its
    end. A check done after the window's end is still outstanding then. Completed and refused
    checks carry the date they were done or refused.
    """
    rng = council.rng("care.health")
    rows = np.flatnonzero(~p.short_break)
    start, end = p.start[rows], p.end[rows]
    parts = []
    for kind, (first, every, most_early, on_time, shares) in CHECKS.items():
        owner, due = recurring(start, end, first, every)
        n = owner.size
        early = due - days(rng.uniform(-8, most_early, n))
        late = due + days(rng.exponential(30, n) + 1)
        done = np.where(rng.random(n) < on_time, early, late)
        done = np.minimum(np.maximum(done, start[owner]), end[owner])
        status = pick(rng, shares, n)
        status = np.where(done > council.end_day, "O", status)
        requested = start[owner] + days(rng.exponential(4, n)) if kind == "IHA" else due - 60 * DAY
        parts.append(
            pl.DataFrame(
                {
                    "clah_person_id": p.child[rows][owner],
                    "clah_health_check_type": np.full(n, kind),
                    "clah_health_check_requested_date": requested,
                    "clah_health_check_date": when(status != "O", np.maximum(done, requested)),
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
