"""The Committee Performance Dashboard (seed 002) as a :class:`Dashboard`: public by nature.

The dashboard goes to an Overview and Scrutiny committee and onto the council's website, so
it holds whole-council aggregates only (never a child's record) and every figure passes the
small-number rules of :mod:`csc_scorecard.render.suppression` before it is written: counts,
what is derived from them, what could be subtracted back to them, sparkline points, and any
narrative sentence that mentions a small number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from csc_scorecard.assess.council import AssessedIndicator, reporting_year_label
from csc_scorecard.assess.direction import Point, change_between
from csc_scorecard.assess.figures import Figure, figures_by_period, whole_council, year_earlier
from csc_scorecard.assess.rag import Rag
from csc_scorecard.config.models import CouncilConfig
from csc_scorecard.engine.catalogue.entry import Counting, Indicator, Unit
from csc_scorecard.engine.periods import month_end
from csc_scorecard.narrative.numbers import NO_FIGURE, rounded
from csc_scorecard.narrative.phrases import month_year
from csc_scorecard.render import cells
from csc_scorecard.render.appendix import data_source_section
from csc_scorecard.render.dashboard_model import Dashboard, DashboardCategory, Headline
from csc_scorecard.render.model import Align, Cell
from csc_scorecard.render.report_layouts import Category, DashboardLayout, dashboard_ids
from csc_scorecard.render.sparkline import sparkline
from csc_scorecard.render.suppression import (
    WITHHELD,
    Rule,
    Sum,
    secondary,
    withhold_percentage,
    withhold_rate,
)
from csc_scorecard.store.commentary import Commentary

_NOT_CHILDREN = (Counting.STAFF, Counting.AUDIT)
"""Figures about staff or audited case files identify no child and are never suppressed."""
_WHOLE_NUMBER = re.compile(r"(?<![\d.,])\d+(?![\d.,]|\s*%)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_Key = tuple[int, str]


def primary(figure: Figure | None, indicator: Indicator, rule: Rule) -> str | None:
    """The marker a figure shows instead of its value, or None when it may be shown.

    A small count shows the rule's marker; a percentage, rate or average worked out from a
    small count shows :data:`WITHHELD`.
    """
    if figure is None or figure.value is None or indicator.counting in _NOT_CHILDREN:
        return None
    match indicator.unit:
        case Unit.COUNT:
            return rule.mark if rule.small(figure.value) else None
        case Unit.PERCENT:
            hide = withhold_percentage(figure.numerator, figure.denominator, rule)
        case Unit.RATE_PER_10K:
            hide = withhold_rate(figure.numerator, rule)
        case Unit.AVERAGE:
            hide = rule.small(figure.numerator) or rule.small(figure.denominator)
    return WITHHELD if hide else None


def safe_sentences(text: Sequence[str], rule: Rule) -> list[str]:
    """The sentences that mention no whole number from 1 to the threshold ("3 children")."""
    return [s for s in text if not any(rule.small(int(n)) for n in _WHOLE_NUMBER.findall(s))]


def last_months(month: date, count: int) -> list[date]:
    """The ``count`` month ends up to and including ``month``, oldest first."""
    ends = [month]
    for _ in range(count - 1):
        ends.append(month_end(ends[-1].replace(day=1) - timedelta(days=1)))
    return ends[::-1]


def _change_text(now: float, before: float, unit: Unit) -> str:
    delta = now - before
    if unit is Unit.PERCENT:
        return f"{rounded(delta, 1):+.1f} pts"
    if unit is Unit.COUNT:
        return f"{rounded(delta, 0):+,.0f}"
    return f"{rounded(delta, 1):+,.1f}"


@dataclass(frozen=True)
class _Table:
    """A category's figures, their suppression markers and everything hidden after all rules."""

    values: Mapping[_Key, float | None]
    marks: Mapping[_Key, str]
    hidden: frozenset[_Key]


