"""Tolerance bands: which labelled range a figure falls in (seed 001's RI / Good / Outstanding).

Seed 001 writes bands as "15-19", "19-15" and "<14" or "85+": both ends are part of the band, and
an open end has no bound. Bands written with whole numbers leave gaps (19.6 is in neither "15-19"
nor "20-25"); a figure in a gap is reported as lying between its two neighbours rather than forced
into either, so the reader sees the bands need tightening.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ToleranceBand:
    """One labelled range, bounds inclusive; None is an open end ("<14" has no lower bound)."""

    label: str
    lower: float | None = None
    upper: float | None = None

    def __post_init__(self) -> None:
        if self.lower is not None and self.upper is not None and self.lower > self.upper:
            raise ValueError(f"band {self.label!r}: lower bound {self.lower} > {self.upper}")

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies in the band, ends included."""
        above_lower = self.lower is None or value >= self.lower
        below_upper = self.upper is None or value <= self.upper
        return above_lower and below_upper


@dataclass(frozen=True)
class BandPlacement:
    """Where a figure fell: in ``band``, or in the gap between ``below`` and ``above``.

    ``below`` is the band whose upper bound is the nearest under the figure, ``above`` the band
    whose lower bound is the nearest over it; either is None past the outermost band.
    """

    value: float
    band: ToleranceBand | None = None
    below: ToleranceBand | None = None
    above: ToleranceBand | None = None


def place_in_bands(value: float | None, bands: Sequence[ToleranceBand]) -> BandPlacement | None:
    """The band ``value`` falls in (the first listed, if bands overlap at a shared bound).

    Returns None when there is no figure or no bands to place it in.
    """
    if value is None or not bands:
        return None
    for band in bands:
        if band.contains(value):
            return BandPlacement(value, band=band)
    under = [(b.upper, i) for i, b in enumerate(bands) if b.upper is not None and b.upper < value]
    over = [(b.lower, i) for i, b in enumerate(bands) if b.lower is not None and b.lower > value]
    return BandPlacement(
        value,
        below=bands[max(under)[1]] if under else None,
        above=bands[min(over)[1]] if over else None,
    )
