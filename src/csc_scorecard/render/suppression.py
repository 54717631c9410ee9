"""Small-number suppression for outputs that leave the council (the committee dashboard).

A public table must not let anyone identify a child, so three rules apply, in this order:

1. **Primary**: a count of children (or of their referrals, plans, episodes) from 1 up to the
   configured threshold (``public_outputs.suppression_threshold``, the DfE's 5) is not shown;
   its cell shows the marker instead ("c", as DfE tables do, or "<6" for a threshold of 5,
   which is true of every count it stands for). Zero is shown: it identifies no one.
2. **Derived**: a percentage whose numerator, denominator or complement (denominator minus
   numerator: "2 of 40 not seen") is suppressed is withheld, and so is a rate per 10,000 whose
   count is; a change between two figures is withheld when either figure is.
3. **Secondary**: where figures in one table add up (a total and its parts, or this month =
   a year ago + change), one withheld figure could be recovered by subtraction from the others;
   so while any such sum has exactly one figure withheld, the next-smallest figure in it is
   withheld too (a derived figure such as a change first), until every sum has none or two.

Everything here is a pure function of numbers, so the rules are tested by hand on their own.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class Marker(StrEnum):
    """How a suppressed count is written."""

    DFE = "c"
    """The DfE's convention: a lower-case ``c`` (confidential)."""
    LESS_THAN = "less_than"
    """``<6`` for a threshold of 5: a bound every suppressed count satisfies."""


@dataclass(frozen=True)
class Rule:
    """The council's suppression rule.

    Attributes:
        threshold: counts from 1 up to and including this are suppressed (0 disables it).
        marker: how a suppressed count is written.
    """

    threshold: int = 5
    marker: Marker = Marker.DFE

    def __post_init__(self) -> None:
        if self.threshold < 0:
            raise ValueError("the suppression threshold cannot be negative")

    def small(self, count: float | None) -> bool:
        """Whether ``count`` must not be shown (1 to the threshold; never zero or None)."""
        return count is not None and 0 < count <= self.threshold

    @property
    def mark(self) -> str:
        """The text a suppressed cell shows."""
        return "c" if self.marker is Marker.DFE else f"<{self.threshold + 1}"

    @property
    def footnote(self) -> str:
        """The sentence telling the reader what the marker means."""
        return (
            f'"{self.mark}": a number of children from 1 to {self.threshold}, not shown so that '
            "no child can be identified; percentages, rates and changes worked out from it, and "
            "any figure that would let it be recovered by subtraction, are withheld too (shown "
            '"*").'
        )


WITHHELD = "*"
"""What a derived or secondarily suppressed cell shows (it is not itself a small count)."""


def withhold_percentage(numerator: float | None, denominator: float | None, rule: Rule) -> bool:
    """Whether a percentage of ``numerator`` out of ``denominator`` must be withheld.

    Withheld when the numerator, the denominator or the complement is a small count: 97% of
    150 says that 4 children were not seen, as surely as printing the 4.
    """
    if numerator is None or denominator is None:
        return False
    return any(rule.small(n) for n in (numerator, denominator, denominator - numerator))


def withhold_rate(count: float | None, rule: Rule) -> bool:
    """Whether a rate per 10,000 (or any figure scaled from one count) must be withheld."""
    return rule.small(count)


@dataclass(frozen=True)
class Sum(Generic[K]):
    """Figures in one table that add up: ``total`` = the sum of ``parts``.

    A difference is a sum too: this month = a year ago + change.
    """

    total: K
    parts: tuple[K, ...]

    @property
    def members(self) -> tuple[K, ...]:
        """The total and its parts."""
        return (self.total, *self.parts)


def secondary(
    values: Mapping[K, float | None],
    withheld: frozenset[K],
    sums: Sequence[Sum[K]],
    *,
    prefer: frozenset[K] = frozenset(),
) -> frozenset[K]:
    """``withheld`` plus every figure that must go so none of them can be recovered.

    Args:
        values: every figure shown in the table (None: no figure, which reveals nothing).
        withheld: figures already suppressed or withheld.
        sums: the relations a reader could subtract along.
        prefer: figures to withhold first when there is a choice (derived ones, such as a
            change); otherwise the smallest figure goes, which hides the least.

    Returns:
        The figures to withhold; a sum never has exactly one unknown (withheld or missing)
        member.
    """
    hidden = set(withheld)
    changed = True
    while changed:
        changed = False
        for relation in sums:
            unknown = [k for k in relation.members if k in hidden or values.get(k) is None]
            if len(unknown) != 1 or unknown[0] not in hidden:
                continue
            shown = [k for k in relation.members if k not in hidden and values.get(k) is not None]
            if not shown:
                continue
            choice = min(shown, key=lambda k: (k not in prefer, abs(values[k] or 0.0)))
            hidden.add(choice)
            changed = True
    return frozenset(hidden)
