"""Early help for families (``ssd_early_help_episodes``, ``ssd_family``) and private fostering.

Early help works with families: brothers and sisters share a family id and one episode's dates.
About a third of episodes are led by an agency outside the council (schools, health visitors,
voluntary partners), which the scorecard reports separately. Private fostering notifications are
rare (about 1 in 5,000 children a year); the first visit is due within 7 days.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from csc_scorecard.synth.context import (
    DAYS_PER_YEAR,
    Council,
    days,
    pick,
    seasonal_dates,
    span_days,
)

FAMILIES_PER_CHILD_YEAR = 0.0095
FAMILY_SIZE = {"1": 0.45, "2": 0.3, "3": 0.17, "4": 0.08}
REASONS = {
    "Parenting support": 30,
    "Emotional wellbeing": 20,
    "School attendance": 15,
    "Domestic abuse": 15,
    "Behaviour": 12,
    "Housing or finance": 8,
}
END_REASONS = {"OUT": 0.55, "ESC": 0.12, "NEN": 0.15, "MOV": 0.08, "OTH": 0.10}
EXTERNAL = ("School partnership", "Health visiting service", "Voluntary sector partner")
PRIVATE_FOSTERING_RATE = 0.0002


@dataclass(frozen=True)
class EarlyHelp:
    """Children in early help: family, shared episode dates and the child's date of birth."""

    family: np.ndarray
    dob: np.ndarray
    start: np.ndarray
    end: np.ndarray


def early_help_children(council: Council) -> EarlyHelp:
    """Families arriving in early help, and their children."""
    rng = council.rng("early_help.families")
    years = span_days(council.sim_start, council.end_day) / DAYS_PER_YEAR
    families = rng.poisson(FAMILIES_PER_CHILD_YEAR * council.children * years)
    start = seasonal_dates(rng, families, council.sim_start, council.end_day)
    end = start + days(np.exp(rng.normal(np.log(170), 0.5, families)))
    size = pick(rng, FAMILY_SIZE, families).astype(np.int64)
    family = np.repeat(np.arange(families), size)
    dob = start[family] - days(rng.uniform(0, 17.9, family.size) * DAYS_PER_YEAR)
    return EarlyHelp(family, dob, start[family], end[family])


def early_help_frames(council: Council, eh: EarlyHelp, base: int) -> dict[str, pl.DataFrame]:
    """Episodes and family links; one organisation and end reason per family."""
    rng = council.rng("early_help.episodes")
    families = int(eh.family.max()) + 1 if eh.family.size else 0
    external = rng.random(families) < 0.33
    organisation = np.where(
        external, pick(rng, dict.fromkeys(EXTERNAL, 1.0), families), "Council family help service"
    )
    person = council.ids("P", base + np.arange(eh.family.size))
    family_id = council.ids("F", eh.family)
    episodes = pl.DataFrame(
        {
            "earl_episode_id": council.ids("EH", np.arange(eh.family.size)),
            "earl_person_id": person,
            "earl_episode_start_date": eh.start,
            "earl_episode_end_date": eh.end,
            "earl_episode_reason": pick(rng, REASONS, families)[eh.family],
            "earl_episode_end_reason": pick(rng, END_REASONS, families)[eh.family],
            "earl_episode_organisation": organisation[eh.family],
            "earl_episode_external": external[eh.family],
            "earl_family_id": family_id,
        }
    )
    family = pl.DataFrame(
        {
            "fami_table_id": council.ids("FM", np.arange(eh.family.size)),
            "fami_family_id": family_id,
            "fami_person_id": person,
        }
    )
    return {"ssd_early_help_episodes": episodes, "ssd_family": family}


def private_fostering_children(council: Council) -> tuple[np.ndarray, np.ndarray]:
    """Dates of birth and notification dates of privately fostered children (mostly teenagers)."""
    rng = council.rng("early_help.private_fostering")
    years = span_days(council.sim_start, council.end_day) / DAYS_PER_YEAR
    n = rng.poisson(PRIVATE_FOSTERING_RATE * council.children * years)
    notified = seasonal_dates(rng, n, council.sim_start, council.end_day)
    return notified - days(rng.uniform(8, 17.5, n) * DAYS_PER_YEAR), notified


def private_fostering_frame(council: Council, notified: np.ndarray, base: int) -> pl.DataFrame:
    """``csc_private_fostering``: first visit mostly within 7 days; arrangements last months."""
    rng = council.rng("early_help.private_fostering_frame")
    n = notified.size
    return pl.DataFrame(
        {
            "pfos_arrangement_id": council.ids("PF", np.arange(n)),
            "pfos_person_id": council.ids("P", base + np.arange(n)),
            "pfos_notification_date": notified,
            "pfos_first_visit_date": notified + days(rng.exponential(4, n)),
            "pfos_end_date": notified + days(np.exp(rng.normal(np.log(240), 0.6, n))),
        }
    )
