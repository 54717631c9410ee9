"""Number formats, and every number in a drafted sentence is a rounded figure of the assessment."""

from __future__ import annotations

import re
from datetime import date

import pytest
from scenario import LA, indicator, month, monthly, results

from csc_scorecard.assess.assessment import Assessment, assess_indicator
from csc_scorecard.assess.facts import Benchmarks
from csc_scorecard.engine.catalogue.entry import Polarity, Unit
from csc_scorecard.engine.periods import PeriodKind
from csc_scorecard.narrative.draft import Focus, draft_analysis
from csc_scorecard.narrative.numbers import format_change, format_value, places, rounded
from csc_scorecard.render.rows import chat_figures


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (22.0, Unit.PERCENT, "22.0%"),
        (726.05, Unit.RATE_PER_10K, "726.1"),  # half rounds up
        (1234.0, Unit.COUNT, "1,234"),
        (2.5, Unit.COUNT, "3"),
        (None, Unit.COUNT, "-"),
    ],
)
def test_format_value(value: float | None, unit: Unit, text: str) -> None:
    assert format_value(value, unit) == text


def test_format_change() -> None:
    assert format_change(-23.7, -0.0316, Unit.RATE_PER_10K) == "3%"
    assert format_change(-2.14, -0.09, Unit.PERCENT) == "2.1 percentage points"
    assert format_change(2.0, None, Unit.COUNT) is None


_NOT_FIGURES = re.compile(
    r"\b\d+-month\b|\b\d{4}-\d{2}\b|\b(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December) \d{4}\b"
)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _figures(a: Assessment) -> set[float]:
    """Every figure the assessment holds, rounded as the unit shows it, and change sizes."""
    unit = a.indicator.unit
    values = [f.value for f in a.figures] + [c.reference_value for c in a.comparisons]
    for series in (a.trend, a.monthly):
        values += [p.value for p in series.points] if series else []
    if a.spc is not None:
        values += [a.spc.chart.centre, a.spc.chart.upper, a.spc.chart.lower]
    found = {rounded(v, places(unit)) for v in values if v is not None}
    for change in (a.direction, a.year_on_year, a.chat_change):
        if change is not None:
            found.add(rounded(change.previous.value, places(unit)))
            if change.relative is not None:
                found.add(rounded(abs(change.relative) * 100, 0))
    return found


def _numbers(text: str) -> list[float]:
    return [float(n.replace(",", "")) for n in _NUMBER.findall(_NOT_FIGURES.sub("", text))]


def test_every_number_in_the_draft_is_a_figure_of_the_assessment() -> None:
    frame = results(
        {
            PeriodKind.ROLLING_12M: monthly(
                month(2024, 3), [700.0, 705.0, 710.0, 720.0, 730.0, 740.0, 749.66, 738.0, 726.04]
            ),
            PeriodKind.ROLLING_6M: [(month(2024, 11), 760.04)],
            PeriodKind.MONTH: monthly(month(2023, 11), [12.0, 10.0] * 6 + [17.0]),
        }
    )
    a = assess_indicator(
        frame,
        indicator(Unit.RATE_PER_10K, Polarity.NONE),
        LA,
        target=580.0,
        benchmarks=Benchmarks("2023-24", statistical_neighbours=586.0, england=518.04),
    )
    assert a is not None
    expected = _figures(a) | {3.0}  # the drop from the September high, 749.66 to 726.04
    for focus in Focus:
        numbers = _numbers(draft_analysis(a, focus).text)
        assert numbers
        assert set(numbers) <= expected


@pytest.mark.parametrize(
    "series",
    [
        {
            PeriodKind.ROLLING_12M: monthly(month(2024, 9), [70.04, 72.0, 75.05]),
            PeriodKind.ROLLING_6M: [(month(2023, 11), 73.04), (month(2024, 11), 89.96)],
            PeriodKind.MONTH: monthly(month(2023, 11), [12.0, 10.0] * 6 + [17.04]),
        },
        {PeriodKind.SNAPSHOT: monthly(month(2023, 11), [464.04, *[460.0] * 11, 444.96])},
    ],
    ids=["six months", "snapshot"],
)
def test_a_chat_draft_leads_with_its_row_figures(
    series: dict[PeriodKind, list[tuple[date, float | None]]],
) -> None:
    """The first sentence gives the row's later figure, the change, and its earlier figure,
    rounded as the row's cells print them; later sentences use only the assessment's figures."""
    a = assess_indicator(
        results(series),
        indicator(Unit.RATE_PER_10K, Polarity.NONE),
        LA,
        benchmarks=Benchmarks("2023-24", statistical_neighbours=70.04, england=60.0),
    )
    assert a is not None
    row = chat_figures(a)
    assert row.first is not None and row.second is not None and row.change is not None
    assert row.first.value is not None and row.second.value is not None
    relative = row.change.relative
    assert relative is not None
    first, *rest = draft_analysis(a, Focus.CHAT).sentences
    assert _numbers(first) == [
        rounded(row.second.value, 1),
        rounded(abs(relative) * 100, 0),
        rounded(row.first.value, 1),
    ]
    assert set(_numbers(" ".join(rest))) <= _figures(a)
