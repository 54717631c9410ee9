"""Compile catalogue entries into set-based SQL that computes every period at once.

Indicators reading the same source view and counted the same way form a batch
(:func:`batch_key`), computed by one query whose rows carry ``indicator_id``. It has three
stages, whatever the indicators:

1. ``unit_rows``: each indicator's source rows in scope, placed in months (one branch per
   indicator, unioned). An ``event`` row lands in the month of its date (via the calendar
   table); a ``snapshot`` row lands at every month end its interval spans. Each row carries
   whether it meets the numerator, a numeric value, and its value of each breakdown;
   ``split_rows`` repeats it once per breakdown its indicator is reported under (``all`` plus
   each dimension), so the source is scanned once.
2. ``rolled``: months joined to the periods of each indicator's kinds (``batch_kinds``) and
   aggregated per indicator, council, period and breakdown. Events are summed per month first
   (cheap), and so are units of a view declaring one row per child and month end counted in
   one-month periods (:func:`dedupes_units`); children, families and snapshot units are
   otherwise counted distinct across the period with running sums of steps (``distinct.py``),
   or, for snapshots of spans, from each child's merged spans (``spans.py``), never by
   repeating rows per period; indicators with the same scope count it once.
3. the result: every council and period of the ``all`` breakdown (zero when nothing happened),
   with the figure computed by each indicator's unit: counts, percentages, averages and
   annualised rates per 10,000 children aged 0-17 (``csc_population_lookup``).

Fragments in the catalogue (``where``, ``numerator``, ``value``...) are parsed by sqlglot and
spliced into parsed templates as syntax trees, never pasted as text, and every stage is rendered
in the target engine's dialect; only whole rendered stages are joined into one ``WITH`` query.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, reduce
from typing import assert_never

import sqlglot
from sqlglot import exp

from csc_scorecard.engine.catalogue.entry import Aggregate, Indicator, Shape, Unit
from csc_scorecard.engine.distinct import DIRECT, rolled_from_counts, stages_for
from csc_scorecard.engine.periods import PeriodKind
from csc_scorecard.engine.sources import source_view
from csc_scorecard.engine.spans import SPAN_STAGES, SPAN_UNITS


@dataclass(frozen=True)
class DrillCell:
    """One figure of a result: council, period and breakdown."""

    la_code: str
    period_kind: str
    period_end: str
    breakdown: str | None = None
    breakdown_value: str | None = None


SOURCE_DIALECT = "duckdb"

_EVENT_UNITS = """
SELECT s.la_code AS la_code, me.month_end AS month_end
FROM __source AS s
JOIN (SELECT cal_date, cal_month_end AS month_end FROM csc_calendar) AS me ON me.cal_date = __date
"""

_SNAPSHOT_UNITS = """
SELECT s.la_code AS la_code, me.month_end AS month_end
FROM __source AS s JOIN csc_month_ends AS me
  ON __start <= me.month_end AND (__end IS NULL OR __end > me.month_end)
"""

_SNAPSHOT_AT_UNITS = """
SELECT s.la_code AS la_code, me.month_end AS month_end
FROM __source AS s JOIN csc_month_ends AS me ON me.month_end = __date
"""

_MONTHLY = """
SELECT indicator_id, la_code, month_end, breakdown, breakdown_value,
  SUM(scope_weight) AS scope_count,
  SUM(CASE WHEN in_numerator THEN numerator_weight ELSE 0 END) AS numerator_count,
  SUM(unit_value) AS value_sum, MAX(unit_value) AS value_max
FROM split_rows
GROUP BY indicator_id, la_code, month_end, breakdown, breakdown_value
"""

_ROLLED_FROM_MONTHLY = """
SELECT m.indicator_id, m.la_code, pm.period_kind, pm.period_end, m.breakdown, m.breakdown_value,
  SUM(m.scope_count) AS scope_count, SUM(m.numerator_count) AS numerator_count,
  SUM(m.value_sum) AS value_sum, MAX(m.value_max) AS value_max
FROM monthly AS m JOIN csc_period_months AS pm ON pm.month_end = m.month_end
JOIN batch_kinds AS bk ON bk.indicator_id = m.indicator_id AND bk.period_kind = pm.period_kind
GROUP BY m.indicator_id, m.la_code, pm.period_kind, pm.period_end, m.breakdown,
  m.breakdown_value
