"""How a synthetic council behaves: its size, code and the rates its children's journeys follow.

The rates are England-like (DfE 2024-25 published figures, per 10,000 children aged 0-17 a year
unless stated). A single council follows them exactly so that the default demo lands near England;
several councils each draw multipliers around them, so that councils differ and quartile bands
computed across them mean something.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import numpy as np

# English councils range from about 5,000 to 350,000 children aged 0-17 (median about 60,000).
_SIZE_SIGMA = 0.75
_SIZE_LOW_RATIO = 1 / 12
_SIZE_HIGH_RATIO = 6.0
_MIN_CHILDREN = 100


@dataclass(frozen=True)
class CouncilProfile:
    """Rates one council's journeys follow; each field is varied between councils.

    Attributes:
        referral_rate: referrals per child a year (England 520 per 10,000).
        quick_return: share of closed episodes followed by a quick new referral, which drives the
            re-referral rate (England about 21% within 12 months).
        assess_on_time: share of assessments authorised within 45 working days (England ~84%).
        s47_share: share of referrals going on to a section 47 enquiry (England ~190 per 10,000).
        icpc_share: share of s47 enquiries leading to an initial conference (~60 per 10,000).
        icpc_on_time: share of conferences within 15 working days of the s47 start (~80%).
        cp_months: median length of a child protection plan in months (stock ~42 per 10,000).
        care_entry: share of referrals (not via a CP plan) leading to care (stock ~70 per 10,000).
        visits_on_time: share of statutory visits done by their due date.
        agency_share: share of filled social worker posts held by agency workers.
        practice: a council-wide quality level for audits, supervision and health checks.
    """

    referral_rate: float = 0.0520
    quick_return: float = 0.60
    assess_on_time: float = 0.84
    s47_share: float = 0.35
    icpc_share: float = 0.23
    icpc_on_time: float = 0.80
    cp_months: float = 8.0
    care_entry: float = 0.043
    visits_on_time: float = 0.84
    agency_share: float = 0.24
    practice: float = 0.75


ENGLAND = CouncilProfile()

# Relative spread between councils of each rate (lognormal sigma for rates, absolute sd for shares).
_RATE_SPREAD = {"referral_rate": 0.22, "s47_share": 0.2, "cp_months": 0.15, "care_entry": 0.25}
_SHARE_SPREAD = {
    "quick_return": 0.05,
    "assess_on_time": 0.06,
    "icpc_share": 0.04,
    "icpc_on_time": 0.07,
    "visits_on_time": 0.06,
    "agency_share": 0.05,
    "practice": 0.07,
}


def varied_profile(rng: np.random.Generator) -> CouncilProfile:
    """A council whose rates differ from England's as real councils do (about ±20-30%)."""
    changes: dict[str, float] = {}
    for f in fields(CouncilProfile):
        base = float(getattr(ENGLAND, f.name))
        if f.name in _RATE_SPREAD:
            changes[f.name] = base * float(np.exp(rng.normal(0.0, _RATE_SPREAD[f.name])))
        else:
            drawn = base + rng.normal(0.0, _SHARE_SPREAD[f.name])
            changes[f.name] = float(np.clip(drawn, 0.05, 0.97))
    return replace(ENGLAND, **changes)


def council_code(index: int) -> str:
    """The synthetic LA code of the ``index``-th council (0-based): ``Z01``, ``Z02``, ...

    Real DfE LA codes are three digits, so a code starting with ``Z`` can never collide with one.
    Past 99 councils the second character becomes a letter (``ZA0`` ...), keeping three characters.
    """
    if index < 99:
        return f"Z{index + 1:02d}"
    rest = index - 99
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return f"Z{letters[rest // 10 % 26]}{rest % 10}"


def council_sizes(total: int, councils: int, rng: np.random.Generator) -> list[int]:
    """Split ``total`` children aged 0-17 among councils with England's skewed size spread.

    Sizes are lognormal, clipped to the real ratio of the largest and smallest council to the
    median, and rounded so they sum to ``total`` exactly.
    """
    if councils == 1:
        return [total]
    weights = np.exp(rng.normal(0.0, _SIZE_SIGMA, councils))
    median = float(np.median(weights))
    weights = np.clip(weights, median * _SIZE_LOW_RATIO, median * _SIZE_HIGH_RATIO)
    sizes = np.maximum(np.floor(weights / weights.sum() * total).astype(np.int64), _MIN_CHILDREN)
    sizes[int(np.argmax(sizes))] += total - int(sizes.sum())
    return [int(s) for s in sizes]
