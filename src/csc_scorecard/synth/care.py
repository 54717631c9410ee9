"""Periods of care as SSDA903 records: episodes (``ssd_cla_episodes``) and placements.

A period of care opens with an episode whose reason for new episode is S; each later change of
placement (P, or T with the same carer), of legal status (L) or both (U, or B with the same carer)
opens a new episode, the previous one ceasing with X1. Interim care orders become full care orders
within months; an adoption plan brings a placement order (E1) and an adoptive placement (A5/A6).
Some disabled children have agreed short breaks (legal status V3/V4), which the DfE statistics
exclude but a council's records hold.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from csc_scorecard.model.codes import code_list
from csc_scorecard.synth.context import Council, birthday, days, pick, years_between
from csc_scorecard.synth.journey import Journeys
from csc_scorecard.synth.people import People
from csc_scorecard.synth.teams import Teams

MOVES_PER_YEAR = 0.45
SHORT_BREAK_SHARE = 0.15  # of disabled children
CEASED = {
    "HOME": {"E4A": 0.8, "E4B": 0.2},
    "ADOPT": {"E11": 0.6, "E12": 0.4},
    "SGO": {"E45": 0.15, "E46": 0.05, "E47": 0.55, "E48": 0.25},
    "AGE18": {"E17": 0.2, "E13": 0.25, "E5": 0.35, "E6": 0.15, "E7": 0.05},
    "OTHER": {
        "E8": 0.35,
        "E41": 0.2,
        "E3": 0.15,
        "E14": 0.12,
        "E9": 0.06,
        "E16": 0.05,
        "E15": 0.07,
    },
}
START_STATUS = {"V2": 0.45, "C1": 0.40, "L2": 0.06, "L1": 0.04, "J1": 0.05}
CHANGE_REASONS = {
    "CARPL": 30,
    "CHILD": 15,
    "LAREQ": 20,
    "PLACE": 15,
    "ALLEG": 3,
    "CLOSE": 5,
    "OTHER": 12,
}
FOSTER = {"U4": 0.2, "U6": 0.45, "U1": 0.08, "U3": 0.12, "K2": 0.09, "P1": 0.05, "R1": 0.01}
TEEN = {
    "U4": 0.15,
    "U6": 0.3,
    "U3": 0.08,
    "K2": 0.25,
    "H5": 0.15,
    "P1": 0.04,
    "S1": 0.02,
    "Z1": 0.01,
}
SUCCESSORS = {
    "H5": {"K3": 1.0},
    "Z1": {"Z11": 0.25, "Z12": 0.25, "Z13": 0.25, "Z14": 0.25},
}
"""What a child is placed in instead of a code withdrawn (``valid_to`` in ``code_lists.toml``)
before the reporting year the placement starts in, so no synthetic placement is refused.