"""

_MANUAL_ROLLED = """
SELECT mm.mm_indicator_id AS indicator_id, mm.la_code, mm.mm_period_kind AS period_kind,
  mm.mm_period_end AS period_end, 'all' AS breakdown, 'all' AS breakdown_value,
  mm.mm_denominator AS scope_count, mm.mm_numerator AS numerator_count,
  mm.mm_value AS value_sum, mm.mm_value AS value_max
FROM csc_manual_measures AS mm
JOIN csc_councils AS cc ON cc.la_code = mm.la_code
JOIN batch_kinds AS bk
  ON bk.indicator_id = mm.mm_indicator_id AND bk.period_kind = mm.mm_period_kind
"""

_FILLED = """
SELECT g.indicator_id, g.la_code, g.period_kind, g.period_end, 'all' AS breakdown,
    'all' AS breakdown_value, COALESCE(r.scope_count, 0) AS scope_count,
    COALESCE(r.numerator_count, 0) AS numerator_count, r.value_sum, r.value_max
  FROM (
    SELECT bk.indicator_id, cc.la_code, p.period_kind, p.period_end
    FROM batch_kinds AS bk JOIN csc_periods AS p ON p.period_kind = bk.period_kind
    CROSS JOIN csc_councils AS cc
  ) AS g
  LEFT JOIN rolled AS r
    ON r.indicator_id = g.indicator_id AND r.la_code = g.la_code
    AND r.period_kind = g.period_kind AND r.period_end = g.period_end AND r.breakdown = 'all'
  UNION ALL
  SELECT indicator_id, la_code, period_kind, period_end, breakdown, breakdown_value,
    scope_count, numerator_count, value_sum, value_max
FROM rolled
WHERE breakdown <> 'all'
"""

_RESULT = """
SELECT f.la_code, f.indicator_id, f.period_kind, p.period_start, f.period_end, f.breakdown,
  f.breakdown_value, __numerator AS numerator, __denominator AS denominator, __value AS value
FROM filled AS f
JOIN csc_periods AS p ON p.period_kind = f.period_kind AND p.period_end = f.period_end
LEFT JOIN csc_population_lookup AS pop
  ON pop.la_code = f.la_code AND pop.population_year = p.population_year
"""


CHARACTERISTICS = ("age_band", "sex", "ethnicity", "disability", "uasc")
"""Breakdowns by child characteristics, available for any source with a ``person_id``."""

AGE_BANDS: tuple[tuple[str, int | None], ...] = (
    ("Under 1", 1),
    ("1 to 4", 5),
    ("5 to 9", 10),
    ("10 to 15", 16),
    ("16 to 17", 18),
    ("18 and over", None),
)
"""The ``age_band`` breakdown's bands, youngest first, each with the age it ends before (the
DfE's CIN and looked-after age groups); a child not yet born or with no date of birth is
:data:`AGE_NOT_KNOWN`."""

AGE_NOT_KNOWN = "Unborn or not known"

_UNBORN = "ch.date_of_birth IS NULL OR ch.date_of_birth > __at"


def _age_band(month: exp.Expr, age: exp.Expr) -> exp.Expr:
    """The CASE placing a child's age at ``month`` in :data:`AGE_BANDS`."""
    unborn = _substitute(_template(_UNBORN), {"at": month})
    ifs = [exp.If(this=unborn, true=exp.Literal.string(AGE_NOT_KNOWN))]
    ifs += [
        exp.If(this=exp.LT(this=age.copy(), expression=exp.Literal.number(before)), true=label)
        for label, before in ((exp.Literal.string(n), b) for n, b in AGE_BANDS if b is not None)
    ]
    oldest = next(label for label, before in AGE_BANDS if before is None)
    return exp.Case(ifs=ifs, default=exp.Literal.string(oldest))


_AGE = """
EXTRACT(YEAR FROM __at) - EXTRACT(YEAR FROM ch.date_of_birth) - CASE
  WHEN EXTRACT(MONTH FROM __at) * 100 + EXTRACT(DAY FROM __at)
    < EXTRACT(MONTH FROM ch.date_of_birth) * 100 + EXTRACT(DAY FROM ch.date_of_birth)
  THEN 1 ELSE 0 END
"""


@cache
def _template(sql: str) -> exp.Expr:
    return sqlglot.parse_one(sql, dialect=SOURCE_DIALECT)


MONTH_END = "month_end"
"""The one name a fragment may use that is not a source column: the month end a row counts at
(the ``me`` helper in both shapes)."""


