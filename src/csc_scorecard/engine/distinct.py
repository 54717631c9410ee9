"""Counting distinct children (or families, staff) in every period without repeating rows.

A child counts once in a period however many of its rows fall in it. Joining every row to every
period that covers it and counting distinct ids multiplies the rows by about thirty (a month is
in a month, three rolling windows, a quarter, a year to date and a year); at national scale that
dominates the run. Instead each child-month is placed on a month index and turned into a few
+1 / -1 steps whose running sum is the number of distinct children at every month end:

- trailing windows of ``L`` months (month, rolling 3/6/12 months, snapshot): a child-month at
  index ``k`` answers for the window ends from ``k`` until ``L`` months on or the child's next
  month, whichever is sooner: +1 at ``k``, -1 there;
- anchored periods (quarter, year to date, financial year): +1 at the child's first month in
  the quarter or financial year, the running sum restarting with each quarter or year.

Child-months are first tallied by month and by the gap to the child's next month (capped at the
longest window), so the steps are made per tally, not per child: their number no longer grows
with the children, only with months, gaps and breakdown values.

The result is exact (a test checks it against the direct count) and every step is a plain
aggregate or window function, so it runs on every engine. Where an indicator's periods repeat a
row only a few times (snapshots; months, quarters and years, which each month belongs to once)
the direct count is cheaper, so :func:`stages_for` picks by the repetition.
"""

from __future__ import annotations

from collections.abc import Sequence

from csc_scorecard.engine.context import DISTINCT_KINDS
from csc_scorecard.engine.periods import PeriodKind

LONGEST_WINDOW = int(DISTINCT_KINDS["trailing_months"].max())  # type: ignore[arg-type]
"""The longest trailing window in months: a unit's next month further off than this ends its
windows no sooner, so gaps are capped here and units with equal gaps can be tallied."""

DIRECT = """
SELECT indicator_id, la_code, period_kind, period_end, breakdown, breakdown_value,
  COUNT(*) AS scope_count, SUM(in_numerator) AS numerator_count,
  SUM(value_sum) AS value_sum, MAX(value_max) AS value_max
FROM (
  SELECT u.indicator_id, u.la_code, pm.period_kind, pm.period_end, u.breakdown,
    u.breakdown_value, u.unit_key,
    MAX(CASE WHEN u.in_numerator THEN 1 ELSE 0 END) AS in_numerator,
    SUM(u.unit_value) AS value_sum, MAX(u.unit_value) AS value_max
  FROM split_rows AS u JOIN csc_period_months AS pm ON pm.month_end = u.month_end
  JOIN batch_kinds AS bk ON bk.indicator_id = u.indicator_id AND bk.period_kind = pm.period_kind
  GROUP BY u.indicator_id, u.la_code, pm.period_kind, pm.period_end, u.breakdown,
    u.breakdown_value, u.unit_key
) AS per_unit
GROUP BY indicator_id, la_code, period_kind, period_end, breakdown, breakdown_value
"""
"""Each unit once per period (grouped, then summed: much faster than ``COUNT(DISTINCT)``)."""

UNIT_MONTHS = """
SELECT indicator_id, scope_id, la_code, breakdown, breakdown_value, unit_key, month_end,
  MAX(CASE WHEN in_numerator THEN 1 ELSE 0 END) AS in_numerator
FROM split_rows
GROUP BY indicator_id, scope_id, la_code, breakdown, breakdown_value, unit_key, month_end
"""

UNIQUE_UNIT_MONTHS = """
SELECT indicator_id, scope_id, la_code, breakdown, breakdown_value, unit_key, month_end,
  CASE WHEN in_numerator THEN 1 ELSE 0 END AS in_numerator
FROM split_rows
"""
""":data:`UNIT_MONTHS` ungrouped. The steps count a unit once however many of its rows share a
month (a twin's gap to its twin is zero, so its +1 and -1 cancel; only the last carries the gap
to the next month), so grouping only shrinks the rows; where the source has at most one row per
unit and month it shrinks nothing and is skipped (on the looked-after child-months it was a
third of the batch's time)."""

