"""Hand-made results frames for narrative tests (no child-level data: figures only)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import polars as pl

from csc_scorecard.engine.catalogue.entry import Counting, Indicator, Polarity, Shape, Unit
from csc_scorecard.engine.compute import RESULT_SCHEMA
from csc_scorecard.engine.periods import Period, PeriodKind, month_end

LA = "Z01"


def indicator(unit: Unit, polarity: Polarity) -> Indicator:
    return Indicator(
        id="worked",
        title="Worked example",
        definition="A hand-made figure.",
        source="test",
        unit=unit,
        counting=Counting.EVENT,
        polarity=polarity,
        periods=(PeriodKind.MONTH, PeriodKind.ROLLING_6M, PeriodKind.ROLLING_12M),
        shape=Shape.EVENT,
        domain="test",
    )


def month(year: int, number: int) -> date:
    return month_end(date(year, number, 1))


def results(series: Mapping[PeriodKind, Sequence[tuple[date, float | None]]]) -> pl.DataFrame:
    rows = [
        {
            "la_code": LA,
            "indicator_id": "worked",
            "period_kind": kind.value,
            "period_start": Period.of(kind, end).start,
            "period_end": end,
            "breakdown": "",
            "breakdown_value": "",
            "numerator": None,
            "denominator": None,
            "value": value,
        }
        for kind, points in series.items()
        for end, value in points
    ]
    return pl.DataFrame(rows, schema=RESULT_SCHEMA)


def monthly(first: date, values: Sequence[float | None]) -> list[tuple[date, float | None]]:
    """Consecutive month ends from ``first``'s month, one value each."""
    index = first.year * 12 + first.month - 1
    return [(month((index + i) // 12, (index + i) % 12 + 1), v) for i, v in enumerate(values)]