def parse_fragment(text: str) -> exp.Expr:
    """Parse one catalogue SQL fragment: a single expression, no statements or subqueries.

    Its column names are the source view's, so they are qualified with the source's alias:
    a joined helper table (characteristics, calendar) can never make them ambiguous.

    Raises:
        ValueError: when the text is not one plain expression.
    """
    return _parsed_fragment(text).copy()


@cache
def _parsed_fragment(text: str) -> exp.Expr:
    tree = sqlglot.parse_one(text, dialect=SOURCE_DIALECT)
    if isinstance(tree, exp.Query | exp.Command | exp.DDL | exp.DML) or tree.find(exp.Query):
        raise ValueError(f"not a plain SQL expression: {text!r}")
    for column in tree.find_all(exp.Column):
        if not column.table:
            column.set("table", exp.to_identifier("me" if column.name == MONTH_END else "s"))
    return tree


def _substitute(tree: exp.Expr, values: dict[str, exp.Expr]) -> exp.Expr:
    """Replace ``__name`` placeholders (columns or tables) by the given syntax trees."""

    def swap(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.In) and _is_placeholder(node.expressions[0]):
            items = values[node.expressions[0].name[2:]]
            return exp.In(this=node.this.copy(), expressions=[i.copy() for i in items.expressions])
        if _is_placeholder(node):
            replacement = values[node.name[2:]].copy()
            if isinstance(node, exp.Table) and node.alias:
                replacement.set("alias", node.args["alias"].copy())
            return replacement
        return node

    return tree.copy().transform(swap, copy=False)


def _is_placeholder(node: exp.Expr) -> bool:
    return isinstance(node, exp.Column | exp.Table) and node.name.startswith("__")


def _or_true(fragment: str | None) -> exp.Expr:
    """The condition, with unknown (NULL) read as false; no condition is true."""
    if not fragment:
        return exp.true()
    return exp.func("COALESCE", parse_fragment(fragment), exp.false())


def _or_one(fragment: str | None) -> exp.Expr:
    return parse_fragment(fragment) if fragment else exp.Literal.number(1)


def _dimension(dimension: str, month: exp.Expr) -> exp.Expr:
    """The text a row is broken down by: a source column, or a child characteristic (age band
    at the month end the row counts in)."""
    if dimension == "age_band":
        age = _substitute(_template(_AGE), {"at": month})
        value = _age_band(month, exp.paren(age))
    elif dimension in CHARACTERISTICS:
        value = exp.column(dimension, "ch")
    else:
        value = parse_fragment(dimension)
    text = exp.cast(value, exp.DataType.build("VARCHAR"))
    return exp.func("COALESCE", text, exp.Literal.string("unknown"))


def _with_characteristics(rows: exp.Select, dimensions: Sequence[str]) -> exp.Select:
    """Join the child's characteristics when any dimension needs them."""
    if not any(d in CHARACTERISTICS for d in dimensions):
        return rows
    on = exp.and_(
        exp.column("la_code", "ch").eq(exp.column("la_code", "s")),
        exp.column("person_id", "ch").eq(exp.column("person_id", "s")),
    )
    return rows.join("src_child_characteristics AS ch", on=on, join_type="LEFT", copy=False)


def _located_rows(ind: Indicator, source_view: str, *, spans: bool = False) -> exp.Select:
    """Source rows with the council and the month end they count at, or (``spans``) the
    months they cover (``spans.SPAN_UNITS``)."""
    base_sql, anchors = _base_for(ind)
    if spans:
        base_sql = SPAN_UNITS
    base = _substitute(_template(base_sql), {"source": exp.to_table(source_view), **anchors})
    assert isinstance(base, exp.Select)
    return base


