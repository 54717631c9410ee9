"""Children's journeys through children's social care, simulated as chains of referrals.

Each chain is one child: a first referral, then, after each episode closes, perhaps another
referral. Children differ in risk (a few families return again and again, which is what makes
re-referrals and repeat child protection plans cluster), and a chain stops when the child is
adopted, becomes an adult, or the window ends. The loop runs over referral *steps* (a handful),
never over children: each step handles every still-active chain at once.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from csc_scorecard.synth.context import (
    DAYS_PER_YEAR,
    Council,
    birthday,
    days,
    seasonal_dates,
    span_days,
)
from csc_scorecard.synth.pathway import Step, draw_step

# Age at first referral (years): many babies, a rise in the teenage years.
FIRST_AGE_WEIGHTS = np.array(
    [10, 5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 5, 5.5, 6.5, 7.5, 8, 7.5, 6, 4],
    dtype=np.float64,
)
HIGH_RISK_SHARE = 0.22
RISK = (0.72, 2.0)  # low, high multipliers of the s47, conference and care probabilities
RETURN_CHANCE = (0.40, 0.75)  # chance of another referral after closure, low and high risk
LONG_GAP_DAYS = (330.0, 900.0)  # a later referral: at least 330 days, mean extra 900
QUICK_GAP_MEAN_DAYS = 95.0
MAX_STEPS = 30
# New chains per child a year, as a share of the referral rate (the rest are repeat referrals).
FIRST_REFERRAL_SHARE = 0.565
UASC_RATE = 0.0003  # unaccompanied asylum-seeking children arriving per child a year


@dataclass(frozen=True)
class Children:
    """The children whose journeys were simulated, indexed 0..n-1."""

    dob: np.ndarray
    high_risk: np.ndarray
    uasc: np.ndarray

    @property
    def size(self) -> int:
        return int(self.dob.size)


@dataclass(frozen=True)
class Journeys:
    """Every simulated referral (one row per referral, all steps together) and its children."""

    children: Children
    steps: Step
    arrived: np.ndarray
    """Date each child's first referral arrived (a UASC child's arrival in the council)."""


def _first_referrals(council: Council) -> tuple[np.ndarray, Children]:
    rng = council.rng("journey.children")
    span = span_days(council.sim_start, council.end_day) / DAYS_PER_YEAR
    profile = council.profile
    chains = rng.poisson(profile.referral_rate * FIRST_REFERRAL_SHARE * council.children * span)
    arrivals = rng.poisson(UASC_RATE * council.children * span)
    referral = np.concatenate(
        [
            seasonal_dates(rng, chains, council.sim_start, council.end_day),
            seasonal_dates(rng, arrivals, council.sim_start, council.end_day),
        ]
    )
    ages = np.concatenate(
        [
            rng.choice(18, chains, p=FIRST_AGE_WEIGHTS / FIRST_AGE_WEIGHTS.sum()),
            rng.choice([14, 15, 16, 17], arrivals, p=[0.08, 0.17, 0.35, 0.40]),
        ]
    )
    dob = referral - days((ages + rng.random(ages.size)) * DAYS_PER_YEAR)
    uasc = np.arange(referral.size) >= chains
    high_risk = ~uasc & (rng.random(referral.size) < HIGH_RISK_SHARE)
    return referral, Children(dob=dob, high_risk=high_risk, uasc=uasc)


def _concat(steps: list[Step]) -> Step:
    return Step(
        **{f.name: np.concatenate([getattr(s, f.name) for s in steps]) for f in fields(Step)}
    )


def simulate(council: Council) -> Journeys:
    """Simulate every referral from the start of the burn-in history to the window's end."""
    rng = council.rng("journey.steps")
    referral, children = _first_referrals(council)
    first = referral.copy()
    risk = np.where(children.high_risk, RISK[1], RISK[0])
    back = np.where(children.high_risk, RETURN_CHANCE[1], RETURN_CHANCE[0])
    adult = birthday(children.dob, 18)
    active = np.arange(children.size)
    steps: list[Step] = []
    for _ in range(MAX_STEPS):
        if active.size == 0:
            break
        step = draw_step(
            rng,
            council.profile,
            child=active,
            referral=referral,
            dob=children.dob[active],
            risk=risk[active],
            uasc=children.uasc[active],
        )
        steps.append(step)
        n = active.size
        quick = rng.random(n) < council.profile.quick_return
        gap = np.where(
            quick,
            rng.exponential(QUICK_GAP_MEAN_DAYS, n) + 1,
            LONG_GAP_DAYS[0] + rng.exponential(LONG_GAP_DAYS[1], n),
        )
        referral = step.close + days(gap)
        again = (
            (rng.random(n) < back[active])
            & ~step.final
            & ~children.uasc[active]
            & (referral <= council.end_day)
            & (referral < adult[active])
        )
        active, referral = active[again], referral[again]
    return Journeys(children=children, steps=_concat(steps), arrived=first)
