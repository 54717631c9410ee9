"""Counting distinct units open at each month end from their spans, without a row per month.

A snapshot counts the children (or families) with a span (an episode, a plan) open at the
month end: started on or before it and not ended by it. Placing every span at every month end
it covers and de-duplicating children multiplies the rows by the months a span lasts (a plan of
a year is twelve rows); at national scale that dominated the snapshot counts. Instead each span
becomes the months it covers, ``[start_index, end_index)`` on the month index (a month end
``m`` is covered when ``month(start) <= m < month(end)``), and a child's spans are merged as
they come in order of start: a span adds only the months beyond the furthest end of the
child's earlier spans (all gaps between those lie before its start). Each added stretch is a
+1 and a -1 step whose running sum is the number of distinct children open at every month end.

Only snapshot figures whose rows do not change with the month qualify (no fragment reads
``month_end``, no age band): :func:`compile.counted_in_spans` decides.
"""

from __future__ import annotations

from csc_scorecard.engine.distinct import (
    COUNTS_ONLY,
    IN_GROUP,
    OPEN_INDEX,
    RUNNING_STAGES,
    SERIES_KINDS,
    step_groups,
)

SPAN_UNITS = f"""
SELECT s.la_code AS la_code,
  CAST(EXTRACT(YEAR FROM __start) * 12 + EXTRACT(MONTH FROM __start) - 1 AS BIGINT)
    AS start_index,
  CAST(COALESCE(EXTRACT(YEAR FROM __end) * 12 + EXTRACT(MONTH FROM __end) - 1,
    {OPEN_INDEX}) AS BIGINT) AS end_index
FROM __source AS s
"""
"""The base of a span's unit rows: its council and the months it covers (``month_index`` as in
``csc_month_index``, end exclusive)."""

FIRST_MONTH = """
SELECT MIN(month_index) AS first_index FROM csc_month_index
"""

SPAN_SERIES = """
SELECT u.scope_id AS series_id, u.la_code, u.breakdown, u.breakdown_value, u.unit_key,
  'scope' AS measure, u.start_index, u.end_index
FROM split_rows AS u CROSS JOIN first_month AS r
WHERE u.indicator_id = u.scope_id AND u.end_index > r.first_index
UNION ALL
SELECT u.indicator_id AS series_id, u.la_code, u.breakdown, u.breakdown_value, u.unit_key,
  'numerator' AS measure, u.start_index, u.end_index
FROM split_rows AS u CROSS JOIN first_month AS r
WHERE u.in_numerator AND u.end_index > r.first_index
"""
"""Each series' spans (a shared scope once, each numerator), less those over before the first
month computed (they could only extend earlier spans to before it)."""

REACHED = """
SELECT s.series_id, s.la_code, s.breakdown, s.breakdown_value, s.measure, s.start_index,
  s.end_index,
  MAX(s.end_index) OVER (
    PARTITION BY s.unit_key, s.breakdown_value, s.series_id, s.la_code, s.breakdown, s.measure
    ORDER BY s.start_index, s.end_index
    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
  ) AS reached
FROM span_series AS s
WHERE s.start_index IS NOT NULL
"""
"""Each span with the furthest end of the unit's spans starting before it."""

ADDED = """
SELECT series_id, la_code, breakdown, breakdown_value, measure, from_index, end_index
FROM (
  SELECT s.*, GREATEST(s.start_index, COALESCE(s.reached, s.start_index), r.first_index)
    AS from_index
  FROM reached AS s CROSS JOIN first_month AS r
) AS a
WHERE end_index > from_index
"""
"""The months each span adds to its unit's, from the first month computed on."""

GROUPED_SPANS = f"""
SELECT g.group_id, u.from_index, u.end_index
FROM added AS u JOIN step_groups AS g ON {IN_GROUP}
"""

SPAN_STEPS = f"""
SELECT group_id, from_index AS at_index, 1 AS step
FROM grouped_spans
UNION ALL
SELECT group_id, end_index AS at_index, -1 AS step
FROM grouped_spans
WHERE end_index < {OPEN_INDEX}
"""

SPAN_STAGES: tuple[tuple[str, str], ...] = (
    ("first_month", FIRST_MONTH),
    ("span_series", SPAN_SERIES),
    ("reached", REACHED),
    ("added", ADDED),
    ("series_kinds", SERIES_KINDS),
    ("step_groups", step_groups("added")),
    ("grouped_spans", GROUPED_SPANS),
    ("steps", SPAN_STEPS),
    *RUNNING_STAGES,
    ("rolled", COUNTS_ONLY),
)
"""The CTEs after ``split_rows`` (its rows from :data:`SPAN_UNITS`) and ``batch_series``."""