def _unit_rows(
    ind: Indicator,
    source_view: str,
    dimensions: Sequence[str],
    width: int,
    scope_id: str,
    *,
    spans: bool = False,
) -> exp.Select:
    """Stage 1: one row per source row in scope and month, carrying each breakdown's value in
    ``dimension_0`` .. ``dimension_<width - 1>`` (NULL past the indicator's own).

    Rows out of scope are left out here: they add to no count, numerator or value, and
    carrying them multiplied every later stage by up to ten for selective indicators."""
    base = _with_characteristics(_located_rows(ind, source_view, spans=spans), dimensions)
    base = base.where(_or_true(ind.where), copy=False)
    month = base.selects[1].this
    unit_key = parse_fragment(ind.unit_key or "person_id")
    value = parse_fragment(ind.value) if ind.value else exp.Null()
    double = exp.DataType.build("DOUBLE")
    text = exp.DataType.build("VARCHAR")
    return base.select(
        exp.alias_(exp.Literal.string(ind.id), "indicator_id"),
        exp.alias_(exp.Literal.string(scope_id), "scope_id"),
        exp.alias_(exp.cast(unit_key, text), "unit_key"),
        exp.alias_(_numerator(ind), "in_numerator"),
        exp.alias_(exp.cast(value, double), "unit_value"),
        exp.alias_(exp.cast(_or_one(ind.weight), double), "scope_weight"),
        exp.alias_(exp.cast(_or_one(ind.numerator_weight), double), "numerator_weight"),
        *(
            exp.alias_(
                _dimension(dimensions[n], month.copy())
                if n < len(dimensions)
                else exp.cast(exp.Null(), text),
                f"dimension_{n}",
            )
            for n in range(width)
        ),
        copy=False,
    )


def _needed_rows(rows: exp.Select, ind: Indicator, *, shares_scope: bool) -> exp.Select:
    """An indicator's unit rows, or only those meeting its numerator when it shares another's
    scope counted in steps or spans (``shares_scope``) and sums no value: it needs no others,
    and carrying them doubled the rows the steps sort on the looked-after child-months."""
    if not shares_scope or ind.value:
        return rows
    return rows.where(_numerator(ind), copy=False)


def _numerator(ind: Indicator) -> exp.Expr:
    """Whether a row meets the numerator: only a percentage's figure reads it, so other units
    say false (counting distinct units, a numerator that is every row would double the work)."""
    return _or_true(ind.numerator) if ind.unit is Unit.PERCENT else exp.false()


def _split_rows(members: Sequence[BatchMember], width: int) -> exp.Expr:
    """Stage 1b: each unit row once for the whole council and once per breakdown of its
    indicator, scanning the source only once."""
    rows = exp.select(exp.column(exp.Star(), "u")).from_("unit_rows AS u")
    if not width:
        return rows.select(
            exp.alias_(exp.Literal.string("all"), "breakdown"),
            exp.alias_(exp.Literal.string("all"), "breakdown_value"),
            copy=False,
        )
    labels = exp.values(
        [
            (member.indicator.id, name, position)
            for member in members
            for position, name in enumerate(["all", *member.dimensions], start=-1)
        ],
        alias="b",
        columns=["indicator_id", "breakdown", "position"],
    )
    value = exp.Case(
        ifs=[
            exp.If(
                this=exp.column("position", "b").eq(exp.Literal.number(n)),
                true=exp.column(f"dimension_{n}", "u"),
            )
            for n in range(width)
        ],
        default=exp.Literal.string("all"),
    )
    on = exp.column("indicator_id", "b").eq(exp.column("indicator_id", "u"))
    return rows.join(labels, on=on, copy=False).select(
        exp.column("breakdown", "b"), exp.alias_(value, "breakdown_value"), copy=False
    )


def _base_for(ind: Indicator) -> tuple[str, dict[str, exp.Expr]]:
    match ind.shape:
        case Shape.EVENT:
            assert ind.date is not None
            return _EVENT_UNITS, {"date": parse_fragment(ind.date)}
        case Shape.SNAPSHOT if ind.date is not None:
            return _SNAPSHOT_AT_UNITS, {"date": parse_fragment(ind.date)}
        case Shape.SNAPSHOT:
            assert ind.start is not None and ind.end is not None
            return _SNAPSHOT_UNITS, {
                "start": parse_fragment(ind.start),
                "end": parse_fragment(ind.end),
            }
        case Shape.MANUAL:
            raise ValueError(f"{ind.id}: manual indicators have no source rows")
        case _ as unreachable:
            assert_never(unreachable)


@dataclass(frozen=True)
class BatchMember:
    """An indicator computed in a batch, with the breakdowns it is computed by."""

    indicator: Indicator
    dimensions: tuple[str, ...]


SINGLE_MONTH_KINDS = frozenset({PeriodKind.MONTH, PeriodKind.SNAPSHOT})
"""Period kinds made of one month each: a unit found once per month is found once per period."""


