"""What happens around a period of care: reviews, visits, health checks, missing episodes, adoption.

Looked-after reviews follow regulation 33 (within 20 working days, then 3 months, then 6-monthly);
visits regulation 28 (within a week of the placement, then at most 6-weekly). Health assessments
are annual, dental checks annual; about one in nine children in care goes missing in a year, mostly
teenagers, often many times. Short-break series are left out of all of these, as the DfE does.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from csc_scorecard.synth.care import Periods
from csc_scorecard.synth.context import Council, pick, years_between
from csc_scorecard.synth.people import People
from csc_scorecard.synth.schedule import performed, recurring, visits

ONCE = 1_000_000  # an interval longer than any period: one due date only
PARTICIPATION = {"PN1": 45, "PN2": 8, "PN3": 5, "PN4": 5, "PN5": 12, "PN6": 10, "PN7": 15}


def _in_care(p: Periods) -> np.ndarray:
    return np.flatnonzero(~p.short_break)


def reviews_frame(council: Council, p: Periods, people: People) -> pl.DataFrame:
    """``ssd_cla_reviews``: first within 20 working days, second at 3 months, then 6-monthly."""
    rng = council.rng("care.reviews")
    rows = _in_care(p)
    start, end = p.start[rows], np.minimum(p.end[rows], council.end_day)
    first_owner, first_due = recurring(start, end, 28, ONCE)
    later_owner, later_due = recurring(start, end, 119, 182)
    owner = np.concatenate([first_owner, later_owner])
    due = np.concatenate([first_due, later_due])
    held = performed(rng, due, 0.9, start[owner])
    held = np.where(np.isnat(held), due, held)
    young = years_between(people.dob[p.child[rows][owner]], held) < 4
    return pl.DataFrame(
        {
            "clar_cla_review_id": council.ids("LR", np.arange(owner.size)),
            "clar_cla_id": council.ids("CLA", rows[owner]),
            "clar_person_id": council.ids("P", p.child[rows][owner]),
            "clar_cla_review_due_date": due,
            "clar_cla_review_date": held,
            "clar_cla_review_cancelled": rng.random(owner.size) < 0.01,
            "clar_cla_review_participation": np.where(
                young, "PN0", pick(rng, PARTICIPATION, owner.size)
            ),
        }
    ).filter(pl.col("clar_cla_review_date") <= council.end)


def cla_visits_frame(
    council: Council, p: Periods, people: People, placements: pl.DataFrame, teams: pl.DataFrame
) -> pl.DataFrame:
    """``ssd_cla_visits``: within a week of coming into care, then 6-weekly.

    ``teams`` maps ``clav_cla_id`` to ``clav_cla_visit_team`` (the period's team).
    """
    rows = _in_care(p)
    child = p.child[rows]
    v = visits(
        council.rng("care.visits"),
        council,
        p.start[rows],
        p.end[rows],
        people.dob[child],
        first=7,
        every=42,
    )
    frame = pl.DataFrame(
        {
            "clav_cla_visit_id": council.ids("VL", np.arange(v.owner.size), width=8),
            "clav_cla_id": council.ids("CLA", rows[v.owner]),
            "clav_person_id": council.ids("P", child[v.owner]),
            "clav_cla_visit_due_date": v.due,
            "clav_cla_visit_date": v.done,
            "clav_cla_visit_seen": v.seen,
            "clav_cla_visit_seen_alone": v.alone,
        }
    ).sort("clav_cla_visit_due_date")
    at_home = placements.select(
        clav_cla_id="clap_cla_id",
        start="clap_cla_placement_start_date",
        clav_placed_with_parents=pl.col("clap_cla_placement_type") == "P1",
    ).sort("start")
    return (
        frame.join_asof(
            at_home,
            left_on="clav_cla_visit_due_date",
            right_on="start",
            by="clav_cla_id",
            check_sortedness=False,
        )
        .join(teams, on="clav_cla_id", how="left")
        .drop("start")
    )


def _towards_placement(share: float) -> pl.Expr:
    """A date ``share`` of the way from entering care to the adoptive placement."""
    length = (pl.col("placed") - pl.col("start")).dt.total_days()
    return pl.col("start") + pl.duration(days=(length * share).floor())


def permanence_frame(council: Council, p: Periods, placements: pl.DataFrame) -> pl.DataFrame:
    """``ssd_permanence``: the adoption steps in order, and SGO / child arrangements orders."""
    adoptive = (
        placements.filter(pl.col("clap_cla_placement_type").is_in(["A5", "A6"]))
        .group_by("clap_cla_id")
        .agg(placed=pl.col("clap_cla_placement_start_date").min())
    )
    periods = pl.DataFrame(
        {
            "clap_cla_id": council.ids("CLA", np.arange(p.child.size)),
            "child": p.child,
            "start": p.start,
            "end": p.end,
            "exit": p.exit,
        }
    ).filter(pl.col("exit").is_in(["ADOPT", "SGO"]))
    frame = periods.join(adoptive, on="clap_cla_id", how="left")
    adopted = pl.col("exit") == "ADOPT"
    return frame.select(
        perm_table_id=council.ids("PM", np.arange(frame.height)),
        perm_person_id=council.ids("P", frame["child"].to_numpy()),
        perm_cla_id="clap_cla_id",
        perm_adm_decision_date=_towards_placement(0.35),
        perm_placement_order_date=_towards_placement(0.6),
        perm_matched_date=_towards_placement(0.92),
        perm_placed_for_adoption_date="placed",
        perm_permanence_order_date="end",
        perm_permanence_order_type=pl.when(adopted).then(pl.lit("ADO")).otherwise(pl.lit("SGO")),
    )
