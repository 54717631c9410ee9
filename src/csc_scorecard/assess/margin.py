"""How far apart two figures must be before a report calls them different.

Councils' figures wobble from month to month; a change of 0.1 on a rate of 700 is not news. One
small value type carries that threshold, absolute (in the figure's own unit) or relative (a share
of the reference figure), so the amber margin, the minimum change for a direction of travel and
the "level with" band for benchmarks are configured the same way.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Margin:
    """A tolerance around a reference figure.

    Attributes:
        amount: the size of the margin; for a relative margin, a fraction (0.05 is 5%).
        relative: True when ``amount`` is a share of the reference figure, False when it is in
            the figure's own unit (e.g. percentage points for a percentage).
    """

    amount: float
    relative: bool = True

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError(f"a margin cannot be negative; got {self.amount}")

    def width(self, reference: float) -> float:
        """The margin in the figure's own unit around ``reference``."""
        return abs(reference) * self.amount if self.relative else self.amount

    def sign(self, reference: float, value: float) -> int:
        """1 if ``value`` is above ``reference`` by at least the margin, -1 if below, else 0.

        A difference exactly equal to the margin counts as a difference: the threshold is the
        smallest change reported. Equal figures are always 0, even with a zero margin.
        """
        difference = value - reference
        if difference == 0 or abs(difference) < self.width(reference):
            return 0
        return 1 if difference > 0 else -1


NO_MARGIN = Margin(0.0, relative=False)
"""Any difference at all counts."""
