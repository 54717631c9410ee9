"""One synthetic council's canonical tables, as polars frames in canonical column order."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

from csc_scorecard.model.schema import LA_CODE, ColumnType
from csc_scorecard.model.tables import TABLES, table_by_name
from csc_scorecard.synth import (
    assessment,
    care,
    care_assessments,
    care_health,
    care_records,
    early_help,
    front_door,
    leaving_care,
    manual,
    people,
    plans,
    teams,
    workforce,
)
from csc_scorecard.synth.context import Council
from csc_scorecard.synth.journey import simulate
from csc_scorecard.synth.window import RULES, clip

POLARS_TYPES: dict[ColumnType, pl.DataType] = {
    ColumnType.STRING: pl.String(),
    ColumnType.DATE: pl.Date(),
    ColumnType.INTEGER: pl.Int64(),
    ColumnType.DECIMAL: pl.Float64(),
    ColumnType.BOOLEAN: pl.Boolean(),
}
# Tables describing a child rather than an event: kept for the children the other tables hold.
PERSON_TABLES = ("ssd_person", "ssd_disability", "ssd_family")


def canonical(table: str, frame: pl.DataFrame, la_code: str) -> pl.DataFrame:
    """``frame`` with ``la_code`` first, then every canonical column in order and typed.

    Columns the generator does not fill are null.
    """
    spec = table_by_name(table)
    present = set(frame.columns)
    return frame.select(
        (pl.col(c.name) if c.name in present else pl.lit(None))
        .cast(POLARS_TYPES[c.type])
        .alias(c.name)
        if c.name != LA_CODE
        else pl.lit(la_code, pl.String).alias(LA_CODE)
        for c in spec.all_columns
    )


def generate_council(
    council: Council, manual_specs: Sequence[manual.ManualSpec] = ()
) -> dict[str, pl.DataFrame]:
    """Every canonical table for one council, in memory (``TABLES`` order).

    Simulates the council's history from the burn-in years to the window's end, then keeps what an
    extract for the window would hold, and only the children those records mention. Hand-entered
    figures are written for ``manual_specs`` only.
    """
    the_teams = teams.teams_for(council)
    journeys = simulate(council)
    only_dob, only_dates = front_door.contact_only_children(council)
    eh = early_help.early_help_children(council)
    pf_dob, pf_dates = early_help.private_fostering_children(council)
    j = journeys.children
    only_base = j.size
    eh_base = only_base + only_dob.size
    pf_base = eh_base + eh.dob.size
    ppl = people.make_people(
        council,
        np.concatenate([j.dob, only_dob, eh.dob, pf_dob]),
        np.concatenate([j.uasc, np.zeros(pf_base + pf_dob.size - j.size, dtype=bool)]),
        np.concatenate([journeys.arrived, only_dates, eh.start, pf_dates]),
        the_teams.areas,
    )
    periods = care.periods_of_care(council, journeys, ppl)
    args = (council, journeys, ppl, the_teams)
    frames: dict[str, pl.DataFrame] = {
        "ssd_contacts": front_door.contacts_frame(council, journeys, ppl, only_base, only_dates),
        "ssd_cin_episodes": front_door.referral_frame(*args),
        "ssd_cin_assessments": pl.concat(
            [
                assessment.assessments_frame(*args),
                care_assessments.care_assessments_frame(council, periods, ppl, the_teams),
            ]
        ),
        "ssd_s47_enquiry": assessment.s47_frame(*args),
        "ssd_initial_cp_conference": assessment.conference_frame(*args),
        "ssd_cin_plans": plans.cin_plans_frame(*args),
        "ssd_cp_reviews": plans.cp_reviews_frame(council, journeys),
        "ssd_cin_visits": plans.cin_visits_frame(*args),
        "ssd_cp_visits": plans.cp_visits_frame(*args),
        **care.care_frames(council, periods, ppl, the_teams),
        "ssd_cla_reviews": care_records.reviews_frame(council, periods, ppl),
        "ssd_missing": care_health.missing_frame(council, periods, ppl),
        "ssd_cla_health": care_health.health_frame(council, periods),
        "ssd_care_leavers": leaving_care.care_leavers_frame(
            council, periods, ppl, the_teams.leaving_care
        ),
        **early_help.early_help_frames(council, eh, eh_base),
        "csc_private_fostering": early_help.private_fostering_frame(council, pf_dates, pf_base),
        "ssd_immigration_status": people.immigration_frame(council, ppl),
    }
    frames["ssd_cp_plans"] = plans.cp_plans_frame(*args, frames["ssd_cp_reviews"])
    placements = frames["ssd_cla_placement"]
    frames["ssd_permanence"] = care_records.permanence_frame(council, periods, placements)
    period_teams = (
        frames["ssd_cla_episodes"]
        .group_by("clae_cla_id")
        .agg(clav_cla_visit_team=pl.col("clae_cla_team").first())
        .rename({"clae_cla_id": "clav_cla_id"})
    )
    frames["ssd_cla_visits"] = care_records.cla_visits_frame(
        council, periods, ppl, placements, period_teams
    )
    for name, rule_frame in list(frames.items()):
        if name in RULES:
            frames[name] = clip(name, rule_frame, council.start, council.end)
    frames.update(workforce.workforce_frames(council, frames, the_teams))
    frames["ssd_department"] = teams.department_frame(council, the_teams)
    frames["csc_manual_measures"] = manual.manual_measures_frame(council, manual_specs)
    frames["csc_population"] = people.population_frame(council)
    known = _known_children(frames)
    frames["ssd_person"] = people.person_frame(council, ppl).filter(
        pl.col("pers_person_id").is_in(known)
    )
    frames["ssd_disability"] = people.disability_frame(council, ppl).filter(
        pl.col("disa_person_id").is_in(known)
    )
    frames["ssd_family"] = frames["ssd_family"].filter(pl.col("fami_person_id").is_in(known))
    return {t.name: canonical(t.name, frames[t.name], council.la_code) for t in TABLES}


def _known_children(frames: dict[str, pl.DataFrame]) -> pl.Series:
    """Ids of children any event table mentions."""
    ids = [
        frames[t.name][t.person_column]
        for t in TABLES
        if t.person_column is not None and t.name not in PERSON_TABLES and t.name in frames
    ]
    return pl.concat(ids).unique()
