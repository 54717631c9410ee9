"""Social workers, their allocations to children, and monthly workforce snapshots per team.

Allocations are derived from the case tables themselves (an assessment, a plan or a period of care
is a spell of work for one worker), so caseloads in ``csc_workforce_monthly`` add up to the
children the other tables show open. Teams are sized for about 16 children a social worker (60 an
IRO); about a quarter of posts are filled by agency workers and a few allocated workers are
unqualified.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from csc_scorecard.synth.context import Council, month_ends, pick
from csc_scorecard.synth.teams import Teams

CASES_PER_WORKER = 16
# IROs chair reviews rather than hold casework: the IRO handbook suggests 50-70 children each.
IRO_CASES_PER_WORKER = 60
UNQUALIFIED_SHARE = 0.08
TITLES = {"Social Worker": 0.55, "Senior Social Worker": 0.3, "Advanced Practitioner": 0.15}
SPELL = ["person", "team", "role", "start", "end"]


def _spells(tables: dict[str, pl.DataFrame], teams: Teams) -> pl.DataFrame:
    """Spells of allocated work, one per assessment, plan, period of care and care leaver."""
    t = tables

    def spell(
        name: str, person: str, team: str | pl.Expr, *, start: str, end: str, role: str
    ) -> pl.DataFrame:
        return t[name].select(
            person=person, team=team if isinstance(team, pl.Expr) else pl.col(team),
            role=pl.lit(role), start=start, end=end,
        )  # fmt: skip

    cla = (
        t["ssd_cla_episodes"]
        .group_by("clae_cla_id")
        .agg(
            pl.col("clae_person_id").first(),
            pl.col("clae_cla_team").first(),
            pl.col("clae_cla_episode_start_date").min(),
            pl.when(pl.col("clae_cla_episode_ceased_date").is_null().any())
            .then(None)
            .otherwise(pl.col("clae_cla_episode_ceased_date").max())
            .alias("end"),
            pl.col("clae_cla_legal_status").is_in(["V3", "V4"]).all().alias("short_break"),
        )
        .filter(~pl.col("short_break"))
    )
    leavers = (
        t["ssd_care_leavers"]
        .group_by("clea_person_id")
        .agg(
            start=pl.col("clea_care_leaver_latest_contact").min(),
            end=pl.col("clea_care_leaver_latest_contact").max(),
        )
    )
    reviewing = pl.lit(teams.reviewing)
    frames = [
        spell(
            "ssd_cin_assessments",
            "cina_person_id",
            "cina_assessment_team",
            start="cina_assessment_start_date",
            end="cina_assessment_auth_date",
            role="SW",
        ),
        spell(
            "ssd_cin_plans",
            "cinp_person_id",
            "cinp_cin_plan_team",
            start="cinp_cin_plan_start_date",
            end="cinp_cin_plan_end_date",
            role="SW",
        ),
        spell(
            "ssd_cp_plans",
            "cppl_person_id",
            "cppl_cp_plan_team",
            start="cppl_cp_plan_start_date",
            end="cppl_cp_plan_end_date",
            role="SW",
        ),
        spell(
            "ssd_cp_plans",
            "cppl_person_id",
            reviewing,
            start="cppl_cp_plan_start_date",
            end="cppl_cp_plan_end_date",
            role="IRO",
        ),
        cla.select(
            person="clae_person_id",
            team="clae_cla_team",
            role=pl.lit("SW"),
            start="clae_cla_episode_start_date",
            end="end",
        ),
        cla.select(
            person="clae_person_id",
            team=reviewing,
            role=pl.lit("IRO"),
            start="clae_cla_episode_start_date",
            end="end",
        ),
        leavers.select(
            person="clea_person_id",
            team=pl.lit(teams.leaving_care),
            role=pl.lit("PA"),
            start="start",
            end="end",
        ),
    ]
    return pl.concat(frames).sort("team", "start", "person", "role")


def workforce_frames(
    council: Council, tables: dict[str, pl.DataFrame], teams: Teams
) -> dict[str, pl.DataFrame]:
    """``ssd_professionals``, ``ssd_involvements`` and ``csc_workforce_monthly``."""
    rng = council.rng("workforce")
    spells = _spells(tables, teams)
    months = month_ends(council.start, council.end)
    team_names = [name for _, name in teams.services()]
    team = np.array([team_names.index(x) for x in spells["team"].to_list()], dtype=np.int64)
    start = spells["start"].to_numpy().astype("datetime64[D]")
    end = spells["end"].to_numpy().astype("datetime64[D]")
    open_at = [(start <= m) & ~(end <= m) for m in months]
    peak = np.max([np.bincount(team[o], minlength=len(team_names)) for o in open_at], axis=0)
    per_worker = np.where(
        np.array(team_names) == teams.reviewing, IRO_CASES_PER_WORKER, CASES_PER_WORKER
    )
    pool = np.maximum(1, np.ceil(peak / per_worker)).astype(np.int64)
    first_worker = np.cumsum(pool) - pool
    worker = first_worker[team] + np.floor(rng.random(team.size) * pool[team]).astype(np.int64)
    workers = int(pool.sum())
    worker_team = np.repeat(np.arange(len(team_names)), pool)
    role = np.where(np.array(team_names)[worker_team] == teams.reviewing, "IRO", "SW")
    qualified = (role == "IRO") | (rng.random(workers) > UNQUALIFIED_SHARE)
    agency = rng.random(workers) < council.profile.agency_share
    title = np.where(role == "IRO", "Independent Reviewing Officer", pick(rng, TITLES, workers))
    title = np.where(
        np.array(team_names)[worker_team] == teams.leaving_care, "Personal Adviser", title
    )
    title = np.where(qualified, title, "Social Work Assistant")
    professionals = pl.DataFrame(
        {
            "prof_professional_id": council.ids("W", np.arange(workers), width=5),
            "prof_social_worker_registration_no": council.ids(
                "SWE", np.arange(workers), width=6, present=qualified
            ),
            "prof_professional_job_title": title,
            "prof_professional_department": np.array(team_names)[worker_team],
            "prof_agency_worker_flag": agency,
        }
    )
    involvements = pl.DataFrame(
        {
            "invo_involvements_id": council.ids("V", np.arange(team.size), width=8),
            "invo_professional_id": council.ids("W", worker, width=5),
            "invo_professional_role_id": spells["role"],
            "invo_professional_team": spells["team"],
            "invo_involvement_start_date": start,
            "invo_involvement_end_date": end,
            "invo_person_id": spells["person"],
        }
    )
    return {
        "ssd_professionals": professionals,
        "ssd_involvements": involvements,
        "csc_workforce_monthly": _monthly(
            council,
            rng=rng,
            months=months,
            open_at=open_at,
            worker=worker,
            worker_team=worker_team,
            agency=agency,
            team_names=team_names,
            teams=teams,
        ),
    }


def _monthly(
    council: Council,
    *,
    rng: np.random.Generator,
    months: np.ndarray,
    open_at: list[np.ndarray],
    worker: np.ndarray,
    worker_team: np.ndarray,
    agency: np.ndarray,
    team_names: list[str],
    teams: Teams,
) -> pl.DataFrame:
    """One row per case-holding team and month end: posts, agency, vacancies, caseloads."""
    case_teams = [i for i, name in enumerate(team_names) if not name.startswith("Early Help")]
    rows = []
    for month, is_open in zip(months, open_at, strict=True):
        cases = np.bincount(worker[is_open], minlength=worker_team.size)
        for t in case_teams:
            mine = worker_team == t
            headcount = int((cases[mine] > 0).sum()) or int(mine.sum())
            filled = round(headcount * rng.uniform(0.9, 1.0), 1)
            vacancies = round(filled * rng.uniform(0.05, 0.2), 1)
            rows.append(
                {
                    "wkf_month_end": month.astype(date),
                    "wkf_team": team_names[t],
                    "wkf_role": "IRO" if team_names[t] == teams.reviewing else "SW",
                    "wkf_posts_fte": round(filled + vacancies, 1),
                    "wkf_filled_fte": filled,
                    "wkf_agency_fte": round(filled * agency[mine].mean(), 1),
                    "wkf_vacancies_fte": vacancies,
                    "wkf_caseload_total": int(cases[mine].sum()),
                    "wkf_caseload_max": int(cases[mine].max()),
                    "wkf_headcount": headcount,
                }
            )
    return pl.DataFrame(rows)