def one_row_per_month(ind: Indicator) -> bool:
    """Whether the indicator's source view has at most one row per council, unit and month the
    indicator counts at (declared by the view, ``sources.SourceView.month_end_rows``)."""
    if ind.from_ is None or ind.date is None:
        return False
    return source_view(ind.from_).month_end_rows == (ind.unit_key or "person_id", ind.date)


def dedupes_units(ind: Indicator) -> bool:
    """Whether counting the indicator must find each unit once per period: it counts distinct
    units (``Indicator.counts_distinct_units``) that a period can meet more than once.

    A unit found at most once per month is found at most once in a period of one month, so
    such figures are plain counts: summed, not de-duplicated (no hash table of every child).
    """
    if not ind.counts_distinct_units:
        return False
    return not (one_row_per_month(ind) and set(ind.periods) <= SINGLE_MONTH_KINDS)


MONTH_DIMENSIONS = frozenset({"age_band"})
"""Breakdowns whose value changes with the month a row counts at."""


def counted_in_spans(ind: Indicator, dimensions: Sequence[str]) -> bool:
    """Whether the indicator's distinct units are counted from their spans (``spans.py``): a
    snapshot of spans, for snapshot periods only, whose rows, scope, numerator and breakdowns
    (``dimensions``) do not change with the month end and which sums no value."""
    if ind.shape is not Shape.SNAPSHOT or ind.date is not None:
        return False
    if set(ind.periods) != {PeriodKind.SNAPSHOT} or ind.value or MONTH_DIMENSIONS & set(dimensions):
        return False
    fragments = [ind.where, ind.numerator, ind.unit_key, *dimensions]
    return not any(_reads_month(f) for f in fragments if f and f not in CHARACTERISTICS)


def _reads_month(fragment: str) -> bool:
    return any(c.table == "me" for c in _parsed_fragment(fragment).find_all(exp.Column))


def _counting_stages(
    ind: Indicator, dimensions: Sequence[str] | None
) -> tuple[tuple[str, str], ...]:
    """The stages counting the indicator's units by these breakdowns (default its own): none
    for events, else spans, the direct count or steps (``spans.py``, ``distinct.py``)."""
    if not dedupes_units(ind):
        return ()
    if counted_in_spans(ind, ind.breakdowns if dimensions is None else dimensions):
        return SPAN_STAGES
    return stages_for(ind.periods, one_row_per_month=one_row_per_month(ind))


def batch_key(ind: Indicator, dimensions: Sequence[str] | None = None) -> tuple[object, ...]:
    """Indicators with equal keys share one query: the same source rows, counted the same way.

    Manual entries share one; the others share their source view and the stages counting
    their units, which can depend on the breakdowns computed (``dimensions``, default the
    indicator's own).
    """
    if ind.shape is Shape.MANUAL:
        return (Shape.MANUAL,)
    return (ind.from_, _counting_stages(ind, dimensions))


def counted_directly(ind: Indicator, dimensions: Sequence[str] | None = None) -> bool:
    """Whether the indicator's distinct units are counted directly (``distinct.DIRECT``): a
    count holding every unit of every period at once, which its batch shares with nothing."""
    if ind.shape is Shape.MANUAL:
        return False
    return _counting_stages(ind, dimensions) == (("rolled", DIRECT),)


def _batch_kinds(members: Sequence[BatchMember]) -> exp.Expr:
    """The period kinds each indicator is computed for, as a table."""
    kinds = exp.values(
        [(m.indicator.id, kind.value) for m in members for kind in m.indicator.periods],
        alias="k",
        columns=["indicator_id", "period_kind"],
    )
    return exp.select("*").from_(kinds)


def _scope_ids(members: Sequence[BatchMember]) -> list[str]:
    """Each indicator's scope: the id of the first indicator of the batch counting the same
    units in the same rows, months and breakdowns, whose distinct units are counted once (for
    the period kinds of all indicators sharing it)."""
    first_with: dict[tuple[object, ...], str] = {}
    return [
        first_with.setdefault(
            (i.shape, i.date, i.start, i.end, i.where, i.unit_key, m.dimensions), i.id
        )
        for m in members
        for i in (m.indicator,)
    ]


def _batch_series(members: Sequence[BatchMember], scope_ids: Sequence[str]) -> exp.Expr:
    """Which counted series give each indicator its scope and its numerator, as a table."""
    series = exp.values(
        [
            row
            for m, scope in zip(members, scope_ids, strict=True)
            for row in (
                (m.indicator.id, scope, "scope"),
                (m.indicator.id, m.indicator.id, "numerator"),
            )
        ],
        alias="s",
        columns=["indicator_id", "series_id", "measure"],
    )
    return exp.select("*").from_(series)


