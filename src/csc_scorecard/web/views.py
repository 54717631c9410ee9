"""Pieces of the indicator page that depend on who is asking: breakdowns and commentary."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date

import duckdb
import polars as pl
from fastapi import Request

from csc_scorecard.assess.council import AssessedIndicator
from csc_scorecard.engine.catalogue import Indicator, Shape
from csc_scorecard.store.commentary import commentary_for
from csc_scorecard.web.gate import Mode
from csc_scorecard.web.roles import Permission
from csc_scorecard.web.snapshot import Snapshot
from csc_scorecard.web.state import Caller, state


def extra_breakdowns(
    request: Request, who: Caller, found: Snapshot, indicator: Indicator, month: date
) -> list[pl.DataFrame]:
    """Team/service breakdowns and child characteristics, for roles that may see breakdowns.

    Characteristics exist only for indicators counted from child-level rows; a source the
    engine cannot break down that way simply has no such tables.
    """
    if not who.user.may(Permission.BREAKDOWNS):
        return []
    frames = [found.results]
    if indicator.shape is not Shape.MANUAL:
        with contextlib.suppress(ValueError, duckdb.Error):
            frames.append(state(request).dashboard.characteristics(found, indicator.id, month))
    return frames


def commentary_text(
    request: Request, found: Snapshot, month: date, public: bool
) -> Callable[[AssessedIndicator], str]:
    """The text shown: viewers read the drafted analysis only (an analyst's text may mention a
    child); others the analyst's latest, else the draft."""

    def text(assessed: AssessedIndicator) -> str:
        if public:
            return assessed.draft.text
        with state(request).dashboard.gate.connect(Mode.WRITE) as con:  # CREATE IF NOT EXISTS only
            return commentary_for(
                con, assessed.indicator.id, found.la_code, month, assessed.draft.text
            ).text

    return text
