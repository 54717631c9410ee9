"""Tolerance bands: which labelled range a figure falls in (seed 001's RI / Good / Outstanding).

Seed 001 writes bands as "15-19", "19-15" and "<14" or "85+": both ends are part of the band, and
an open end has no bound. Bands written with whole numbers leave gaps (19.6 is in neither "15-19"
nor "20-25"); a figure in a gap is reported as lying between its two neighbours rather than forced
into either, so the reader sees the bands need tightening. The bands are the configuration's own
:class:`~csc_scorecard.config.models.ToleranceBand`, judged as the council wrote them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from csc_scorecard.config.models import ToleranceBand

__all__ = ["BandPlacement", "ToleranceBand", "place_in_bands"]


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
    under = [(b.max, i) for i, b in enumerate(bands) if b.max is not None and b.max < value]
    over = [(b.min, i) for i, b in enumerate(bands) if b.min is not None and b.min > value]
    return BandPlacement(
        value,
        below=bands[max(under)[1]] if under else None,
        above=bands[min(over)[1]] if over else None,
    )
