"""assess_indicator on a hand-made results frame: latest figures, direction, RAG, band, SPC."""

from __future__ import annotations

from datetime import date

import polars as pl

from csc_scorecard.assess.assessment import DirectionBasis, assess_indicator
from csc_scorecard.assess.bands import ToleranceBand
from csc_scorecard.assess.direction import Direction, Verdict
from csc_scorecard.assess.rag import Rag
from csc_scorecard.engine.catalogue.entry import Counting, Indicator, Polarity, Shape, Unit
from csc_scorecard.engine.compute import RESULT_SCHEMA
from csc_scorecard.engine.periods import Period, PeriodKind

IND = Indicator(
    id="worked",
    title="Worked",
    definition="d",
    source="s",
    unit=Unit.PERCENT,
    counting=Counting.EVENT,
    polarity=Polarity.HIGH_GOOD,
    periods=(PeriodKind.ROLLING_12M, PeriodKind.ROLLING_6M),
    shape=Shape.EVENT,
    domain="t",
)
NOV23, OCT, NOV = date(2023, 11, 30), date(2024, 10, 31), date(2024, 11, 30)


def _frame(rows: list[tuple[PeriodKind, date, float, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "la_code": la,
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
            for kind, end, value, la in rows
        ],
        schema=RESULT_SCHEMA,
    )


def test_assessment_of_a_key_indicator() -> None:
    frame = _frame(
        [
            (PeriodKind.ROLLING_12M, NOV23, 65.0, "Z01"),
            (PeriodKind.ROLLING_12M, OCT, 83.0, "Z01"),
            (PeriodKind.ROLLING_12M, NOV, 84.3, "Z01"),
            (PeriodKind.ROLLING_6M, NOV, 79.0, "Z01"),
            (PeriodKind.ROLLING_12M, NOV, 10.0, "Z02"),  # another council: ignored
        ]
    )
    bands = (ToleranceBand("Good", 81, 89), ToleranceBand("Outstanding", 90, None))
    a = assess_indicator(frame, IND, "Z01", target=89.0, bands=bands)
    assert a is not None
    assert (a.month, a.headline_kind) == (NOV, PeriodKind.ROLLING_12M)
    assert a.headline is not None and a.headline.value == 84.3
    assert a.rag is Rag.RED  # 84.3 is more than 5% of 89 (4.45) short
    assert a.band is not None and a.band.band == bands[0]
    assert a.direction_basis is DirectionBasis.SIX_VS_TWELVE
    assert a.direction is not None
    assert (a.direction.direction, a.direction.verdict) == (Direction.DOWN, Verdict.WORSENING)
    assert a.year_on_year is not None and a.year_on_year.previous.value == 65.0
    assert a.spc is None  # no monthly series
    assert assess_indicator(frame, IND, "Z03") is None
    overridden = assess_indicator(frame, IND, "Z01", target=89.0, polarity=Polarity.NONE)
    assert overridden is not None and overridden.rag is Rag.NONE
