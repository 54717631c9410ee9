"""Tolerance bands on the page: their ranges, the shade of a figure placed in them, quarters.

Seed 001 heads its band columns "RI", "Good" and "Outstanding" and writes ranges as "20-25",
"85+" and "<14". A council names its bands in its configuration; these helpers turn the names
and bounds into what the improvement scorecard prints, and are pure so they are tested alone.
"""

from __future__ import annotations

from datetime import date

from csc_scorecard.assess.bands import BandPlacement, ToleranceBand
from csc_scorecard.assess.rag import Rag
from csc_scorecard.engine.catalogue.entry import Unit
from csc_scorecard.engine.periods import month_end
from csc_scorecard.narrative.numbers import NO_FIGURE, rounded

_BAND_RAG = {
    "outstanding": Rag.GREEN,
    "good": Rag.GREEN,
    "requires improvement": Rag.AMBER,
    "ri": Rag.AMBER,
    "inadequate": Rag.RED,
}
BAND_COLUMNS = (
    ("RI", ("requires improvement", "ri")),
    ("Good", ("good",)),
    ("Outstanding", ("outstanding",)),
)


def quarter_ends(month: date) -> tuple[date, ...]:
    """The ends of the four quarters (Jun, Sep, Dec, Mar) of ``month``'s financial year."""
    first = month.year if month.month >= 4 else month.year - 1
    return tuple(month_end(date(first + (m < 4), m, 1)) for m in (6, 9, 12, 3))


def band_rag(placement: BandPlacement | None) -> tuple[Rag, str]:
    """The shade of a figure placed in the bands, and its band in words.

    Outstanding and Good shade green, Requires improvement amber; beyond the
    Requires-improvement band (there is no band for Inadequate) red. A figure in a gap between
    two bands ("15-19" and "20-25" leave 19.5 out) is not shaded, and says so.
    """
    if placement is None:
        return Rag.NONE, ""
    if placement.band is not None:
        label = placement.band.label
        return _BAND_RAG.get(label.lower(), Rag.NONE), short_label(label)
    if placement.below is not None and placement.above is not None:
        names = sorted(short_label(b.label) for b in (placement.below, placement.above))
        return Rag.NONE, f"Between {names[0]} and {names[1]}"
    nearest = placement.below or placement.above
    assert nearest is not None  # place_in_bands never returns a placement with no band at all
    if _BAND_RAG.get(nearest.label.lower()) is Rag.AMBER:
        return Rag.RED, f"Beyond {short_label(nearest.label)}"
    return _BAND_RAG.get(nearest.label.lower(), Rag.NONE), f"Beyond {short_label(nearest.label)}"


def short_label(label: str) -> str:
    """A band's name as seed 001's column heads write it: "RI" for Requires improvement."""
    return "RI" if label.lower() == "requires improvement" else label


def band_text(band: ToleranceBand | None) -> str:
    """A band's range as seed 001 writes it: "20-25", "85+", "≤14"."""
    if band is None:
        return ""
    if band.min is not None and band.max is not None:
        return f"{band.min:g}-{band.max:g}"
    return f"{band.min:g}+" if band.min is not None else f"≤{band.max:g}"


def change_text(baseline: float | None, latest: float | None, unit: Unit) -> str:
    """Latest against baseline: "+4.0 pts" for a percentage, else "+5.7%" (relative)."""
    if baseline is None or latest is None:
        return NO_FIGURE
    if unit is Unit.PERCENT:
        return f"{rounded(latest - baseline, 1):+.1f} pts"
    if baseline == 0:
        return NO_FIGURE
    return f"{rounded((latest - baseline) / baseline * 100, 1):+.1f}%"
