"""Rejections only the whole input reveals: a key given twice, a child not in ``ssd_person``, or
a child older than ``AGE_LIMIT`` at the row's event by the date of birth ``ssd_person`` holds;
and the one case where a key given twice is not a mistake: the same child in two statutory returns.

The rows are found with SQL over the staged table (``store.staging``); only the rows found come
back to be worded, so these checks cost memory in proportion to the problems, not the input.

Councils use the same child id in the CIN census, the SSDA903 and Annex A, so a child in need who
is also looked after arrives as an ``ssd_person`` row from each return. Those rows are one child:
they are merged into one (``merge_returns``) instead of the second being rejected as a duplicate.
Each field takes the value of the return that describes the child at the later date (a census's
31 March, a 903 return's year end); on the same date, or where a return's date is unknown, the
order of ``MERGED_FORMATS`` decides; a value missing from the preferred return is filled from the
other. Every disagreement is reported as a ``Conflict`` naming both files and the field. Two
rows for the same child from one return (or from any other format) are still duplicates. Fields
only one return carries need no rule: disability comes from the CIN census alone
(``ssd_disability``), UASC status from the 903 alone (``ssd_immigration_status``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import polars as pl

from csc_scorecard.ingest.report import Conflict, Reason
from csc_scorecard.model.schema import AGE_LIMIT, LA_CODE, Table
from csc_scorecard.model.tables import table_by_name
from csc_scorecard.store.staging import (
    GROUP,
    IDX,
    LOCATION,
    ORDER,
    ROW,
    SRC,
    STAGE,
    apply_merge,
    duplicates,
    grouped_duplicates,
    merge_candidates,
    orphans,
)

PERSON = table_by_name("ssd_person")
"""Where a child's date of birth is: ingest loads it before every table that refers to it."""

DUPLICATE_ORDER = 10_000
ORPHAN_ORDER = DUPLICATE_ORDER + 1
AGE_ORDER = ORPHAN_ORDER + 1
"""Where these checks come among a row's issues: after every check of the row's own values."""


def duplicate_issues(
    con: duckdb.DuckDBPyConnection, table: Table, names: Sequence[str], *, grouped: bool = False
) -> pl.DataFrame:
    """Every row after the first with the same (typed) key; the message names the first row.

    Keys are compared after typing, so ``2024-01-31`` and ``31/01/2024`` are the same date.
    ``names`` are the sources' names, by source index, for a first row in another file. With
    ``grouped``, rows of two different statutory returns (``set_groups``) are not duplicates:
    they are the same child, for ``merge_returns``.
    """
    found = grouped_duplicates(con, table.key) if grouped else duplicates(con, table.key)
    first = pl.col("first_src")
    source = first.replace_strict(dict(enumerate(names)), return_dtype=pl.String)
    elsewhere = pl.when(first != pl.col(SRC)).then(pl.format(" of {}", source))
    message = pl.concat_str(
        pl.lit(f"same key ({', '.join(table.key)}) as row "),
        pl.col("first_row").cast(pl.String),
        elsewhere.fill_null(""),
    )
    field = ", ".join(table.primary_key)
    return _issues(found, DUPLICATE_ORDER, field, Reason.DUPLICATE_KEY, message)


def orphan_issues(con: duckdb.DuckDBPyConnection, person_column: str) -> pl.DataFrame:
    """Rows naming a child who is not in ``ssd_person`` for the row's council."""
    message = pl.lit(f"{person_column} is not a child in ssd_person for this council")
    found = orphans(con, person_column)
    return _issues(found, ORPHAN_ORDER, person_column, Reason.ORPHAN_CHILD, message)


def age_message(table: Table, born: pl.Expr, event: pl.Expr) -> pl.Expr:
    """Why a row's child is too old: the event and the birth date, never the child's id."""
    return pl.format(
        f"{table.age_event} ({{}}) is on or after the child's {AGE_LIMIT + 1}th birthday "
        "(date of birth {})",
        event,
        born,
    )


def age_issues(con: duckdb.DuckDBPyConnection, table: Table) -> pl.DataFrame:
    """Rows whose event falls when the child was older than ``AGE_LIMIT`` (in whole years).

    The date of birth is the one in ``ssd_person`` for the row's council and child (the store's
    table mid-run, holding this run's valid children: ingest loads it first). Rows without an
    event, a known child or a date of birth are not checked (orphans are reported already).
    """
    assert table.person_column is not None and table.age_event is not None
    assert PERSON.birth_date is not None
    person, event = f'"{table.person_column}"', f'"{table.age_event}"'
    born, key = f'"{PERSON.birth_date}"', f'"{PERSON.primary_key[0]}"'
    rel = con.sql(
        f"SELECT s.{IDX}, s.{SRC}, s.{ROW}, s.{LOCATION}, s.{LA_CODE}, "
        f"p.{born} AS born, s.{event} AS event FROM {STAGE} AS s "
        f"JOIN {PERSON.name} AS p ON p.{LA_CODE} = s.{LA_CODE} AND p.{key} = s.{person} "
        f"WHERE s.{event} >= p.{born} + INTERVAL {AGE_LIMIT + 1} YEAR ORDER BY s.{IDX}"
    )
    found = pl.from_arrow(rel.to_arrow_table())
    assert isinstance(found, pl.DataFrame)
    message = age_message(table, pl.col("born"), pl.col("event"))
    return _issues(found, AGE_ORDER, table.age_event, Reason.IMPLAUSIBLE_AGE, message)


