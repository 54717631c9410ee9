"""The values that pass between assessment, narrative and reports.

Kept in one small module so that benchmark import, judgement and drafting agree on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class QuartileBand(StrEnum):
    """Where a council's figure sits among all councils' ("Compared to mid-50% LA")."""

    LOWER = "Lower"
    IN_RANGE = "In range"
    HIGHER = "Higher"


@dataclass(frozen=True)
class Benchmarks:
    """Published comparators of one indicator for one reporting year.

    Attributes:
        year: the reporting year label as published, e.g. ``2023-24``.
        published_la: the council's own published figure.
        statistical_neighbours: unweighted mean of the neighbours' published figures.
        region: the council's region's figure.
        england: the England figure.
        quartile_band: the council's band among all councils (lower quartile, middle 50%,
            upper quartile), or None where the measure has no band.
        lower_quartile: the 25th percentile of all councils' figures.
        upper_quartile: the 75th percentile of all councils' figures.
        synthetic: True when the figures come from the synthetic national data set.
    """

    year: str
    published_la: float | None = None
    statistical_neighbours: float | None = None
    region: float | None = None
    england: float | None = None
    quartile_band: QuartileBand | None = None
    lower_quartile: float | None = None
    upper_quartile: float | None = None
    synthetic: bool = False
