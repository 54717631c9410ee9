"""Time the engine: the full catalogue for every month end and period kind, and five headline
indicators against a straightforward pandas loop over months and a bare DuckDB scan (the floor).

Run: ``.venv/bin/python benchmarks/engine.py [--councils N] [--children N] [--years N]
[--store PATH] [--engines spark,postgresql://...] [--profile]``. Without ``--store`` it
synthesises and ingests a data set first (not timed here: see ``synth_ingest.py``).
``--engines`` also times the full catalogue on Spark (fed the store) and on a PostgreSQL
database holding the store's canonical tables; ``--profile`` prints the time of each source view
and batch of the full catalogue. Each measured step runs in its own child process, so "peak MB"
is that process's peak resident memory (``ru_maxrss``); imports are not timed.

"engine, 5 indicators" computes them with their own breakdowns (team, service...); "engine, 5,
whole council" computes what the pandas loop computes, whole-council figures (for all eight
period kinds, where the loop does five).
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

END_MONTH = date(2026, 9, 30)
FIVE = [
    "referrals_rate_per_10k",
    "re_referrals_12m_pct",
    "assessments_45wd_pct",
    "cp_rate_per_10k",
    "cla_rate_per_10k",
]
EVENT_KINDS = {"month": 1, "rolling_3m": 3, "rolling_6m": 6, "rolling_12m": 12}


def _engine(
    store: Path,
    ids: list[str] | None,
    engine: str = "duckdb",
    breakdowns: list[str] | None = None,
) -> int:
    from csc_scorecard.engine.run import compute_store  # noqa: PLC0415 - only in the child

    computed = compute_store(
        store, all_months=True, indicator_ids=ids, engine=engine, breakdowns=breakdowns
    )
    return computed.height


def _month_ends(first: pd.Timestamp, last: pd.Timestamp) -> list[pd.Timestamp]:
    return list(pd.date_range(first, last, freq="ME"))


def _pandas_loop(store: Path) -> int:
    """The five indicators as an analyst might write them: load the rows, then for every month
    end and period length filter and count (whole council only, no breakdowns)."""
    from csc_scorecard.model.calendar import working_days_between_arrays  # noqa: PLC0415

    con = duckdb.connect(str(store), read_only=True)
    refs = con.sql(
        "SELECT la_code, cine_person_id AS person, cine_referral_date AS day FROM ssd_cin_episodes"
    ).df()
    assessments = con.sql(
        "SELECT la_code, cina_assessment_start_date AS start, cina_assessment_auth_date AS auth "
        "FROM ssd_cin_assessments WHERE cina_assessment_auth_date IS NOT NULL"
    ).df()
    plans = con.sql(
        "SELECT la_code, cppl_person_id AS person, cppl_cp_plan_start_date AS start, "
        "cppl_cp_plan_end_date AS stop FROM ssd_cp_plans"
    ).df()
    episodes = con.sql(
        "SELECT la_code, clae_person_id AS person, clae_cla_episode_start_date AS start, "
        "clae_cla_episode_ceased_date AS stop FROM ssd_cla_episodes "
        "WHERE clae_cla_legal_status NOT IN ('V3', 'V4')"
    ).df()
    population = con.sql("SELECT la_code, pop_year, pop_children_0_17 FROM csc_population").df()
    con.close()
    for frame, columns in ((refs, ["day"]), (assessments, ["start", "auth"])):
        for column in columns:
            frame[column] = pd.to_datetime(frame[column])
    for frame in (plans, episodes):
        frame["start"] = pd.to_datetime(frame["start"])
        frame["stop"] = pd.to_datetime(frame["stop"])
    refs = refs.sort_values(["la_code", "person", "day"])
    previous = refs.groupby(["la_code", "person"])["day"].shift()
    refs["rereferral"] = previous >= refs["day"] - pd.DateOffset(months=12)
    assessments["within"] = (
        working_days_between_arrays(
            assessments["start"].to_numpy("datetime64[D]"),
            assessments["auth"].to_numpy("datetime64[D]"),
        )
        <= 45
    )
    figures = 0
    ends = _month_ends(refs["day"].min(), refs["day"].max())
    for la_code in sorted(refs["la_code"].unique()):
        pop = population[population["la_code"] == la_code].set_index("pop_year")[
            "pop_children_0_17"
        ]
        r, a = refs[refs["la_code"] == la_code], assessments[assessments["la_code"] == la_code]
        p, e = plans[plans["la_code"] == la_code], episodes[episodes["la_code"] == la_code]
        for end in ends:
            year = end.year + (1 if end.month >= 4 else 0) - 1
            children = float(pop.get(year, pop.iloc[-1]))
            for months in EVENT_KINDS.values():
                start = end - pd.DateOffset(months=months) + pd.Timedelta(days=1)
                in_r = r[(r["day"] >= start) & (r["day"] <= end)]
                in_a = a[(a["auth"] >= start) & (a["auth"] <= end)]
                _ = len(in_r) * 12 / months / children * 10_000
                _ = in_r["rereferral"].mean() if len(in_r) else np.nan
                _ = in_a["within"].mean() if len(in_a) else np.nan
                figures += 3
            for spells in (p, e):
                open_at = spells[
                    (spells["start"] <= end) & (spells["stop"].isna() | (spells["stop"] > end))
                ]
                _ = open_at["person"].nunique() / children * 10_000
                figures += 1
    return figures


def _bare_scan(store: Path) -> int:
    """Read the same rows and columns once, computing nothing: the floor."""
    con = duckdb.connect(str(store), read_only=True)
    total = 0
    for sql in (
        "SELECT COUNT(*), MIN(cine_referral_date), COUNT(DISTINCT cine_person_id) "
        "FROM ssd_cin_episodes",
        "SELECT COUNT(*), MIN(cina_assessment_start_date), MAX(cina_assessment_auth_date) "
        "FROM ssd_cin_assessments",
        "SELECT COUNT(*), COUNT(DISTINCT cppl_person_id), MAX(cppl_cp_plan_end_date) "
        "FROM ssd_cp_plans",
        "SELECT COUNT(*), COUNT(DISTINCT clae_person_id), MAX(clae_cla_episode_ceased_date) "
        "FROM ssd_cla_episodes",
    ):
        total += int(con.sql(sql).fetchall()[0][0])
    con.close()
    return total


STEPS = {
    "full catalogue": lambda store: _engine(store, None),
    "engine, 5 indicators": lambda store: _engine(store, FIVE),
    "engine, 5, whole council": lambda store: _engine(store, FIVE, breakdowns=[]),
    "pandas loop, 5 indicators": _pandas_loop,
    "bare scan of their rows": _bare_scan,
}


def _measure(step: str, store: Path, engine: str | None) -> dict[str, float]:
    importlib.import_module("csc_scorecard.engine.run")  # not timed, as pandas' import is not
    started = time.perf_counter()
    figures = _engine(store, None, engine) if engine else STEPS[step](store)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"figures": figures, "seconds": seconds, "peak_mb": peak_mb}


def _in_child(
    step: str, store: Path, engine: str | None = None, *, profile: bool = False
) -> dict[str, float]:
    command = [sys.executable, __file__, "--step", step, "--store", str(store)]
    command += ["--engine", engine] if engine else []
    command += ["--profile"] if profile else []
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    if profile:
        print(result.stderr, end="", file=sys.stderr)
    measured: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


def _build_store(folder: Path, councils: int, children: int, years: int) -> Path:
    from csc_scorecard.synth import synthesise_store  # noqa: PLC0415

    built = synthesise_store(
        folder, children=children, councils=councils, years=years, end_month=END_MONTH
    )
    if built.ingest_report.rows_rejected:
        raise SystemExit(f"ingest rejected {built.ingest_report.rows_rejected} rows")
    return built.path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=1)
    parser.add_argument("--children", type=int, default=60_000, help="total aged 0-17")
    parser.add_argument("--years", type=int, default=6)
    parser.add_argument("--store", type=Path, help="an ingested store to use as it is")
    parser.add_argument(
        "--engines",
        default="",
        help="also time the full catalogue on these engines, comma-separated: spark (fed the "
        "store), or a postgresql:// URL of a database holding the store's canonical tables",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="print the time of each source view and batch of the full catalogue (stderr)",
    )
    parser.add_argument("--step", choices=list(STEPS), help=argparse.SUPPRESS)
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        if args.profile:
            logging.basicConfig(format="  %(message)s", stream=sys.stderr)
            logging.getLogger("csc_scorecard.engine.compute").setLevel(logging.DEBUG)
        print(json.dumps(_measure(args.step, args.store, args.engine)))
        return
    with tempfile.TemporaryDirectory() as temp:
        store = args.store or _build_store(Path(temp), args.councils, args.children, args.years)
        print(f"{'step':<28} {'figures':>10} {'seconds':>9} {'peak MB':>9}")
        for step in STEPS:
            _print(step, _in_child(step, store, profile=args.profile and step == "full catalogue"))
        for engine in filter(None, args.engines.split(",")):
            name = "postgres" if engine.startswith("postgres") else engine
            _print(f"full catalogue, {name}", _in_child("full catalogue", store, engine))


def _print(step: str, m: dict[str, float]) -> None:
    print(f"{step:<28} {int(m['figures']):>10,} {m['seconds']:>9.2f} {m['peak_mb']:>9,.0f}")


if __name__ == "__main__":
    main()