COUNTED_MONTHS = """
SELECT u.scope_id AS series_id, u.la_code, u.breakdown, u.breakdown_value, u.unit_key,
  'scope' AS measure, mi.month_index, mi.quarter_block, mi.fy_block
FROM unit_months AS u JOIN csc_month_index AS mi ON mi.month_end = u.month_end
WHERE u.indicator_id = u.scope_id
UNION ALL
SELECT u.indicator_id AS series_id, u.la_code, u.breakdown, u.breakdown_value, u.unit_key,
  'numerator' AS measure, mi.month_index, mi.quarter_block, mi.fy_block
FROM unit_months AS u JOIN csc_month_index AS mi ON mi.month_end = u.month_end
WHERE u.in_numerator = 1
"""
"""Each series of months to count: an indicator's numerator, and the scope that indicators
with the same scope share (``scope_id``, the first of them, ``compile.batch_series``), counted
once for all of them."""

SEQUENCED = """
SELECT c.series_id, c.la_code, c.breakdown, c.breakdown_value, c.measure, c.month_index,
  c.quarter_block, c.fy_block,
  LEAD(c.month_index) OVER unit_order AS next_index,
  LAG(c.quarter_block) OVER unit_order AS previous_quarter_block,
  LAG(c.fy_block) OVER unit_order AS previous_fy_block
FROM counted_months AS c
WINDOW unit_order AS (
  PARTITION BY c.unit_key, c.breakdown_value, c.series_id, c.la_code, c.breakdown, c.measure
  ORDER BY c.month_index
)
"""
"""The partition lists the unit first: with the most distinct key leading, sorting rarely
compares the keys after it (four times faster than council first on 20 councils)."""

GAPPED = f"""
SELECT s.series_id, s.la_code, s.breakdown, s.breakdown_value, s.measure, s.month_index,
  LEAST(COALESCE(s.next_index - s.month_index, {LONGEST_WINDOW}), {LONGEST_WINDOW}) AS gap,
  CASE WHEN s.previous_quarter_block IS NULL OR s.previous_quarter_block <> s.quarter_block
    THEN 1 ELSE 0 END AS first_in_quarter,
  CASE WHEN s.previous_fy_block IS NULL OR s.previous_fy_block <> s.fy_block
    THEN 1 ELSE 0 END AS first_in_fy
FROM sequenced AS s
"""

TALLIED = """
SELECT series_id, la_code, breakdown, breakdown_value, measure, month_index, gap,
  COUNT(*) AS units, SUM(first_in_quarter) AS quarter_firsts, SUM(first_in_fy) AS fy_firsts
FROM gapped
GROUP BY series_id, la_code, breakdown, breakdown_value, measure, month_index, gap
"""

SERIES_KINDS = """
SELECT DISTINCT bs.series_id, bs.measure, bk.period_kind
FROM batch_series AS bs JOIN batch_kinds AS bk ON bk.indicator_id = bs.indicator_id
"""
"""The period kinds each series is counted for: a shared scope, those of every indicator
sharing it."""

OPEN_INDEX = 10_000_000
"""A month index after every month a calendar can hold: where a span still open ends."""

GROUP_KEYS = ("series_id", "la_code", "breakdown", "breakdown_value", "measure")
"""What a series of counts is kept apart by, besides its period kind."""


def step_groups(units: str) -> str:
    """The stage numbering each series, council, breakdown value and period kind of the
    ``units`` stage, so that the steps, running sums and their joins key on one integer
    instead of six text columns (summing the steps by the text was a fifth of a batch)."""
    keys = ", ".join(GROUP_KEYS)
    ordered = ", ".join(f"c.{key}" for key in GROUP_KEYS)
    return f"""
SELECT {ordered}, sk.period_kind,
  ROW_NUMBER() OVER (ORDER BY {ordered}, sk.period_kind) AS group_id
FROM (SELECT DISTINCT {keys} FROM {units}) AS c
JOIN series_kinds AS sk ON sk.series_id = c.series_id AND sk.measure = c.measure
"""


IN_GROUP = " AND ".join(f"g.{key} = u.{key}" for key in GROUP_KEYS)
"""The join condition placing a row (alias ``u``) in its step groups (``g``)."""


