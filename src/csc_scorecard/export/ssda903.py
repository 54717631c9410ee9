"""Write one council's SSDA903 tables for one collection year from the canonical tables.

The year is the one ending 31 March ``year``. As in the DfE return: episodes open at any point in
the year (an end after 31 March is not yet known, so it is left blank), the children they belong
to, and those children's reviews, missing episodes, UASC status and social worker episodes in
the year; OC2 for children looked after continuously for 12 months at 31 March (short breaks
aside); OC3 for care leavers whose 17th to 21st birthday falls in the year; AD1 for children
adopted in the year and PlacedAdoption for decisions open in it. Items the model does not hold
(UPN, postcodes, SDQ, previous permanence) are written blank, so the set suits round trips and
sharing a council's history, not submission.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from csc_scorecard.model import table_by_name
from csc_scorecard.model.schema import LA_CODE, ColumnType

Source = Mapping[str, pl.DataFrame] | duckdb.DuckDBPyConnection
"""The canonical tables: frames by table name (typed or text), or a store connection."""

SEX = {"M": "1", "F": "2"}
_SHORT_BREAKS = ("V3", "V4")


def export_ssda903(source: Source, la_code: str, year: int, folder: Path) -> dict[str, Path]:
    """Write the 903 CSV tables for ``la_code``'s year to 31 March ``year`` into ``folder``.

    Returns the files written, by 903 table name.
    """
    first, last = date(year - 1, 4, 1), date(year, 3, 31)
    t = {name: _load(source, name, la_code) for name in _TABLES}
    eps = _episodes(t["ssd_cla_episodes"], t["ssd_cla_placement"], first, last)
    children = eps.select(pl.col("CHILD").unique())
    people = t["ssd_person"].select(
        pl.col("pers_person_id").alias("CHILD"),
        pl.col("pers_sex").replace(SEX).alias("SEX"),
        pl.col("pers_dob").alias("DOB"),
        pl.col("pers_ethnicity").alias("ETHNIC"),
    )
    header = children.join(people, on="CHILD", how="left").sort("CHILD")
    dob = header.select("CHILD", "DOB")
    out = {
        "header": header.with_columns(_blank("UPN", "MOTHER", "MC_DOB")),
        "episodes": eps.drop("__order"),
        "uasc": _uasc(t["ssd_immigration_status"], header),
        "reviews": _reviews(t["ssd_cla_reviews"], dob, first, last),
        "missing": _missing(t["ssd_missing"], dob, first, last),
        "oc2": _oc2(t["ssd_cla_health"], eps, dob, first, last),
        "oc3": _oc3(t["ssd_care_leavers"], people, last),
        "ad1": _ad1(t["ssd_permanence"], dob, first, last),
        "placed_adoption": _placed(t["ssd_permanence"], dob, first, last),
        "sw_episodes": _sw(t["ssd_involvements"], dob, first, last),
    }
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, frame in out.items():
        path = folder / f"{name}.csv"
        frame.write_csv(path, date_format="%d/%m/%Y")
        written[name] = path
    return written


_TABLES = (
    "ssd_person",
    "ssd_cla_episodes",
    "ssd_cla_placement",
    "ssd_immigration_status",
    "ssd_cla_reviews",
    "ssd_missing",
    "ssd_cla_health",
    "ssd_care_leavers",
    "ssd_permanence",
    "ssd_involvements",
)


def _load(source: Source, name: str, la_code: str) -> pl.DataFrame:
    """One council's rows of a canonical table, typed as the model declares."""
    table = table_by_name(name)
    if isinstance(source, duckdb.DuckDBPyConnection):
        rel = source.table(name).filter(duckdb.ColumnExpression(LA_CODE) == la_code)
        read = pl.from_arrow(rel.to_arrow_table())
        assert isinstance(read, pl.DataFrame)
        frame = read
    else:
        schema = {c.name: pl.String for c in table.all_columns}
        frame = source.get(name, pl.DataFrame(schema=schema))
        frame = frame.filter(pl.col(LA_CODE) == la_code)
    frame = frame.with_columns(
        pl.lit(None, pl.String).alias(c.name) for c in table.all_columns if c.name not in frame
    )
    typed = []
    for c in table.all_columns:
        if c.type is ColumnType.DATE:
            typed.append(pl.col(c.name).cast(pl.String).str.to_date("%Y-%m-%d", strict=False))
        elif c.type is ColumnType.BOOLEAN:
            typed.append(pl.col(c.name).cast(pl.String).str.to_lowercase().is_in(["true", "1"]))
        else:
            typed.append(pl.col(c.name).cast(pl.String))
    return frame.select(typed)