class _Category:
    """One category's headline table, suppressed as one table."""

    def __init__(
        self,
        category: Category,
        *,
        assessed: Mapping[str, AssessedIndicator],
        results: pl.DataFrame,
        month: date,
        rule: Rule,
        history: int,
        la_code: str,
    ) -> None:
        self.category = category
        self.rule = rule
        self.month = month
        self.before = year_earlier(month)
        self.indicators = [assessed[f.indicator] for f in category.figures]
        self.found = [
            figures_by_period(whole_council(results, f.indicator, la_code))
            for f in category.figures
        ]
        self.months = last_months(month, history)

    def _figure(self, i: int, end: date) -> Figure | None:
        return self.found[i].get((self.category.figures[i].period, end))

    def build(self, commentary: Mapping[str, Commentary]) -> DashboardCategory:
        values: dict[_Key, float | None] = {}
        marks: dict[_Key, str] = {}
        for i, a in enumerate(self.indicators):
            for column, end in (("now", self.month), ("before", self.before)):
                found = self._figure(i, end)
                values[i, column] = None if found is None else found.value
                mark = primary(found, a.indicator, self.rule)
                if mark is not None:
                    marks[i, column] = mark
            now, before = values[i, "now"], values[i, "before"]
            values[i, "change"] = None if now is None or before is None else now - before
        hidden = self._protect(values, frozenset(marks))
        table = _Table(values, marks, hidden)
        headlines = tuple(self._headline(i, table) for i in range(len(self.indicators)))
        return DashboardCategory(
            self.category.title,
            self.category.description,
            headlines,
            self._narrative(commentary, hidden),
        )

    def _protect(
        self, values: Mapping[_Key, float | None], hidden: frozenset[_Key]
    ) -> frozenset[_Key]:
        """Derived and secondary suppression, repeated until nothing more is hidden."""
        index = {f.indicator: i for i, f in enumerate(self.category.figures)}
        sums = [
            Sum((i, "now"), ((i, "before"), (i, "change"))) for i in range(len(self.indicators))
        ]
        # The changes of a sum add up too, but that follows from the two columns' sums and each
        # row's; listing it again would only withhold more than needed.
        for relation in self.category.sums:
            for column in ("now", "before"):
                parts = tuple((index[p], column) for p in relation.parts)
                sums.append(Sum((index[relation.total], column), parts))
        changes = frozenset((i, "change") for i in range(len(self.indicators)))
        while True:
            derived = {(i, "change") for i, column in hidden if column in ("now", "before")}
            grown = secondary(values, hidden | derived, sums, prefer=changes)
            if grown == hidden:
                return hidden
            hidden = grown

    def _headline(self, i: int, table: _Table) -> Headline:
        values, hidden = table.values, table.hidden
        a = self.indicators[i]
        unit = a.indicator.unit
        shown = [self._cell(i, c, table, unit) for c in ("now", "before")]
        now, before = values[i, "now"], values[i, "before"]
        polarity = a.assessment.polarity if a.assessment else a.indicator.polarity
        if (i, "change") in hidden:
            change = Cell(WITHHELD, Align.RIGHT, note="withheld")
        elif now is None or before is None:
            change = Cell(NO_FIGURE, Align.RIGHT)
        else:
            moved = change_between(Point(self.before, before), Point(self.month, now), polarity)
            assert moved is not None  # both points are given
            judged = moved.verdict.rag is not Rag.NONE
            change = Cell(
                _change_text(now, before, unit),
                Align.RIGHT,
                ink=moved.verdict.rag,
                note=f"{moved.direction.value}, {moved.verdict.value}" if judged else "",
            )
        points = []
        for end in self.months:
            found = self._figure(i, end)
            ok = found is not None and primary(found, a.indicator, self.rule) is None
            points.append(found.value if ok and found is not None else None)
        if (i, "now") in hidden:
            points[-1] = None
        label = f"{self.category.figures[i].label}: the last {len(points)} months"
        chart = sparkline(points, label=label) if sum(p is not None for p in points) > 1 else ""
        return Headline(self.category.figures[i].label, shown[0], shown[1], change, chart)

    def _cell(self, i: int, column: str, table: _Table, unit: Unit) -> Cell:
        values, marks, hidden = table.values, table.marks, table.hidden
        if (i, column) in marks:
            return Cell(marks[i, column], Align.RIGHT, note="suppressed: a small number")
        if (i, column) in hidden:
            return Cell(
                WITHHELD, Align.RIGHT, note="withheld so a small number cannot be worked out"
            )
        return cells.figure(values[i, column], unit)

    def _narrative(
        self, commentary: Mapping[str, Commentary], hidden: frozenset[_Key]
    ) -> tuple[str, ...]:
        """The first sentence of each narrative indicator's text, two at most, none unsafe."""
        shown = {f.indicator: i for i, f in enumerate(self.category.figures)}
        sentences: list[str] = []
        for indicator_id in self.category.narrative:
            i = shown.get(indicator_id)
            if i is not None and (i, "now") in hidden:
                continue
            written = commentary.get(indicator_id)
            text = written.text if written is not None else ""
            first = safe_sentences(_SENTENCE_END.split(text.strip()), self.rule)[:1] if text else []
            sentences += first
        return tuple(sentences[:2])


