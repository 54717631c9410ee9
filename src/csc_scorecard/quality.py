"""Data quality of a store: what ingest rejected, what it loaded, and the gaps councils fix before
a statutory return.

Everything is computed in SQL over the store. Reject messages are reduced to patterns (quoted
values, dates and numbers replaced) before they are counted, so the summary groups alike problems
and carries no value from the data; messages never quote identifiers in the first place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import polars as pl

from csc_scorecard.model import TABLES
from csc_scorecard.model.calendar import calendar_frame
from csc_scorecard.store.ingest_log import REJECTS_TABLE, RUNS_TABLE

TOP_PROBLEMS = 20
ASSESSMENT_WORKING_DAYS = 45  # Working Together 2023: assessment within 45 working days

_COUNCIL = "coalesce(la_code = $la_code, true)"
"""A reject of the council asked for, or of any when none is; one tied to no council (a whole
file refused before its rows were read) counts for every council."""
_BY_REASON = (
    f"SELECT table_name, reason, count(*) FROM {REJECTS_TABLE} WHERE {_COUNCIL} "
    "GROUP BY ALL ORDER BY 3 DESC, 1, 2"
)
_PATTERN = (
    r"regexp_replace(regexp_replace(regexp_replace(message, '''[^'']*''', '''…''', 'g'), "
    r"'\d{4}-\d{2}-\d{2}', 'YYYY-MM-DD', 'g'), '\b\d+\b', 'N', 'g')"
)
_PROBLEMS = (
    f"SELECT table_name, coalesce(field, ''), reason, {_PATTERN} AS pattern, count(*) "
    f"FROM {REJECTS_TABLE} WHERE {_COUNCIL} GROUP BY ALL ORDER BY 5 DESC, 1, 2, 3, 4 LIMIT $top"
)
_BY_FIELD = (
    f"SELECT table_name, coalesce(field, ''), reason, count(*) FROM {REJECTS_TABLE} "
    f"WHERE {_COUNCIL} GROUP BY ALL ORDER BY 4 DESC, 1, 2, 3 LIMIT $top"
)
_RUNS = f"SELECT count(*), max(finished_utc) FROM {RUNS_TABLE}"


@dataclass(frozen=True)
class Check:
    """A completeness check: what it counts and why a council acts on it."""

    id: str
    title: str
    sql: str  # selects la_code, count, out_of
    timed: bool = False  # the SQL takes $1 the as-at date and $2 the working-day limit


CHECKS: tuple[Check, ...] = (
    Check(
        "referrals_no_decision_date",
        "Referrals with no decision date (of all referrals)",
        "SELECT la_code, count(*) FILTER (WHERE cine_referral_decision_date IS NULL), count(*) "
        "FROM ssd_cin_episodes GROUP BY 1",
    ),
    Check(
        "assessments_unauthorised_over_45_wd",
        "Assessments not authorised, started over 45 working days ago (of those not authorised)",
        "SELECT a.la_code, count(*) FILTER (WHERE e.cal_working_day_number - "
        "s.cal_working_day_number > $2), count(*) FROM ssd_cin_assessments a "
        "JOIN __calendar s ON s.cal_date = a.cina_assessment_start_date "
        "JOIN __calendar e ON e.cal_date = $1 "
        "WHERE a.cina_assessment_auth_date IS NULL GROUP BY 1",
        timed=True,
    ),
    Check(
        "cp_plans_no_category",
        "Child protection plans with no category of abuse (of all plans)",
        "SELECT la_code, count(*) FILTER (WHERE coalesce(cppl_cp_plan_latest_category, "
        "cppl_cp_plan_initial_category) IS NULL), count(*) FROM ssd_cp_plans GROUP BY 1",
    ),
    Check(
        "cla_episodes_no_placement",
        "Looked-after episodes with no placement (type) recorded (of all episodes)",
        "SELECT e.la_code, count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM ssd_cla_placement p "
        "WHERE p.la_code = e.la_code AND (p.clap_cla_placement_id = e.clae_cla_placement_id OR "
        "(p.clap_person_id = e.clae_person_id AND p.clap_cla_placement_start_date <= "
        "e.clae_cla_episode_start_date AND coalesce(p.clap_cla_placement_end_date, DATE "
        "'9999-12-31') > e.clae_cla_episode_start_date)))), count(*) "
        "FROM ssd_cla_episodes e GROUP BY 1",
    ),
)


@dataclass(frozen=True)
class RejectCount:
    table: str
    reason: str
    count: int


@dataclass(frozen=True)
class Problem:
    """A kind of problem: the message with values replaced, and how often it occurred."""

    table: str
    field: str
    reason: str
    pattern: str
    count: int


@dataclass(frozen=True)
class FieldCount:
    """Rejected rows of one field for one reason: a problem without its message, for reports
    read beyond the analysts' team (a message may quote what the row held)."""

    table: str
    field: str
    reason: str
    count: int


@dataclass(frozen=True)
class TableRows:
    table: str
    la_code: str
    rows: int