def _blank(*columns: str) -> list[pl.Expr]:
    return [pl.lit(None, pl.String).alias(c) for c in columns]


def _open_in(start: str, end: str, first: date, last: date) -> pl.Expr:
    return (pl.col(start) <= last) & (pl.col(end).is_null() | (pl.col(end) >= first))


def _within(column: str, first: date, last: date) -> pl.Expr:
    return pl.col(column).is_between(first, last)


def _episodes(eps: pl.DataFrame, placements: pl.DataFrame, first: date, last: date) -> pl.DataFrame:
    """Episodes open in the year, with their placement's details; later ends are unknown yet."""
    place = placements.select(
        pl.col("clap_cla_placement_id").alias("clae_cla_placement_id"),
        pl.col("clap_cla_placement_type").alias("PLACE"),
        pl.col("clap_cla_placement_provider").alias("PLACE_PROVIDER"),
        pl.col("clap_cla_placement_urn").alias("URN"),
        pl.col("clap_cla_placement_change_reason").alias("__change"),
        pl.col("clap_cla_placement_end_date").alias("__placement_end"),
    )
    ended_later = pl.col("clae_cla_episode_ceased_date") > last
    # The placement's change reason belongs on the episode that ends the placement.
    ends_placement = pl.col("clae_cla_episode_ceased_date") == pl.col("__placement_end")
    return (
        eps.filter(
            _open_in("clae_cla_episode_start_date", "clae_cla_episode_ceased_date", first, last)
        )
        .join(place, on="clae_cla_placement_id", how="left")
        .select(
            pl.col("clae_person_id").alias("CHILD"),
            pl.col("clae_cla_episode_start_date").alias("DECOM"),
            pl.col("clae_cla_episode_start_reason").alias("RNE"),
            pl.col("clae_cla_legal_status").alias("LS"),
            pl.col("clae_cla_primary_need_code").alias("CIN"),
            pl.col("PLACE"),
            pl.col("PLACE_PROVIDER"),
            pl.when(~ended_later).then(pl.col("clae_cla_episode_ceased_date")).alias("DEC"),
            pl.when(~ended_later).then(pl.col("clae_cla_episode_ceased_reason")).alias("REC"),
            pl.when(~ended_later & ends_placement).then("__change").alias("REASON_PLACE_CHANGE"),
            *_blank("HOME_POST", "PL_POST"),
            pl.col("URN"),
            pl.col("clae_cla_episode_start_date").alias("__order"),
        )
        .sort("CHILD", "__order")
    )


def _uasc(status: pl.DataFrame, header: pl.DataFrame) -> pl.DataFrame:
    uasc = status.filter(pl.col("immi_immigration_status") == "UASC")
    duc = uasc.group_by("immi_person_id").agg(
        pl.col("immi_immigration_status_end_date").max().alias("DUC")
    )
    return header.select("CHILD", "SEX", "DOB").join(
        duc, left_on="CHILD", right_on="immi_person_id", how="inner"
    )


def _reviews(reviews: pl.DataFrame, dob: pl.DataFrame, first: date, last: date) -> pl.DataFrame:
    rows = reviews.filter(_within("clar_cla_review_date", first, last)).select(
        pl.col("clar_person_id").alias("CHILD"),
        pl.col("clar_cla_review_date").alias("REVIEW"),
        pl.col("clar_cla_review_participation").alias("REVIEW_CODE"),
    )
    return dob.join(rows, on="CHILD").sort("CHILD", "REVIEW")


def _missing(missing: pl.DataFrame, dob: pl.DataFrame, first: date, last: date) -> pl.DataFrame:
    start, end = "miss_missing_episode_start_date", "miss_missing_episode_end_date"
    rows = missing.filter(_open_in(start, end, first, last)).select(
        pl.col("miss_person_id").alias("CHILD"),
        pl.col("miss_missing_episode_type").alias("MISSING"),
        pl.col(start).alias("MIS_START"),
        pl.when(pl.col(end) <= last).then(pl.col(end)).alias("MIS_END"),
    )
    return dob.join(rows, on="CHILD").sort("CHILD", "MIS_START")


