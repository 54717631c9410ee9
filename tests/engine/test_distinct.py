"""The two ways of counting distinct children per period agree, on random histories.

The running-steps method (``distinct.STEPS_STAGES``) must give exactly what a direct count of
distinct children over the months each period covers gives, for every period kind, including
children seen in several months, gaps, and months at the edges of the range.
"""

from __future__ import annotations

from datetime import date

import polars as pl
from conftest import TinyStore
from hypothesis import given, settings
from hypothesis import strategies as st

from csc_scorecard.engine import compile as compiler
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.compute import compute
from csc_scorecard.engine.context import ComputeRange
from csc_scorecard.engine.distinct import DIRECT, STEPS_STAGES, stages_for
from csc_scorecard.engine.periods import PeriodKind, parse_month

MONTHS = [date(2023, m, 28) for m in range(4, 13)] + [date(2024, m, 28) for m in range(1, 7)]
histories = st.lists(
    st.tuples(st.sampled_from("ABCDE"), st.sampled_from(MONTHS)),
    min_size=1,
    max_size=25,
)


@settings(max_examples=30, deadline=None)
@given(rows=histories)
def test_steps_equal_direct_counts(rows: list[tuple[str, date]]) -> None:
    """s47_children_count counts children with an enquiry started in each period."""
    steps, direct = _counted_both_ways(rows, STEPS_STAGES)
    assert steps.equals(direct)


ONE_ROW_PER_MONTH_STEPS = stages_for(list(PeriodKind), one_row_per_month=True)


@settings(max_examples=30, deadline=None)
@given(rows=histories)
def test_steps_without_grouping_equal_direct_counts(rows: list[tuple[str, date]]) -> None:
    """The steps used where a view declares one row per child and month skip grouping the
    child-months; they count each child once even where a child has several rows in a month."""
    steps, direct = _counted_both_ways(rows, ONE_ROW_PER_MONTH_STEPS)
    assert steps.equals(direct)


def _counted_both_ways(
    rows: list[tuple[str, date]], steps_stages: tuple[tuple[str, str], ...]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    store = TinyStore()
    try:
        store.add(
            "ssd_s47_enquiry",
            *(
                {
                    "s47e_s47_enquiry_id": f"E{n}",
                    "s47e_person_id": child,
                    "s47e_s47_start_date": day,
                }
                for n, (child, day) in enumerate(rows)
            ),
        )
        store.add("ssd_person", *({"pers_person_id": c} for c in "ABCDE"))
        indicator = load_catalogue()["s47_children_count"]
        span = ComputeRange(parse_month("2023-04"), parse_month("2024-06"))

        def counted(stages: tuple[tuple[str, str], ...]) -> pl.DataFrame:
            original = compiler.stages_for
            compiler.stages_for = lambda kinds, **_: stages  # type: ignore[assignment]
            try:
                return compute(store.backend(), [indicator], span, [])
            finally:
                compiler.stages_for = original

        return counted(steps_stages), counted((("rolled", DIRECT),))
    finally:
        store.close()


SPAN_DAYS = [date(2022, 11, 30), date(2023, 4, 1), date(2023, 4, 30), date(2023, 5, 1)] + [
    date(2023 + (m > 12), (m - 1) % 12 + 1, d) for m in range(6, 20, 2) for d in (1, 15, 28)
]
spans = st.lists(
    st.tuples(
        st.sampled_from("ABC"),
        st.sampled_from(["North", "South"]),
        st.sampled_from(SPAN_DAYS),
        st.one_of(st.none(), st.sampled_from(SPAN_DAYS)),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=40, deadline=None)
@given(plans=spans)
def test_spans_count_what_month_end_rows_count(
    plans: list[tuple[str, str, date, date | None]],
) -> None:
    """Children on a plan at each month end (whole council and by team), counted from their
    plans' spans, equal the count of distinct children over a row per plan and month end:
    overlapping and repeated plans, plans open at both ends of the range or still open, plans
    started and ended in one month or ended before they start."""
    store = TinyStore()
    try:
        store.add(
            "ssd_cp_plans",
            *(
                {
                    "cppl_cp_plan_id": f"P{n}",
                    "cppl_person_id": child,
                    "cppl_cp_plan_team": team,
                    "cppl_cp_plan_start_date": start,
                    "cppl_cp_plan_end_date": end,
                }
                for n, (child, team, start, end) in enumerate(plans)
            ),
        )
        store.add("ssd_person", *({"pers_person_id": c} for c in "ABC"))
        counts = [load_catalogue()[i] for i in ("cp_count", "cp_rate_per_10k")]
        assert all(compiler.counted_in_spans(i, i.breakdowns) for i in counts)
        span = ComputeRange(parse_month("2023-04"), parse_month("2024-06"))
        from_spans = compute(store.backend(), counts, span)
        original = compiler.counted_in_spans
        compiler.counted_in_spans = lambda *_: False  # type: ignore[assignment]
        try:
            from_months = compute(store.backend(), counts, span)
        finally:
            compiler.counted_in_spans = original
        assert from_spans.equals(from_months)
    finally:
        store.close()