@dataclass(frozen=True)
class CheckResult:
    la_code: str
    check: str
    title: str
    count: int
    out_of: int

    @property
    def share(self) -> float | None:
        return self.count / self.out_of if self.out_of else None


@dataclass(frozen=True)
class QualitySummary:
    """Data quality of one store, as at a date (for checks that depend on elapsed time).

    ``fields`` counts the commonest problems by field alone, without their messages: what a
    report for councillors shows in place of ``problems``.
    """

    as_at: date
    runs: int
    last_run_utc: datetime | None
    rejects: tuple[RejectCount, ...]
    problems: tuple[Problem, ...]
    loaded: tuple[TableRows, ...]
    checks: tuple[CheckResult, ...]
    fields: tuple[FieldCount, ...] = ()

    def frame(self) -> pl.DataFrame:
        """The parts the command prints as one tidy table (``section`` says which), for a CSV
        (not ``fields``: it regroups rejects that ``rejects`` and ``problem`` rows count)."""
        rows = [
            *({"section": "rejects", "table": r.table, "reason": r.reason, "count": r.count}
              for r in self.rejects),
            *({"section": "problem", "table": p.table, "field": p.field, "reason": p.reason,
               "pattern": p.pattern, "count": p.count} for p in self.problems),
            *({"section": "loaded", "table": t.table, "la_code": t.la_code, "count": t.rows}
              for t in self.loaded),
            *({"section": "check", "la_code": c.la_code, "check": c.check, "pattern": c.title,
               "count": c.count, "out_of": c.out_of} for c in self.checks),
        ]  # fmt: skip
        text = ("section", "la_code", "table", "check", "field", "reason", "pattern")
        schema: dict[str, type[pl.DataType]] = dict.fromkeys(text, pl.String)
        return pl.DataFrame(rows, schema=schema | {"count": pl.Int64, "out_of": pl.Int64})


def summarise(db: Path, as_at: date | None = None, la_code: str | None = None) -> QualitySummary:
    """Summarise the store at ``db`` (opened read-only); ``as_at`` defaults to today.

    Args:
        la_code: one council's summary (its rejects, rows and checks, with the rejects tied to
            no council); every council's by default.

    Raises:
        FileNotFoundError: there is no store at ``db``.
    """
    if not db.is_file():
        raise FileNotFoundError(f"no store at {db}")
    day = as_at or date.today()
    council = {"la_code": la_code}
    top = council | {"top": TOP_PROBLEMS}
    con = duckdb.connect(str(db), read_only=True)
    try:
        [(runs, last)] = con.execute(_RUNS).fetchall()
        return QualitySummary(
            as_at=day,
            runs=int(runs),
            last_run_utc=last,
            rejects=tuple(RejectCount(*r) for r in con.execute(_BY_REASON, council).fetchall()),
            problems=tuple(Problem(*r) for r in con.execute(_PROBLEMS, top).fetchall()),
            loaded=tuple(_loaded(con, la_code)),
            checks=tuple(_checks(con, day, la_code)),
            fields=tuple(FieldCount(*r) for r in con.execute(_BY_FIELD, top).fetchall()),
        )
    finally:
        con.close()


def _loaded(con: duckdb.DuckDBPyConnection, la_code: str | None) -> list[TableRows]:
    """Rows loaded per table and council (``la_code``'s only, when given)."""
    out = []
    for table in TABLES:
        rows = con.table(table.name)
        if la_code is not None:
            rows = rows.filter(
                duckdb.ColumnExpression("la_code") == duckdb.ConstantExpression(la_code)
            )
        counts = rows.aggregate("la_code, count(*)", "la_code").order("la_code")
        out += [TableRows(table.name, la, n) for la, n in counts.fetchall()]
    return out


def _checks(con: duckdb.DuckDBPyConnection, day: date, la_code: str | None) -> list[CheckResult]:
    """Each check per council (``la_code``'s only, when given); councils with no rows for a
    check's table are not listed.

    One council's checks are filtered in SQL, so DuckDB reads only its rows: a report per
    council of a national store would otherwise run every council's checks once per council.
    """
    [(first, last)] = con.execute(
        "SELECT least(min(cina_assessment_start_date), $1), "
        "greatest(max(cina_assessment_start_date), $1) FROM ssd_cin_assessments",
        [day],
    ).fetchall()
    calendar = calendar_frame(first - timedelta(days=1), last)
    con.register("__calendar", calendar.to_arrow())
    try:
        found = []
        for check in CHECKS:
            params: list[object] = [day, ASSESSMENT_WORKING_DAYS] if check.timed else []
            sql = check.sql
            if la_code is not None:
                params.append(la_code)
                sql = f"SELECT * FROM ({sql}) WHERE la_code = ${len(params)}"
            found += [
                CheckResult(la, check.id, check.title, int(n), int(of))
                for la, n, of in con.execute(sql, params).fetchall()
            ]
        return found
    finally:
        con.unregister("__calendar")
