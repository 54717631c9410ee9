"""Cut the simulated history down to what a council's extract for the window would hold.

A record is written when it is open on or after the window's first day and began by its last day;
anything dated after the last day has not happened yet, so its date (and what depends on it, such
as a closure reason) is left empty: an episode still open, a visit not yet done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from csc_scorecard.model.schema import ColumnType
from csc_scorecard.model.tables import table_by_name


@dataclass(frozen=True)
class WindowRule:
    """How one table meets the window.

    Attributes:
        start: the date the record begins (an event's only date).
        end: the date it ends, if it is a spell; open spells are kept whatever their start.
        with_end: columns only known once the spell has ended (closure reason...).
    """

    start: str
    end: str | None = None
    with_end: tuple[str, ...] = ()


RULES: dict[str, WindowRule] = {
    "ssd_contacts": WindowRule("cont_contact_date"),
    "ssd_cin_episodes": WindowRule("cine_referral_date", "cine_close_date", ("cine_close_reason",)),
    "ssd_cin_assessments": WindowRule(
        "cina_assessment_start_date", "cina_assessment_auth_date", ("cina_assessment_outcome_nfa",)
    ),
    "ssd_s47_enquiry": WindowRule("s47e_s47_start_date", "s47e_s47_end_date", ("s47e_s47_nfa",)),
    "ssd_initial_cp_conference": WindowRule("icpc_icpc_date"),
    "ssd_cin_plans": WindowRule("cinp_cin_plan_start_date", "cinp_cin_plan_end_date"),
    "ssd_cp_plans": WindowRule("cppl_cp_plan_start_date", "cppl_cp_plan_end_date"),
    "ssd_cp_reviews": WindowRule("cppr_cp_review_date"),
    "ssd_cla_episodes": WindowRule(
        "clae_cla_episode_start_date",
        "clae_cla_episode_ceased_date",
        ("clae_cla_episode_ceased_reason",),
    ),
    "ssd_cla_placement": WindowRule("clap_cla_placement_start_date", "clap_cla_placement_end_date"),
    "ssd_cla_reviews": WindowRule("clar_cla_review_date"),
    "ssd_cin_visits": WindowRule("cinv_cin_visit_due_date"),
    "ssd_cp_visits": WindowRule("cppv_cp_visit_due_date"),
    "ssd_cla_visits": WindowRule("clav_cla_visit_due_date"),
    "ssd_missing": WindowRule("miss_missing_episode_start_date"),
    "ssd_cla_health": WindowRule("clah_health_check_requested_date"),
    "ssd_care_leavers": WindowRule("clea_care_leaver_latest_contact"),
    "ssd_permanence": WindowRule("perm_adm_decision_date", "perm_permanence_order_date"),
    "ssd_early_help_episodes": WindowRule("earl_episode_start_date", "earl_episode_end_date"),
    "csc_private_fostering": WindowRule("pfos_notification_date", "pfos_end_date"),
    "ssd_immigration_status": WindowRule(
        "immi_immigration_status_start_date", "immi_immigration_status_end_date"
    ),
}


def clip(table: str, frame: pl.DataFrame, first: date, last: date) -> pl.DataFrame:
    """The rows of ``frame`` the window holds, with future dates emptied."""
    rule = RULES[table]
    dates = [
        c.name
        for c in table_by_name(table).columns
        if c.type is ColumnType.DATE and c.name in frame.columns
    ]
    begun = pl.col(rule.start).is_null() | (pl.col(rule.start) <= last)
    if rule.end is None:
        current = pl.col(rule.start) >= first
    else:
        current = pl.col(rule.end).is_null() | (pl.col(rule.end) >= first)
    kept = frame.filter(begun & current)
    if rule.end is not None:
        ended = pl.col(rule.end) <= last
        kept = kept.with_columns(pl.when(ended).then(pl.col(c)).alias(c) for c in rule.with_end)
    kept = kept.with_columns(pl.when(pl.col(c) <= last).then(pl.col(c)).alias(c) for c in dates)
    return kept.filter(pl.any_horizontal(pl.col(c).is_not_null() for c in dates))
