"""Headline figures of a generated council, computed the DfE way with plain polars (test helper)."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from csc_scorecard.model.calendar import working_days_between_arrays


def headline_figures(tables: dict[str, pl.DataFrame], first: date, last: date) -> dict[str, float]:
    """Figures for the year ``first`` to ``last``; rates per 10,000 use the mid-year before's
    estimate of children aged 0-17, as the DfE does."""
    population = (
        tables["csc_population"]
        .filter(pl.col("pop_year") == first.year)["pop_children_0_17"]
        .item()
    )
    per_10k = 10_000 / population

    def in_year(column: str) -> pl.Expr:
        return pl.col(column).is_between(first, last)

    referrals = (
        tables["ssd_cin_episodes"]
        .sort("cine_person_id", "cine_referral_date")
        .with_columns(previous=pl.col("cine_referral_date").shift().over("cine_person_id"))
        .filter(in_year("cine_referral_date"))
    )
    rereferral = pl.col("previous").is_not_null() & (
        pl.col("previous") >= pl.col("cine_referral_date").dt.offset_by("-12mo")
    )
    assessments = tables["ssd_cin_assessments"].filter(in_year("cina_assessment_auth_date"))
    within = working_days_between_arrays(
        assessments["cina_assessment_start_date"].to_numpy(),
        assessments["cina_assessment_auth_date"].to_numpy(),
    )
    conferences = tables["ssd_initial_cp_conference"].filter(in_year("icpc_icpc_date"))
    s47 = tables["ssd_s47_enquiry"]
    timed = conferences.join(s47, left_on="icpc_s47_enquiry_id", right_on="s47e_s47_enquiry_id")
    icpc_days = working_days_between_arrays(
        timed["s47e_s47_start_date"].to_numpy(), timed["icpc_icpc_date"].to_numpy()
    )

    def open_at(start: str, end: str) -> pl.Expr:
        return (pl.col(start) <= last) & (pl.col(end).is_null() | (pl.col(end) > last))

    cp = tables["ssd_cp_plans"].filter(open_at("cppl_cp_plan_start_date", "cppl_cp_plan_end_date"))
    cla = tables["ssd_cla_episodes"].filter(
        open_at("clae_cla_episode_start_date", "clae_cla_episode_ceased_date")
        & ~pl.col("clae_cla_legal_status").is_in(["V3", "V4"])
    )
    year_ago = pl.lit(last).dt.offset_by("-12mo")
    long_stay = cla.filter(pl.col("clae_entered_care_date") <= year_ago)["clae_person_id"]

    def share_with(table: str, person: str, when: str, condition: pl.Expr) -> float:
        done = tables[table].filter(
            condition,
            pl.col(when) > year_ago,
            pl.col(when) <= last,
            pl.col(person).is_in(long_stay),
        )
        return done[person].n_unique() / long_stay.n_unique() * 100

    checked = pl.col("clah_health_check_status") == "C"
    kind = pl.col("clah_health_check_type")
    return {
        "cla_12m_assessment_pct": share_with(
            "ssd_cin_assessments", "cina_person_id", "cina_assessment_auth_date", pl.lit(True)
        ),
        "cla_health_assessment_pct": share_with(
            "ssd_cla_health",
            "clah_person_id",
            "clah_health_check_date",
            checked & kind.is_in(["IHA", "RHA"]),
        ),
        "cla_dental_check_pct": share_with(
            "ssd_cla_health",
            "clah_person_id",
            "clah_health_check_date",
            checked & (kind == "DENTAL"),
        ),
        "referrals_per_10k": referrals.height * per_10k,
        "rereferrals_pct": float(referrals.select(rereferral.mean()).item()) * 100,
        "assessments_per_10k": assessments.height * per_10k,
        "assessments_45wd_pct": float(np.mean(within <= 45)) * 100,
        "s47_per_10k": s47.filter(in_year("s47e_s47_start_date")).height * per_10k,
        "icpc_per_10k": conferences.height * per_10k,
        "icpc_15wd_pct": float(np.mean(icpc_days <= 15)) * 100,
        "cp_per_10k": cp["cppl_person_id"].n_unique() * per_10k,
        "cla_per_10k": cla["clae_person_id"].n_unique() * per_10k,
    }