GROUPED_TALLIES = f"""
SELECT g.group_id, k.trailing_months, u.month_index, u.gap, u.units,
  CASE WHEN k.trailing_months IS NOT NULL THEN u.units
    WHEN k.block = 'quarter' THEN u.quarter_firsts
    ELSE u.fy_firsts END AS step
FROM tallied AS u
JOIN step_groups AS g ON {IN_GROUP}
JOIN csc_distinct_kinds AS k ON k.period_kind = g.period_kind
"""
"""Each tally in the groups of each period kind its series is counted for."""

STEPS = """
SELECT group_id, month_index AS at_index, step FROM grouped_tallies
UNION ALL
SELECT group_id, month_index + LEAST(trailing_months, gap) AS at_index, -units AS step
FROM grouped_tallies
WHERE trailing_months IS NOT NULL
"""

SUMMED_STEPS = """
SELECT group_id, at_index, SUM(step) AS step
FROM steps
GROUP BY group_id, at_index
"""

GROUP_MONTHS = f"""
SELECT s.group_id, k.block, MIN(s.at_index) AS first_index,
  CASE WHEN SUM(s.step) = 0 THEN MAX(s.at_index) ELSE {OPEN_INDEX} END AS stop_index
FROM summed_steps AS s
JOIN step_groups AS g ON g.group_id = s.group_id
JOIN csc_distinct_kinds AS k ON k.period_kind = g.period_kind
GROUP BY s.group_id, k.block
"""
"""The months each group can count anyone in: from its first step, to its last where its steps
cancel out (a window's count is nothing after its last step; a sparse group, a team with a few
children, counts in a few of the months), else to the end. Running sums over only these months
leave out rows that would be zero."""

RUNNING = """
SELECT r.group_id, mi.month_end,
  SUM(COALESCE(s.step, 0)) OVER (
    PARTITION BY r.group_id,
      CASE r.block WHEN 'quarter' THEN mi.quarter_block WHEN 'fy' THEN mi.fy_block ELSE 0 END
    ORDER BY mi.month_index
    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
  ) AS units
FROM group_months AS r
JOIN csc_month_index AS mi
  ON mi.month_index >= r.first_index AND mi.month_index < r.stop_index
LEFT JOIN summed_steps AS s ON s.group_id = r.group_id AND s.at_index = mi.month_index
"""

COUNTED = """
SELECT bs.indicator_id, g.la_code, g.period_kind, r.month_end AS period_end, g.breakdown,
  g.breakdown_value,
  SUM(CASE WHEN g.measure = 'scope' THEN r.units ELSE 0 END) AS scope_count,
  SUM(CASE WHEN g.measure = 'numerator' THEN r.units ELSE 0 END) AS numerator_count
FROM running AS r
JOIN step_groups AS g ON g.group_id = r.group_id
JOIN batch_series AS bs ON bs.series_id = g.series_id AND bs.measure = g.measure
JOIN batch_kinds AS bk ON bk.indicator_id = bs.indicator_id AND bk.period_kind = g.period_kind
JOIN csc_periods AS p ON p.period_kind = g.period_kind AND p.period_end = r.month_end
GROUP BY bs.indicator_id, g.la_code, g.period_kind, r.month_end, g.breakdown,
  g.breakdown_value
HAVING SUM(CASE WHEN g.measure = 'scope' THEN r.units ELSE 0 END) > 0
"""

RUNNING_STAGES: tuple[tuple[str, str], ...] = (
    ("summed_steps", SUMMED_STEPS),
    ("group_months", GROUP_MONTHS),
    ("running", RUNNING),
    ("counted", COUNTED),
)
"""From ``steps`` (``group_id``, ``at_index``, ``step``) and ``step_groups`` to the counts per
indicator, council, period and breakdown: shared by the steps here and the spans
(``spans.py``)."""

MONTHLY_VALUES = """
SELECT indicator_id, la_code, month_end, breakdown, breakdown_value,
  SUM(unit_value) AS value_sum, MAX(unit_value) AS value_max
FROM split_rows
GROUP BY indicator_id, la_code, month_end, breakdown, breakdown_value
"""