Z11-Z14 replace Z1 (the code list says so). No source read says what replaced H5
(semi-independent accommodation): since 28 October 2023 such accommodation for 16-17 year olds
must be registered with Ofsted as supported accommodation (gov.uk, "Introduction to supported
accommodation"), and K3, first listed for 2024-25, is the one code added since that is not one
of Z1's replacements, so the synthetic council uses K3: an assumption for synthetic data only.
"""
PROVIDER = {"U1": "PR1", "U3": "PR1", "P1": "PR0", "A5": "PR1", "A6": "PR5", "R1": "PR3"}


@dataclass(frozen=True)
class Periods:
    """Periods of care: the child, dates, how each ends, and whether it is a short-break series."""

    child: np.ndarray
    start: np.ndarray
    end: np.ndarray
    exit: np.ndarray
    short_break: np.ndarray
    referral: np.ndarray
    """Step number of the referral the period belongs to."""


def periods_of_care(council: Council, journeys: Journeys, people: People) -> Periods:
    """Periods from the journeys, plus short-break series for some disabled children."""
    rng = council.rng("care.short_breaks")
    s = journeys.steps
    rows = np.flatnonzero(~np.isnat(s.cla_start))
    first = np.unique(s.child[people.disabled[s.child]], return_index=True)[1]
    breaks = first[rng.random(first.size) < SHORT_BREAK_SHARE]
    start = s.referral[breaks] + days(rng.uniform(30, 365, breaks.size))
    end = np.minimum(
        start + days(rng.uniform(365, 1500, breaks.size)), birthday(people.dob[s.child[breaks]], 18)
    )
    ok = end > start
    return Periods(
        child=np.concatenate([s.child[rows], s.child[breaks][ok]]),
        start=np.concatenate([s.cla_start[rows], start[ok]]),
        end=np.concatenate([s.cla_end[rows], end[ok]]),
        exit=np.concatenate([s.cla_exit[rows], np.full(int(ok.sum()), "HOME")]),
        short_break=np.arange(rows.size + int(ok.sum())) >= rows.size,
        referral=np.concatenate([rows, breaks[ok]]),
    )


def period_teams(p: Periods, people: People, teams: Teams) -> np.ndarray:
    """The team holding each period: permanence for adoptions, disabilities, else by locality."""
    chosen: np.ndarray = np.select(
        [p.exit == "ADOPT", people.disabled[p.child]],
        [teams.children_in_care[-1], teams.disability],
        teams.by_area(teams.children_in_care[:-1], people.area[p.child]),
    )
    return chosen


def _changes(rng: np.random.Generator, p: Periods) -> pl.DataFrame:
    """Dated changes within each period: placement moves, care orders, adoption placements."""
    length = (p.end - p.start).astype(np.int64)
    moves = rng.poisson(MOVES_PER_YEAR * length / 365.25)
    moves = np.where(p.short_break, 0, moves)
    owner = np.repeat(np.arange(p.child.size), moves)
    move_at = p.start[owner] + days(rng.uniform(1, np.maximum(length[owner], 2)))
    start_status = np.where(
        p.short_break,
        pick(rng, {"V3": 0.6, "V4": 0.4}, p.child.size),
        pick(rng, START_STATUS, p.child.size),
    )
    ordered = ~p.short_break & (
        np.isin(start_status, ["C1", "L1", "L2"]) | (rng.random(p.child.size) < 0.25)
    )
    order_at = p.start + days(rng.uniform(40, 270, p.child.size))
    ordered &= order_at < p.end
    adopt = (p.exit == "ADOPT") & ~p.short_break
    adopt_at = np.maximum(
        p.end - days(rng.uniform(180, 420, p.child.size)),
        p.start + days(np.full(p.child.size, 60.0)),
    )
    adopt &= adopt_at < p.end
    period = np.concatenate(
        [np.arange(p.child.size), owner, np.flatnonzero(ordered), np.flatnonzero(adopt)]
    )
    return pl.DataFrame(
        {
            "period": period,
            "date": np.concatenate([p.start, move_at, order_at[ordered], adopt_at[adopt]]),
            "move": np.concatenate(
                [
                    np.ones(p.child.size + owner.size, bool),
                    np.zeros(int(ordered.sum()), bool),
                    np.ones(int(adopt.sum()), bool),
                ]
            ),
            "status": pl.Series(
                np.concatenate(
                    [
                        start_status,
                        np.full(owner.size, ""),
                        np.full(int(ordered.sum()), "C2"),
                        np.full(int(adopt.sum()), "E1"),
                    ]
                )
            ).replace("", None),
            "first": np.arange(period.size) < p.child.size,
            "adoptive": np.arange(period.size) >= period.size - int(adopt.sum()),
        }
    ).sort("period", "date", "first", descending=[False, False, True])


def current_placement_types(
    rng: np.random.Generator, kind: np.ndarray, start: np.ndarray
) -> np.ndarray:
    """``kind`` with each code withdrawn before its placement's ``start`` replaced by a
    ``SUCCESSORS`` code: a placement is checked in the reporting year it starts in (to 31 March).
    """
    month = start.astype("datetime64[M]").astype(np.int64)  # months since January 1970
    year = 1970 + month // 12 + (month % 12 >= 3)
    placement_type = code_list("placement_type")
    for old, successors in SUCCESSORS.items():
        _, last = placement_type.years(old)
        if last is not None:
            kind = np.where((kind == old) & (year > last), pick(rng, successors, kind.size), kind)
    return kind


def care_frames(
    council: Council, p: Periods, people: People, teams: Teams
) -> dict[str, pl.DataFrame]:
    """``ssd_cla_episodes`` and ``ssd_cla_placement`` for every period of care."""
    rng = council.rng("care.episodes")
    changes = _changes(rng, p).with_columns(
        legal=pl.col("status").forward_fill().over("period"),
        next_date=pl.col("date").shift(-1).over("period"),
        episode=pl.int_range(pl.len()),
    )
    period = changes["period"].to_numpy()
    child = p.child[period]
    n = changes.height
    age = years_between(people.dob[child], changes["date"].to_numpy())
    kind = np.where(age >= 14, pick(rng, TEEN, n), pick(rng, FOSTER, n))
    kind = np.where(changes["adoptive"].to_numpy(), np.where(rng.random(n) < 0.3, "A5", "A6"), kind)
    kind = np.where(p.short_break[period], np.where(rng.random(n) < 0.5, "K2", "U6"), kind)
    kind = current_placement_types(council.rng("care.successors"), kind, changes["date"].to_numpy())
    provider = np.array([PROVIDER.get(k, "") for k in kind.tolist()])
    provider = np.where(provider == "", np.where(rng.random(n) < 0.55, "PR1", "PR4"), provider)
    far = np.isin(kind, ["K2", "S1", "H5", "K3"])
    distance = np.round(np.exp(rng.normal(np.where(far, 3.0, 1.6), 0.9)), 1)
    outside = (distance > 8) & (rng.random(n) < 0.85)
    move, first = changes["move"].to_numpy(), changes["first"].to_numpy()
    legal_change = changes["status"].is_not_null().to_numpy() & ~first
    same_carer = rng.random(n) < 0.12
    rne = np.select(
        [first, move & legal_change, move, legal_change],
        ["S", np.where(same_carer, "B", "U"), np.where(same_carer, "T", "P"), "L"],
        "P",
    )
    last = changes["next_date"].is_null().to_numpy()
    reason = np.full(n, "X1", dtype="<U4")
    for exit_kind, weights in CEASED.items():
        ends_here = last & (p.exit[period] == exit_kind)
        reason[ends_here] = pick(rng, weights, int(ends_here.sum()))
    placement = np.cumsum(move) - 1
    team = period_teams(p, people, teams)[period]
    episodes = pl.DataFrame(
        {
            "clae_cla_episode_id": council.ids("CE", np.arange(n)),
            "clae_person_id": council.ids("P", child),
            "clae_cla_episode_start_date": changes["date"],
            "clae_cla_episode_start_reason": rne,
            "clae_cla_primary_need_code": np.select(
                [people.uasc[child], people.disabled[child]], ["N8", "N2"], "N1"
            ),
            "clae_cla_episode_ceased_date": np.where(
                last, p.end[period], changes["next_date"].to_numpy()
            ),
            "clae_cla_episode_ceased_reason": reason,
            "clae_cla_id": council.ids("CLA", period),
            "clae_referral_id": council.ids("R", p.referral[period]),
            "clae_cla_placement_id": council.ids("PL", placement),
            "clae_entered_care_date": p.start[period],
            "clae_cla_legal_status": changes["legal"],
            "clae_cla_team": team,
        }
    )
    placements = pl.DataFrame(
        {
            "clap_cla_placement_id": council.ids("PL", placement),
            "clap_person_id": council.ids("P", child),
            "clap_cla_id": council.ids("CLA", period),
            "period": period,
            "clap_cla_placement_start_date": changes["date"],
            "clap_cla_placement_type": kind,
            "clap_cla_placement_urn": council.ids(
                "URN",
                rng.integers(0, 400, n),
                width=4,
                present=np.isin(kind, ["K2", "R1", "S1", "H5", "K3"]),
            ),
            "clap_cla_placement_distance": distance,
            "clap_cla_placement_provider": provider,
            "clap_cla_placement_la": np.where(
                outside, np.char.add("ZZ", rng.integers(1, 10, n).astype(str)), council.la_code
            ),
            "clap_cla_placement_change_reason": pl.Series(
                np.where(first, "", pick(rng, CHANGE_REASONS, n))
            ).replace("", None),
            "end": episodes["clae_cla_episode_ceased_date"],
        }
    ).filter(pl.Series(move))
    placements = placements.with_columns(
        clap_cla_placement_end_date=pl.col("clap_cla_placement_start_date")
        .shift(-1)
        .over("period")
        .fill_null(pl.col("end").last().over("period"))
    ).drop("period", "end")
    return {"ssd_cla_episodes": episodes, "ssd_cla_placement": placements}