Stage = tuple[str, exp.Expr | str]
"""A named stage: its syntax tree, or the text of a template that is the same in every batch
(rendered once per dialect, :func:`_rendered`)."""


def _stages(members: Sequence[BatchMember], source_view: str | None) -> list[Stage]:
    """Stages 1 and 2 as named CTEs, in order: the figures per indicator, council, period and
    breakdown."""
    stages: list[Stage] = [("batch_kinds", _batch_kinds(members))]
    first = members[0].indicator
    if first.shape is Shape.MANUAL:
        return [*stages, ("rolled", _MANUAL_ROLLED), ("filled", "SELECT * FROM rolled")]
    assert source_view is not None
    width = max(len(m.dimensions) for m in members)
    scope_ids = _scope_ids(members)
    counting = _counting_stages(first, members[0].dimensions)
    stepped = bool(counting) and counting != (("rolled", DIRECT),)
    spans = counting == SPAN_STAGES
    branches: list[exp.Query] = [
        _needed_rows(
            _unit_rows(m.indicator, source_view, m.dimensions, width, scope, spans=spans),
            m.indicator,
            shares_scope=stepped and scope != m.indicator.id,
        )
        for m, scope in zip(members, scope_ids, strict=True)
    ]
    unit_rows = reduce(lambda a, b: exp.union(a, b, distinct=False, copy=False), branches)
    stages += [("unit_rows", unit_rows), ("split_rows", _split_rows(members, width))]
    if counting:
        stages.append(("batch_series", _batch_series(members, scope_ids)))
        stages += counting
        if stepped and not spans:
            sums_values = any(m.indicator.value for m in members)
            stages += rolled_from_counts(sums_values=sums_values)
    else:
        stages += [("monthly", _MONTHLY), ("rolled", _ROLLED_FROM_MONTHLY)]
    return [*stages, ("filled", _FILLED)]


@cache
def _rendered(template: str, dialect: str) -> str:
    return _template(template).sql(dialect=dialect)


def _figure(ind: Indicator) -> tuple[exp.Expr, exp.Expr, exp.Expr]:
    """Numerator, denominator and value expressions over ``filled`` (f), ``csc_periods`` (p)
    and ``csc_population_lookup`` (pop), by unit."""
    scope = exp.column("scope_count", "f")
    numerator = exp.column("numerator_count", "f")
    summed = exp.column("value_max" if ind.aggregate is Aggregate.MAX else "value_sum", "f")
    null = exp.Null()
    if ind.shape is Shape.MANUAL:
        return numerator, scope, exp.column("value_sum", "f")
    match ind.unit:
        case Unit.COUNT:
            counted = summed if ind.value else scope
            return counted, null, counted
        case Unit.PERCENT:
            return numerator, scope, _ratio(numerator, scope, 100.0)
        case Unit.AVERAGE:
            return summed, scope, _ratio(summed, scope, 1.0)
        case Unit.RATE_PER_10K:
            population = exp.column("population", "pop")
            annualised = exp.Mul(this=scope, expression=exp.column("annualisation", "p"))
            return scope, population, _ratio(annualised, population, 10_000.0)
        case _ as unreachable:
            assert_never(unreachable)


def _ratio(top: exp.Expr, bottom: exp.Expr, scale: float) -> exp.Expr:
    """``scale * top / bottom`` as a double, NULL when the bottom is zero or missing."""
    scaled = exp.Mul(this=exp.Literal.number(scale), expression=exp.cast(top, "DOUBLE"))
    return exp.Div(this=scaled, expression=exp.func("NULLIF", bottom, exp.Literal.number(0)))


def _by_indicator(
    members: Sequence[BatchMember], part: Callable[[Indicator], exp.Expr]
) -> exp.Expr:
    """One expression per indicator of a batch: the shared one, or a CASE on the indicator."""
    expressions: dict[str, exp.Expr] = {}
    ids: dict[str, list[str]] = {}
    for member in members:
        expression = part(member.indicator)
        key = expression.sql()
        expressions.setdefault(key, expression)
        ids.setdefault(key, []).append(member.indicator.id)
    if len(expressions) == 1:
        return next(iter(expressions.values()))
    indicator = exp.column("indicator_id", "f")
    return exp.Case(
        ifs=[
            exp.If(
                this=exp.In(
                    this=indicator.copy(), expressions=[exp.Literal.string(i) for i in ids[key]]
                ),
                true=expression,
            )
            for key, expression in expressions.items()
        ]
    )