VALUED = """
SELECT m.indicator_id, m.la_code, pm.period_kind, pm.period_end, m.breakdown,
  m.breakdown_value, SUM(m.value_sum) AS value_sum, MAX(m.value_max) AS value_max
FROM monthly_values AS m JOIN csc_period_months AS pm ON pm.month_end = m.month_end
JOIN batch_kinds AS bk ON bk.indicator_id = m.indicator_id AND bk.period_kind = pm.period_kind
GROUP BY m.indicator_id, m.la_code, pm.period_kind, pm.period_end, m.breakdown,
  m.breakdown_value
"""

ROLLED = """
SELECT c.indicator_id, c.la_code, c.period_kind, c.period_end, c.breakdown, c.breakdown_value,
  c.scope_count, c.numerator_count, v.value_sum, v.value_max
FROM counted AS c
LEFT JOIN valued AS v
  ON v.indicator_id = c.indicator_id AND v.la_code = c.la_code
  AND v.period_kind = c.period_kind AND v.period_end = c.period_end
  AND v.breakdown = c.breakdown AND v.breakdown_value = c.breakdown_value
"""

COUNTS_ONLY = """
SELECT indicator_id, la_code, period_kind, period_end, breakdown, breakdown_value, scope_count,
  numerator_count, CAST(NULL AS DOUBLE) AS value_sum, CAST(NULL AS DOUBLE) AS value_max
FROM counted
"""
""":data:`ROLLED` for a batch summing no value: nothing to join the counts to."""

REPEATS: dict[PeriodKind, float] = {
    PeriodKind.MONTH: 1,
    PeriodKind.SNAPSHOT: 1,
    PeriodKind.QUARTER: 1,
    PeriodKind.FY: 1,
    PeriodKind.YTD: 6.5,
    PeriodKind.ROLLING_3M: 3,
    PeriodKind.ROLLING_6M: 6,
    PeriodKind.ROLLING_12M: 12,
}
"""How many periods of each kind a month's row lands in, on average (a year to date at month
``n`` of the financial year covers ``n`` months)."""

MOST_REPEATS_FOR_DIRECT = 4.0
"""Up to this many repeats per row, the direct count is faster than the steps (measured on the
demo council: a snapshot count takes a quarter of the time; all eight kinds, four times as long)."""

STEPS_STAGES: tuple[tuple[str, str], ...] = (
    ("unit_months", UNIT_MONTHS),
    ("counted_months", COUNTED_MONTHS),
    ("sequenced", SEQUENCED),
    ("gapped", GAPPED),
    ("tallied", TALLIED),
    ("series_kinds", SERIES_KINDS),
    ("step_groups", step_groups("tallied")),
    ("grouped_tallies", GROUPED_TALLIES),
    ("steps", STEPS),
    *RUNNING_STAGES,
)
"""The CTEs after ``split_rows`` counting each series in steps, in order; ``batch_kinds`` lists
each indicator's period kinds. :func:`rolled_from_counts` adds the figures' values."""


def rolled_from_counts(*, sums_values: bool) -> tuple[tuple[str, str], ...]:
    """The stages after the steps' ``counted``: the values each indicator sums joined to its
    counts, or, for a batch summing none, the counts alone (joining every row to every period
    it is in was a tenth of such a batch's time)."""
    if not sums_values:
        return (("rolled", COUNTS_ONLY),)
    return (("monthly_values", MONTHLY_VALUES), ("valued", VALUED), ("rolled", ROLLED))


def stages_for(
    kinds: Sequence[PeriodKind], *, one_row_per_month: bool = False
) -> tuple[tuple[str, str], ...]:
    """The CTEs that count distinct units for these period kinds, cheapest first; with
    ``one_row_per_month`` when the source has at most one row per unit and month."""
    if sum(REPEATS[k] for k in kinds) <= MOST_REPEATS_FOR_DIRECT:
        return (("rolled", DIRECT),)
    if one_row_per_month:
        return (("unit_months", UNIQUE_UNIT_MONTHS), *STEPS_STAGES[1:])
    return STEPS_STAGES
