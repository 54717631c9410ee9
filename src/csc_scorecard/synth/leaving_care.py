"""Care leavers (``ssd_care_leavers``): a record around each birthday from 17 to 21, some to 25.

A young person looked after at 16 or later is a care leaver; the council keeps in touch and records
accommodation (about 89% suitable at 19-21) and activity (about 54% in education, employment or
training at 19-21) around each birthday, as the SSDA903 OC3 return measures them.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from csc_scorecard.synth.care import Periods
from csc_scorecard.synth.context import Council, birthday, days, pick
from csc_scorecard.synth.people import People

SUITABLE = {"U": 30, "D": 20, "R": 12, "B": 15, "E": 8, "T": 6, "C": 3, "K": 3, "G": 1}
UNSUITABLE = {"S": 20, "V": 25, "W": 15, "X": 20, "Y": 10, "Z": 10}
EET = {"F1": 8, "P1": 1, "F2": 14, "P2": 2, "F3": 20, "P3": 9}
NEET = {"G4": 22, "G5": 55, "G6": 17, "0": 6}
IN_TOUCH = {"YES": 0.9, "NO": 0.05, "REFU": 0.02, "NREQ": 0.03}
STILL_SUPPORTED_AFTER_21 = 0.4


def care_leavers_frame(council: Council, p: Periods, people: People, team: str) -> pl.DataFrame:
    """One record per care leaver per birthday (17 to 21, and to 25 for those still supported)."""
    rng = council.rng("leaving_care")
    dob = people.dob[p.child]
    leaver = ~p.short_break & (p.end >= birthday(dob, 16)) & (p.exit != "ADOPT")
    child = np.unique(p.child[leaver])
    left = (
        pl.DataFrame({"child": p.child[leaver], "left": p.end[leaver]})
        .group_by("child")
        .agg(pl.col("left").max())
        .sort("child")
    )
    left_care = left["left"].to_numpy()
    older = rng.random(child.size) < STILL_SUPPORTED_AFTER_21
    ages = np.arange(17, 26)
    owner = np.repeat(np.arange(child.size), ages.size)
    age = np.tile(ages, child.size)
    keep = (age <= 21) | older[owner]
    owner, age = owner[keep], age[keep]
    contact = birthday(people.dob[child[owner]], 0) + days(
        age * 365.25 + rng.uniform(-60, 30, owner.size)
    )
    n = owner.size
    suitable = rng.random(n) < 0.89
    eet = rng.random(n) < np.where(age >= 19, 0.54, 0.65)
    in_care = contact < left_care[owner]
    eligibility = np.select([in_care, age < 18], ["ELIG", "REL"], "FREL")
    frame = pl.DataFrame(
        {
            "clea_person_id": council.ids("P", child[owner]),
            "clea_care_leaver_eligibility": eligibility,
            "clea_care_leaver_in_touch": pick(rng, IN_TOUCH, n),
            "clea_care_leaver_latest_contact": contact,
            "clea_care_leaver_accommodation": np.where(
                suitable, pick(rng, SUITABLE, n), pick(rng, UNSUITABLE, n)
            ),
            "clea_care_leaver_accom_suitable": suitable,
            "clea_care_leaver_activity": np.where(eet, pick(rng, EET, n), pick(rng, NEET, n)),
            "clea_care_leaver_allocated_team": np.full(n, team),
        }
    )
    return frame.insert_column(0, council.ids("CL", np.arange(n)).alias("clea_table_id"))