def build_dashboard(
    layout: DashboardLayout,
    assessed: Sequence[AssessedIndicator],
    results: pl.DataFrame,
    *,
    month: date,
    config: CouncilConfig,
    commentary: Mapping[str, Commentary] | None = None,
    source: Sequence[tuple[str, str]] = (),
) -> Dashboard:
    """The dashboard for ``month``, every figure suppressed by the council's threshold.

    Args:
        layout: categories, figures and the covering report's words.
        assessed: every indicator the layout names, assessed for ``month``.
        results: engine results over the months the sparklines cover (whole-council rows are
            the only ones read).
        config: the council: its name and ``public_outputs.suppression_threshold``.
        commentary: the text each narrative indicator opens with (analysts' or drafted).
        source: lines for the Data Source table, as (item, detail).

    Raises:
        ValueError: when an indicator the layout names was not assessed.
    """
    by_id = {a.indicator.id: a for a in assessed}
    missing = sorted(set(dashboard_ids(layout)) - set(by_id))
    if missing:
        raise ValueError(f"not assessed: {', '.join(missing)}")
    rule = Rule(config.public_outputs.suppression_threshold, layout.suppression_marker)
    la_code = config.council.la_code
    words = {"month": month_year(month), "year": reporting_year_label(month)}
    categories = tuple(
        _Category(
            c,
            assessed=by_id,
            results=results,
            month=month,
            rule=rule,
            history=layout.history_months,
            la_code=la_code,
        ).build(commentary or {})
        for c in layout.category
    )
    before = month_year(year_earlier(month))
    columns = ("Figure", month_year(month), before, "Change on last year",
               f"Last {layout.history_months} months")  # fmt: skip
    return Dashboard(
        title=layout.title.format_map(words),
        council=config.council.name,
        subtitle=f"Data as at end of {words['month']}",
        cover=tuple((f.label, f.value.format_map(words)) for f in layout.cover),
        summary=layout.summary.format_map(words),
        recommendations=tuple(r.format_map(words) for r in layout.recommendations),
        reasons=layout.reasons.format_map(words),
        intro=tuple(t.format_map(words) for t in layout.intro),
        columns=columns,
        categories=categories,
        footnotes=(*(t.format_map(words) for t in layout.footnotes), rule.footnote),
        data_source=data_source_section(
            [
                ("Council", f"{config.council.name} ({la_code})"),
                ("Reporting month", words["month"]),
                *source,
            ]
        ),
    )