def _issues(
    found: pl.DataFrame, order: int, field: str, reason: Reason, message: pl.Expr
) -> pl.DataFrame:
    return found.select(
        IDX,
        pl.lit(order, pl.Int32).alias(ORDER),
        SRC,
        ROW,
        LOCATION,
        LA_CODE,
        pl.lit(field).alias("field"),
        pl.lit(reason.value).alias("reason"),
        message.alias("message"),
    )


MERGED_FORMATS: tuple[str, ...] = ("cin_census", "ssda903", "annex_a")
"""The statutory returns whose rows for the same child are merged, in the order that decides
between two returns describing the child at the same date (or at dates not known)."""


@dataclass(frozen=True)
class ReturnSource:
    """A source of rows from a statutory return: its reader and the date it describes."""

    format: str
    as_of: date | None


def merge_groups(sources: Mapping[int, ReturnSource]) -> dict[int, int]:
    """Each source's merge group (its format's place in ``MERGED_FORMATS``, from 1); empty
    unless at least two different returns are present, when nothing is merged."""
    groups = {
        src: MERGED_FORMATS.index(s.format) + 1
        for src, s in sources.items()
        if s.format in MERGED_FORMATS
    }
    return groups if len(set(groups.values())) > 1 else {}


def merge_returns(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    sources: Mapping[int, ReturnSource],
    names: Sequence[str],
) -> tuple[Conflict, ...]:
    """Merge the staged rows of one child from different returns into the preferred one.

    Runs after the duplicate check (``duplicate_issues(grouped=True)``) and before rows with
    issues are marked: only rows with no issue take part, at most one per return. The row of the
    preferred return is kept (loaded) with every field merged; the others are marked merged.
    """
    rows = merge_candidates(con, table)
    if not rows.height:
        return ()
    fields = [c.name for c in table.all_columns if c.name not in table.key]
    identifiers = {c.name for c in table.all_columns if c.identifier}
    as_of = {src: s.as_of for src, s in sources.items()}
    by_key: dict[tuple[object, ...], list[dict[str, Any]]] = {}
    for row in rows.iter_rows(named=True):
        row["__as_of"] = as_of.get(row[SRC])
        by_key.setdefault(tuple(row[k] for k in table.key), []).append(row)
    kept: list[dict[str, Any]] = []
    merged: list[int] = []
    conflicts: list[Conflict] = []
    for group in by_key.values():
        group.sort(key=_preference)
        taken = {n: next((r for r in group if r[n] is not None), group[0]) for n in fields}
        reasons = _keep_pairs_together(table, taken, names)
        for name, supplier in taken.items():
            for other in group:
                if other[name] is not None and other[name] != supplier[name]:
                    why = reasons.get(name) or _why(supplier, other)
                    quoted = name not in identifiers
                    conflict = _conflict(
                        table, name, supplier, other, why=why, names=names, quoted=quoted
                    )
                    conflicts.append(conflict)
        kept.append({IDX: group[0][IDX], **{n: r[n] for n, r in taken.items()}})
        merged += [r[IDX] for r in group[1:]]
    schema: dict[str, pl.DataType] = {IDX: pl.Int64(), **{n: rows.schema[n] for n in fields}}
    apply_merge(con, pl.DataFrame(kept, schema=schema, orient="row"), merged)
    return tuple(conflicts)


def _preference(row: dict[str, Any]) -> tuple[int, int, int]:
    """Sort key: the later date first (unknown last), then ``MERGED_FORMATS``, then input."""
    when = row["__as_of"]
    return (-when.toordinal() if when else 0, row[GROUP], row[IDX])


def _why(kept: dict[str, Any], other: dict[str, Any]) -> str:
    k, o = kept["__as_of"], other["__as_of"]
    if k and (not o or k > o):
        return f"the later return is preferred ({k} against {o or 'an unknown date'})"
    first, second = (MERGED_FORMATS[r[GROUP] - 1] for r in (kept, other))
    on = f"both describe the child at {k}" if k else "the returns' dates are not known"
    return f"{on}; {first} is preferred to {second}"


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _conflict(
    table: Table,
    name: str,
    kept: dict[str, Any],
    other: dict[str, Any],
    *,
    why: str,
    names: Sequence[str],
    quoted: bool,
) -> Conflict:
    def shown(value: object) -> str:
        if value is None:
            return "no value"
        return f"'{_text(value)}'" if quoted else "a different value"

    return Conflict(
        table.name,
        name,
        names[kept[SRC]],
        kept[ROW],
        shown(kept[name]),
        names[other[SRC]],
        other[ROW],
        shown(other[name]),
        why,
        kept[LOCATION],
        other[LOCATION],
        kept[LA_CODE],
    )


def _keep_pairs_together(
    table: Table, taken: dict[str, dict[str, Any]], names: Sequence[str]
) -> dict[str, str]:
    """Dates that must be in order (birth before death) come from one return when values from
    two would be out of order or too far apart (each return's own pair passed the checks): the
    later date is then taken from the row the earlier came from. Returns why, by field."""
    pairs = list(table.date_order)
    if table.birth_date and table.age_event:
        pairs.append((table.birth_date, table.age_event))
    reasons: dict[str, str] = {}
    for earlier, later in pairs:
        source = taken[earlier]
        start, end = source[earlier], taken[later][later]
        if start is None or end is None or taken[later] is source:
            continue
        too_old = later == table.age_event and end >= _years_after(start, AGE_LIMIT + 1)
        if end >= start and not too_old:
            continue
        taken[later] = source
        reasons[later] = (
            f"{later} is taken with {earlier} from {names[source[SRC]]}: with the other "
            f"return's {later} the two dates could not both be true"
        )
    return reasons


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