def compile_batch(
    members: Sequence[BatchMember],
    source_view: str | None,
    dialect: str = "duckdb",
    *,
    staged: bool = False,
) -> list[tuple[str | None, str]]:
    """The SQL computing every indicator of a batch (equal :func:`batch_key`) for every period
    in ``csc_periods`` and each indicator's own breakdowns, in ``dialect``.

    Returns statements to run in order: ``(None, query)`` alone, its stages as CTEs; or, when
    ``staged``, each stage as ``(name, sql)`` to be made a table of that name first, and the
    query reading them last (for engines that recompute a CTE wherever it is read).

    Args:
        members: the indicators, with their breakdowns.
        source_view: the view holding their source rows (None for manual indicators).
        dialect: a sqlglot dialect name (``duckdb``, ``postgres``, ``spark``).
        staged: whether to return the stages as separate statements.
    """
    if len({batch_key(m.indicator, m.dimensions) for m in members}) != 1:
        raise ValueError("a batch's indicators must share their source and counting")
    double = exp.DataType.build("DOUBLE")
    result = _substitute(
        _template(_RESULT),
        {
            "numerator": exp.cast(_by_indicator(members, lambda i: _figure(i)[0]), double),
            "denominator": exp.cast(_by_indicator(members, lambda i: _figure(i)[1]), double),
            "value": exp.cast(_by_indicator(members, lambda i: _figure(i)[2]), double),
        },
    )
    assert isinstance(result, exp.Select)
    stages = [
        (
            name,
            _rendered(stage, dialect)
            if isinstance(stage, str)
            else stage.sql(dialect=dialect, copy=False),
        )
        for name, stage in _stages(members, source_view)
    ]
    query = result.sql(dialect=dialect, copy=False)
    if staged:
        return [*stages, (None, query)]
    ctes = ", ".join(f"{name} AS ({sql})" for name, sql in stages)
    return [(None, f"WITH {ctes} {query}")]


def of_councils(sql: str, councils: Sequence[str], dialect: str) -> str:
    """A view's query keeping only these councils' rows: every later stage then works on them
    alone (the view itself still reads every council's rows)."""
    inner = exp.Subquery(
        this=sqlglot.parse_one(sql, dialect=dialect),
        alias=exp.TableAlias(this=exp.to_identifier("v")),
    )
    codes = [exp.Literal.string(code) for code in councils]
    query = exp.select("*").from_(inner).where(exp.column("la_code", "v").isin(*codes))
    return query.sql(dialect=dialect)


def compile_drill(
    ind: Indicator,
    source_view: str,
    cell: DrillCell,
    dialect: str = "duckdb",
) -> str:
    """The SQL listing the source rows behind one figure: every column of the source view, the
    month the row counts in, and whether it is in the numerator.

    Values in ``cell`` become SQL literals built by sqlglot, so they cannot alter the query.
    """
    dimensions = [cell.breakdown] if cell.breakdown else []
    located = _with_characteristics(_located_rows(ind, source_view), dimensions)
    month = located.selects[1].this.copy()
    located = located.select(
        exp.alias_(month.copy(), "month_end"),
        exp.column(exp.Star(), "s"),
        exp.alias_(_or_true(ind.numerator), "in_numerator"),
        append=False,
        copy=False,
    )
    conditions: list[exp.Expr] = [
        _or_true(ind.where),
        exp.column("la_code", "s").eq(exp.Literal.string(cell.la_code)),
        exp.column("period_kind", "pm").eq(exp.Literal.string(cell.period_kind)),
        exp.column("period_end", "pm").eq(exp.cast(exp.Literal.string(cell.period_end), "DATE")),
    ]
    if cell.breakdown is not None:
        value = exp.Literal.string(cell.breakdown_value or "")
        conditions.append(_dimension(cell.breakdown, month.copy()).eq(value))
    query = located.join(
        "csc_period_months AS pm", on=exp.column("month_end", "pm").eq(month), copy=False
    ).where(exp.and_(*conditions), copy=False)
    return query.sql(dialect=dialect, copy=False)
