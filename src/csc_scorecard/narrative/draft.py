"""The drafted analysis of one assessed indicator: deterministic sentences in the seeds' register.

The same assessment always gives the same text, so a draft can be reviewed, snapshot-tested and
replaced or extended by an analyst (:mod:`csc_scorecard.store.commentary`) without surprises.
"""

from __future__ import annotations

from dataclasses import dataclass

from csc_scorecard.assess.assessment import Assessment, DirectionBasis
from csc_scorecard.narrative.phrases import month_year, subject
from csc_scorecard.narrative.position import six_vs_twelve_sentence, standing_sentences
from csc_scorecard.narrative.trend import chat_sentence, spc_sentence, trend_sentences

NO_DATA = "There are no figures for this indicator."
"""The draft when the results hold nothing for the indicator and council."""


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


def draft_analysis(a: Assessment | None) -> Draft:
    """Sentences for ``a``: trend, ChAT change, 6 vs 12 months, target and benchmarks, SPC."""
    if a is None:
        return Draft((NO_DATA,))
    missing = _missing(a)
    if missing is not None:
        return Draft((missing,))
    sentences: list[str] = []
    if a.trend is not None and a.trend.latest.end == a.month:
        sentences += trend_sentences(a, a.trend)
    if a.direction_basis is DirectionBasis.CHAT_YEAR_ON_YEAR and a.chat_change is not None:
        sentences.append(chat_sentence(a, a.chat_change))
    six_vs_twelve = six_vs_twelve_sentence(a)
    if six_vs_twelve is not None:
        sentences.append(six_vs_twelve)
    sentences += standing_sentences(a)
    if a.spc is not None and a.monthly is not None:
        latest = a.monthly.latest.end
        current = [s for s in a.spc.signals if s.last.end == latest]
        sentences += [spc_sentence(a, a.monthly, s) for s in current]
    return Draft(tuple(sentences))
