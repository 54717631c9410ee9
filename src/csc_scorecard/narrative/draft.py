"""The drafted analysis of one assessed indicator: deterministic sentences in the seeds' register.

The same assessment always gives the same text, so a draft can be reviewed, snapshot-tested and
replaced or extended by an analyst (:mod:`csc_scorecard.store.commentary`) without surprises.

A draft is written for a scorecard row, so it describes the figures that row prints (its
:class:`Focus`) and keeps to seed 000's three or four short sentences, in priority order: the
headline movement, the rolling 6 months against 12 (rolling rows), one clause against target
and benchmarks, and at most one SPC signal, only one that ends at the month reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import assert_never

from csc_scorecard.assess.assessment import Assessment, DirectionBasis
from csc_scorecard.engine.periods import PeriodKind
from csc_scorecard.narrative.phrases import month_year, subject
from csc_scorecard.narrative.position import six_vs_twelve_sentence, standing_sentence
from csc_scorecard.narrative.signals import current_signal, signal_sentence
from csc_scorecard.narrative.trend import (
    extreme,
    names_run,
    trend_sentence,
    year_on_year_sentence,
)

NO_DATA = "There are no figures for this indicator."
"""The draft when the results hold nothing for the indicator and council."""


class Focus(StrEnum):
    """Which comparison the row beside the draft shows (seed 000's two halves)."""

    ROLLING = "rolling"
    """Rolling 12 and 6 months (else the latest figures): the headline series' movement."""
    CHAT = "chat"
    """The latest 6 months (or month-end snapshot) against the same a year earlier."""


@dataclass(frozen=True)
class Draft:
    """The drafted sentences, in reading order."""

    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        """The sentences as one paragraph."""
        return " ".join(self.sentences)


def _missing(a: Assessment) -> str | None:
    """The sentence for a month without a headline figure, or None when there is one."""
    when = month_year(a.month)
    headline = a.headline
    if a.headline_kind is None or headline is None:
        return f"There is no figure for {when}."
    if headline.value is None:
        name = subject(a.headline_kind, a.indicator.unit)
        return f"There is no {name.removeprefix('the ')} for {when}: nothing to measure it against."
    return None


def _rolling(a: Assessment) -> tuple[list[str], PeriodKind | None]:
    """Movement, 6 against 12 months, standing; and the series whose latest run was named."""
    sentences: list[str] = []
    told, twelve_told = None, False
    if a.direction_basis is DirectionBasis.CHAT_YEAR_ON_YEAR and a.chat_change is not None:
        # No rolling 12 months: the row's arrow compares the 6 months with a year earlier.
        change = a.chat_change
        sentences.append(
            year_on_year_sentence(a, PeriodKind.ROLLING_6M, change.current.value, change)
        )
    elif a.trend is not None and a.trend.latest.end == a.month:
        sentences.append(trend_sentence(a, a.trend))
        told = a.trend.kind if names_run(a.trend) else None
        twelve_told = a.trend.kind is PeriodKind.ROLLING_12M
    six = six_vs_twelve_sentence(a, twelve_told=twelve_told)
    # The figures compared with target and benchmarks: rolling 12 and 6 months, else the headline.
    kinds = tuple(dict.fromkeys(c.subject for c in a.comparisons))
    sentences += [s for s in (six, standing_sentence(a, kinds)) if s is not None]
    return sentences, told


def _chat(a: Assessment) -> list[str]:
    """The row's figure against a year earlier, a new high or low, standing.

    The row shows the rolling 6 months where the indicator has them, else the headline figure
    (a month-end snapshot), as :func:`csc_scorecard.render.rows.chat_figures` chooses.
    """
    six = a.figure(PeriodKind.ROLLING_6M)
    shown = six if six is not None else a.headline
    assert shown is not None  # _missing has ruled out a month without a headline
    kind = shown.period.kind
    if shown.value is None:
        name = subject(kind, a.indicator.unit).removeprefix("the ")
        return [f"There is no {name} for {month_year(a.month)}."]
    change = a.chat_change if six is not None else a.year_on_year
    sentences = [year_on_year_sentence(a, kind, shown.value, change)]
    trend = a.trend
    peak = None if trend is None or trend.kind is not kind else extreme(trend)
    if peak is not None:
        sentences.append(f"This is {peak}.")
    standing = standing_sentence(a, (kind,))
    return sentences + ([] if standing is None else [standing])


def draft_analysis(a: Assessment | None, focus: Focus = Focus.ROLLING) -> Draft:
    """Sentences for ``a`` describing the figures a ``focus`` row shows (module docstring)."""
    if a is None:
        return Draft((NO_DATA,))
    missing = _missing(a)
    if missing is not None:
        return Draft((missing,))
    match focus:
        case Focus.ROLLING:
            sentences, told = _rolling(a)
        case Focus.CHAT:
            sentences, told = _chat(a), None
        case _:
            assert_never(focus)
    signal = current_signal(a)
    if signal is not None:
        echoed = a.monthly is not None and told is a.monthly.kind
        sentences.append(signal_sentence(a, signal, told=echoed))
    return Draft(tuple(sentences))
