"""The children themselves: characteristics, disabilities, immigration status and population.

Every child any stage creates gets a person number; characteristics are drawn here, once, so that
every table sees the same child (a disabled child's referral has need N2 and goes to the disabled
children's team; a UASC child is recorded as such).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from csc_scorecard.synth.context import Council, birthday, pick

SEX = {"M": 0.52, "F": 0.475, "U": 0.005}
ETHNICITY = {
    "WBRI": 64, "WIRI": 0.3, "WIRT": 0.3, "WOTH": 6, "WROM": 0.7, "MWBC": 2.5, "MWBA": 1.2,
    "MWAS": 1.5, "MOTH": 3, "AIND": 1.2, "APKN": 3, "ABAN": 1.2, "AOTH": 1.5, "BCRB": 1.2,
    "BAFR": 4, "BOTH": 1.5, "CHNE": 0.3, "OOTH": 3, "REFU": 0.5, "NOBT": 2,
}  # fmt: skip
UASC_ETHNICITY = {"BAFR": 35, "OOTH": 30, "AOTH": 25, "WOTH": 5, "BOTH": 5}
DISABLED_SHARE = 0.09
DISABILITIES = {
    "LD": 30,
    "AUT": 30,
    "COMM": 12,
    "BEH": 10,
    "MOB": 6,
    "PC": 4,
    "HEAR": 3,
    "VIS": 3,
    "CON": 2,
}
# Councils' 0-17 populations grew about 0.3% a year over the 2010s and early 2020s.
POPULATION_GROWTH = 0.003


@dataclass(frozen=True)
class People:
    """Every child created for a council, indexed by person number."""

    dob: np.ndarray
    uasc: np.ndarray
    arrived: np.ndarray
    """Date the child became known (UASC: arrived in the council)."""
    disabled: np.ndarray
    area: np.ndarray
    """Locality the child lives in (0-based), which fixes the teams that work with the child."""

    @property
    def size(self) -> int:
        return int(self.dob.size)


def make_people(
    council: Council, dob: np.ndarray, uasc: np.ndarray, arrived: np.ndarray, areas: int
) -> People:
    """Give every child a disability flag and locality."""
    rng = council.rng("people")
    n = dob.size
    disabled = ~uasc & (rng.random(n) < DISABLED_SHARE)
    return People(dob, uasc, arrived, disabled, rng.integers(0, areas, n))


def person_frame(council: Council, people: People) -> pl.DataFrame:
    """``ssd_person`` for all children, with sex and ethnicity."""
    rng = council.rng("people.person")
    n = people.size
    ethnicity = pick(rng, ETHNICITY, n)
    ethnicity[people.uasc] = pick(rng, UASC_ETHNICITY, int(people.uasc.sum()))
    sex = pick(rng, SEX, n)
    sex[people.uasc] = np.where(rng.random(int(people.uasc.sum())) < 0.92, "M", "F")
    return pl.DataFrame(
        {
            "pers_person_id": council.ids("P", np.arange(n)),
            "pers_sex": sex,
            "pers_ethnicity": ethnicity,
            "pers_dob": people.dob,
        }
    )


def disability_frame(council: Council, people: People) -> pl.DataFrame:
    """``ssd_disability``: one or two codes per disabled child, NONE for the others."""
    rng = council.rng("people.disability")
    disabled = np.flatnonzero(people.disabled)
    second = disabled[rng.random(disabled.size) < 0.3]
    others = np.flatnonzero(~people.disabled)
    person = np.concatenate([disabled, second, others])
    codes = np.concatenate(
        [pick(rng, DISABILITIES, disabled.size + second.size), np.full(others.size, "NONE")]
    )
    frame = pl.DataFrame({"person": person, "disa_disability_code": codes}).unique(
        maintain_order=True
    )
    return frame.select(
        disa_table_id=council.ids("D", np.arange(frame.height)),
        disa_person_id=council.ids("P", frame["person"].to_numpy()),
        disa_disability_code="disa_disability_code",
    )


def immigration_frame(council: Council, people: People) -> pl.DataFrame:
    """``ssd_immigration_status``: UASC from arrival; many gain refugee status within two years."""
    rng = council.rng("people.immigration")
    uasc = np.flatnonzero(people.uasc)
    start = people.arrived[uasc]
    decided = start + (rng.uniform(150, 900, uasc.size)).astype(np.int64) * np.timedelta64(1, "D")
    granted = (rng.random(uasc.size) < 0.7) & (decided <= np.datetime64(council.end, "D"))
    adult = birthday(people.dob[uasc], 18)
    uasc_end = np.where(
        granted, decided, np.where(adult <= council.end_day, adult, np.datetime64("NaT"))
    )
    person = np.concatenate([uasc, uasc[granted]])
    return pl.DataFrame(
        {
            "immi_immigration_status_id": council.ids("I", np.arange(person.size)),
            "immi_person_id": council.ids("P", person),
            "immi_immigration_status": np.concatenate(
                [np.full(uasc.size, "UASC"), np.full(int(granted.sum()), "REFU")]
            ),
            "immi_immigration_status_start_date": np.concatenate([start, decided[granted]]),
            "immi_immigration_status_end_date": np.concatenate(
                [uasc_end, np.full(int(granted.sum()), np.datetime64("NaT", "D"))]
            ),
        }
    )


def population_frame(council: Council) -> pl.DataFrame:
    """``csc_population``: mid-year 0-17 estimates for each year of the window and the year before.

    The council's size is its population at the window's end; earlier years are a little smaller.
    """
    rng = council.rng("people.population")
    years = np.arange(council.start.year - 1, council.end.year + 1)
    growth = (1 + POPULATION_GROWTH + rng.normal(0, 0.002, years.size)) ** (
        years - council.end.year
    )
    return pl.DataFrame(
        {
            "pop_year": years,
            "pop_children_0_17": np.rint(council.children * growth).astype(np.int64),
        }
    )
