"""Colours every renderer shares, chosen for contrast.

Each fill is paired with a dark text colour, and every text colour reads at better than 4.5:1 on
its background and on white (WCAG AA for normal text; a test checks the ratios). The GOV.UK
palette is the starting point, darkened where its own red and green fall short on a tinted cell.
Colour is never the only signal: cells also carry their judgement in words.
"""

from __future__ import annotations

from typing import assert_never

from csc_scorecard.assess.rag import Rag

TEXT = "#0b0c0c"
HEADER_FILL = "#dee0e2"
BANNER_FILL = "#f3f2f1"
BORDER = "#b1b4b6"


def fill_colour(rag: Rag) -> str | None:
    """The background of a cell judged ``rag``; None for no fill."""
    match rag:
        case Rag.GREEN:
            return "#cce2d8"
        case Rag.AMBER:
            return "#fff7bf"
        case Rag.RED:
            return "#f4cdc6"
        case Rag.NONE:
            return None
        case _:
            assert_never(rag)


def ink_colour(rag: Rag) -> str:
    """The text colour of a cell judged ``rag`` (an arrow, or text on its fill)."""
    match rag:
        case Rag.GREEN:
            return "#005a30"
        case Rag.AMBER:
            return "#594d00"
        case Rag.RED:
            return "#942514"
        case Rag.NONE:
            return TEXT
        case _:
            assert_never(rag)