def _oc2(
    health: pl.DataFrame, eps: pl.DataFrame, dob: pl.DataFrame, first: date, last: date
) -> pl.DataFrame:
    """Children looked after for 12 months at 31 March; 1 where the check was done in the year."""
    year_ago = date(last.year - 1, last.month, last.day)
    care = eps.filter(~pl.col("LS").is_in(_SHORT_BREAKS))
    in_care = care.group_by("CHILD").agg(
        pl.col("DECOM").min().alias("since"),
        (pl.col("DEC").is_null() & (pl.col("DECOM") <= last)).any().alias("open"),
    )
    cohort = in_care.filter(pl.col("open") & (pl.col("since") <= year_ago)).select("CHILD")
    done = health.filter(
        (pl.col("clah_health_check_status") == "C") & _within("clah_health_check_date", first, last)
    )

    def flag(kinds: tuple[str, ...], name: str) -> pl.DataFrame:
        ids = done.filter(pl.col("clah_health_check_type").is_in(kinds))["clah_person_id"]
        return cohort.select(
            "CHILD", pl.col("CHILD").is_in(ids.implode()).cast(pl.Int8).alias(name)
        )

    rows = flag(("IHA", "RHA"), "HEALTH_ASSESSMENT").join(
        flag(("DENTAL",), "TEETH_CHECK"), on="CHILD"
    )
    return dob.join(rows, on="CHILD").sort("CHILD")


def _oc3(leavers: pl.DataFrame, people: pl.DataFrame, last: date) -> pl.DataFrame:
    """Care leavers whose 17th-21st birthday is in the year: their latest status by 31 March."""
    status = leavers.join(people, left_on="clea_person_id", right_on="CHILD").with_columns(
        (
            pl.lit(last.year)
            - pl.col("DOB").dt.year()
            - (pl.col("DOB").dt.month() >= 4).cast(pl.Int32)
        ).alias("__age"),
    )
    in_year = status.filter(pl.col("__age").is_between(17, 21))
    latest = (
        in_year.filter(pl.col("clea_care_leaver_latest_contact") <= last)
        .sort("clea_care_leaver_latest_contact", "clea_table_id")
        .group_by("clea_person_id")
        .last()
    )
    suitable = pl.col("clea_care_leaver_accom_suitable")
    digit = pl.when(suitable).then(pl.lit("1")).otherwise(pl.lit("2"))
    accom = pl.col("clea_care_leaver_accommodation") + digit
    return latest.select(
        pl.col("clea_person_id").alias("CHILD"),
        pl.col("DOB"),
        pl.col("clea_care_leaver_in_touch").alias("IN_TOUCH"),
        pl.col("clea_care_leaver_activity").alias("ACTIV"),
        accom.alias("ACCOM"),
    ).sort("CHILD")


def _ad1(perm: pl.DataFrame, dob: pl.DataFrame, first: date, last: date) -> pl.DataFrame:
    adopted = perm.filter(
        (pl.col("perm_permanence_order_type") == "ADO")
        & _within("perm_permanence_order_date", first, last)
    ).select(
        pl.col("perm_person_id").alias("CHILD"),
        pl.col("perm_adm_decision_date").alias("DATE_INT"),
        pl.col("perm_matched_date").alias("DATE_MATCH"),
        *_blank("FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
    )
    return dob.join(adopted, on="CHILD").sort("CHILD")


def _placed(perm: pl.DataFrame, dob: pl.DataFrame, first: date, last: date) -> pl.DataFrame:
    decided = perm.filter(
        (pl.col("perm_adm_decision_date") <= last)
        & (
            pl.col("perm_decision_reversed_date").is_null()
            | (pl.col("perm_decision_reversed_date") >= first)
        )
    ).select(
        pl.col("perm_person_id").alias("CHILD"),
        pl.col("perm_adm_decision_date").alias("DATE_PLACED"),
        pl.col("perm_decision_reversed_date").alias("DATE_PLACED_CEASED"),
        pl.col("perm_decision_reversed_reason").alias("REASON_PLACED_CEASED"),
    )
    return dob.join(decided, on="CHILD").sort("CHILD", "DATE_PLACED")


def _sw(invo: pl.DataFrame, dob: pl.DataFrame, first: date, last: date) -> pl.DataFrame:
    start, end = "invo_involvement_start_date", "invo_involvement_end_date"
    rows = invo.filter(
        (pl.col("invo_professional_role_id") == "SW") & _open_in(start, end, first, last)
    ).select(
        pl.col("invo_person_id").alias("CHILD"),
        pl.col("invo_professional_id").alias("SW_ID"),
        pl.col(start).alias("SW_DECOM"),
        pl.when(pl.col(end) <= last).then(pl.col(end)).alias("SW_DEC"),
        *_blank("SW_REASON"),
    )
    return dob.join(rows, on="CHILD").sort("CHILD", "SW_DECOM")
