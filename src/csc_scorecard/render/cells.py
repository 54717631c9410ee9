"""Cells every report builds the same way: a figure, an arrow, a polarity, a plain text.

Figures are written by :func:`csc_scorecard.narrative.numbers.format_value` only, so a table and a
drafted sentence never show the same figure two ways.
"""

from __future__ import annotations

from typing import assert_never

from csc_scorecard.assess.direction import Change, Direction, Verdict
from csc_scorecard.assess.rag import Rag
from csc_scorecard.engine.catalogue.entry import Polarity, Unit
from csc_scorecard.narrative.numbers import NO_FIGURE, format_value, places, rounded
from csc_scorecard.render.model import Align, Cell

KEY_MARK = "★"
"""The key-indicator mark (seed 000 uses an icon beside the row number)."""

_ARROWS = {Direction.UP: "↑", Direction.DOWN: "↓", Direction.NO_CHANGE: "→"}
_RAG_WORDS = {
    Rag.GREEN: "green: target met",
    Rag.AMBER: "amber: within 5% of the target",
    Rag.RED: "red: target missed",
    Rag.NONE: "",
}


def text(value: str, align: Align = Align.LEFT) -> Cell:
    """A plain text cell."""
    return Cell(value, align)


def figure(value: float | None, unit: Unit, *, fill: Rag = Rag.NONE, dated: str = "") -> Cell:
    """A figure as reports print it ("22.0%", "726.0", "1,234"), right-aligned.

    Args:
        fill: the figure's colour against its target; NONE for no colour.
        dated: the month a figure is for, when the column's own period does not apply
            ("Jan 2024" gives "30.0% (Jan 2024)", as seed 000 shows agency staff).
    """
    if value is None:
        return Cell(NO_FIGURE, Align.RIGHT)
    shown = format_value(value, unit)
    decimals = places(unit)
    suffix = "%" if unit is Unit.PERCENT else ""
    if dated:
        return Cell(f"{shown} ({dated})", Align.RIGHT, fill=fill, note=_RAG_WORDS[fill])
    return Cell(
        shown,
        Align.RIGHT,
        fill=fill,
        note=_RAG_WORDS[fill],
        number=rounded(value, decimals),
        decimals=decimals,
        suffix=suffix,
    )


def _caption(verdict: Verdict) -> str:
    match verdict:
        case Verdict.IMPROVING:
            return "better"
        case Verdict.WORSENING:
            return "worse"
        case Verdict.NEUTRAL:
            return ""
        case _:
            assert_never(verdict)


def arrow(change: Change | None, polarity: Polarity) -> Cell:
    """The direction of travel: an arrow coloured by whether the move is good.

    Green improving, red worsening; black where the indicator has no good direction or did not
    move. The caption ("better", "worse") and the note carry the same judgement in words, for
    readers who do not see the colour or print in black and white.
    """
    if change is None:
        return Cell(NO_FIGURE, Align.CENTRE)
    note = change.direction.value
    if polarity is not Polarity.NONE and change.direction is not Direction.NO_CHANGE:
        note = f"{note}, {change.verdict.value}"
    return Cell(
        _ARROWS[change.direction],
        Align.CENTRE,
        ink=change.verdict.rag,
        note=note,
        symbolic=True,
        caption=_caption(change.verdict),
    )


def polarity_cell(polarity: Polarity) -> Cell:
    """Seed 000's "Low/High is good": High, Low, or "-" for no good direction."""
    match polarity:
        case Polarity.HIGH_GOOD:
            return Cell("High", Align.CENTRE)
        case Polarity.LOW_GOOD:
            return Cell("Low", Align.CENTRE)
        case Polarity.NONE:
            return Cell(NO_FIGURE, Align.CENTRE)
        case _:
            assert_never(polarity)


def key_cell(key: bool) -> Cell:
    """The key-indicator mark, or an empty cell."""
    return (
        Cell(KEY_MARK, Align.CENTRE, note="key indicator", symbolic=True)
        if key
        else Cell("", Align.CENTRE)
    )
