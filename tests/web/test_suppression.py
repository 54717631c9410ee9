"""Viewers' figures under the published reports' suppression rule (``render/suppression.py``).

The rule itself is tested in ``tests/render/test_suppression.py``; these check that the web
applies it to the engine's results with the council's threshold, and shows its markers.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from csc_scorecard.render.suppression import Rule
from csc_scorecard.web.published import withhold

END = date(2024, 11, 30)


def _results(*rows: tuple[str, float | None, float | None, float | None]) -> pl.DataFrame:
    """Whole-council rolling-12-month results: (indicator, value, numerator, denominator)."""
    return pl.DataFrame(
        [
            {
                "la_code": "Z01",
                "indicator_id": indicator,
                "period_kind": "rolling_12m",
                "period_end": END,
                "breakdown": "",
                "value": value,
                "numerator": numerator,
                "denominator": denominator,
            }
            for indicator, value, numerator, denominator in rows
        ],
        schema_overrides={"value": pl.Float64, "numerator": pl.Float64, "denominator": pl.Float64},
    )


def _shown(frame: pl.DataFrame) -> list[tuple[object, ...]]:
    columns = ("value", "numerator", "denominator", "value_mark", "numerator_mark")
    return [tuple(row[c] for c in columns) for row in frame.iter_rows(named=True)]


def test_small_counts_show_the_marker_and_zero_and_larger_counts_show() -> None:
    found = withhold(
        _results(
            ("s47_children_count", 3, 3, None),
            ("s47_children_count", 5, 5, None),
            ("s47_children_count", 0, 0, None),
            ("s47_children_count", 6, 6, None),
        ),
        Rule(5),
    )
    assert _shown(found) == [
        (None, None, None, "c", "c"),
        (None, None, None, "c", "c"),
        (0, 0, None, None, None),
        (6, 6, None, None, None),
    ]


@pytest.mark.parametrize(
    ("numerator", "denominator", "marks"),
    [
        (2, 40, ("*", "c")),  # a small numerator
        (38, 40, ("*", "*")),  # a small complement: "2 of 40 not seen"
        (3, 4, ("*", "c")),  # a small denominator
    ],
)
def test_a_percentage_from_a_small_count_is_withheld(
    numerator: float, denominator: float, marks: tuple[str, str]
) -> None:
    value = 100 * numerator / denominator
    found = withhold(_results(("assessments_45wd_pct", value, numerator, denominator)), Rule(5))
    assert _shown(found) == [(None, None, None, *marks)]
    assert found["denominator_mark"].to_list() == ["c" if denominator <= 5 else "*"]


def test_a_large_percentage_and_staff_figures_are_shown() -> None:
    found = withhold(
        _results(
            ("assessments_45wd_pct", 50.0, 20, 40),
            ("staff_supervision_beneficial_pct", 50.0, 2, 4),  # staff identify no child
        ),
        Rule(5),
    )
    assert found["value_mark"].to_list() == [None, None]
    assert found["value"].to_list() == [50.0, 50.0]


def test_the_configured_threshold_applies() -> None:
    rows = _results(("s47_children_count", 8, 8, None))
    assert withhold(rows, Rule(5))["value"].to_list() == [8]
    assert withhold(rows, Rule(10))["value_mark"].to_list() == ["c"]
