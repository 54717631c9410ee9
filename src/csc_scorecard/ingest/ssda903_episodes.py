"""SSDA903 episodes and the tables that lean on them: placements, periods of care, UASC, adoption.

An episode starts whenever the child's legal status or placement changes; reason for new episode
(RNE) says which. A placement is a run of episodes joined by RNE ``L`` (legal status change
only): any other reason, a gap, or a reason ceased other than X1 starts a new one. A period of
care runs from an episode with RNE ``S`` (or the first the returns hold) until an episode ends
with a reason other than X1. These are derived after the years' returns are reconciled, so an
episode open at one year end and closed in the next return joins the right placement.
"""

from __future__ import annotations

import polars as pl

from csc_scorecard.ingest.reader import ROW
from csc_scorecard.ingest.ssda903_files import Sheet
from csc_scorecard.ingest.ssda903_map import (
    KEY,
    YEAR,
    Mapped,
    as_date,
    date_text,
    optional,
    stable_id,
)

SOURCE = "__source"
_PLACEMENT_COLUMNS = {  # 903 column -> ssd_cla_placement column (taken from the first episode)
    "PLACE": "clap_cla_placement_type",
    "PLACE_PROVIDER": "clap_cla_placement_provider",
    "URN": "clap_cla_placement_urn",
    "PL_DISTANCE": "clap_cla_placement_distance",
    "PL_LA": "clap_cla_placement_la",
}
_OPTIONAL = ("CIN", "DEC", "REC", "REASON_PLACE_CHANGE", *_PLACEMENT_COLUMNS)
ADOPTION_PLACEMENTS = ("A3", "A4", "A5", "A6")
ADOPTED = ("E11", "E12")


def episodes(sheet: Sheet, year: int | None) -> Mapped:
    """Episodes -> ssd_cla_episodes (placement and period-of-care links are derived later)."""
    f = optional(sheet.frame, *_OPTIONAL).with_columns(date_text("DECOM"), date_text("DEC"))
    frame = f.select(
        pl.col(ROW),
        stable_id("E", "CHILD", "DECOM").alias("clae_cla_episode_id"),
        pl.col("CHILD").alias("clae_person_id"),
        pl.col("DECOM").alias("clae_cla_episode_start_date"),
        pl.col("RNE").alias("clae_cla_episode_start_reason"),
        pl.col("LS").alias("clae_cla_legal_status"),
        pl.col("CIN").alias("clae_cla_primary_need_code"),
        pl.col("DEC").alias("clae_cla_episode_ceased_date"),
        pl.col("REC").alias("clae_cla_episode_ceased_reason"),
        pl.col("REASON_PLACE_CHANGE").alias("__change"),
        *(pl.col(c).alias(f"__{c}") for c in _PLACEMENT_COLUMNS),
        pl.lit(year, pl.Int32).alias(YEAR),
    ).with_columns(pl.col("clae_cla_episode_id").alias(KEY))
    return Mapped({"ssd_cla_episodes": frame}, [])


def uasc(sheet: Sheet, year: int | None) -> Mapped:
    """UASC -> ssd_immigration_status (UASC) ending on DUC, the date the child ceased to be one.

    The 903 has no start date: ``with_episodes`` dates the status from the child's first episode
    the returns hold (a UASC is looked after from arrival), else from birth.
    """
    f = optional(sheet.frame, "DOB").with_columns(date_text("DUC"), date_text("DOB"))
    frame = f.select(
        pl.col(ROW),
        stable_id("U", "CHILD").alias("immi_immigration_status_id"),
        pl.col("CHILD").alias("immi_person_id"),
        pl.lit("UASC").alias("immi_immigration_status"),
        pl.col("DUC").alias("immi_immigration_status_end_date"),
        pl.col("DOB").alias("__dob"),
        pl.lit(year, pl.Int32).alias(YEAR),
    ).with_columns(pl.col("immi_immigration_status_id").alias(KEY))
    return Mapped({"ssd_immigration_status": frame}, [])


def ad1(sheet: Sheet, year: int | None) -> Mapped:
    """AD1 (children adopted) -> ssd_permanence: decision (DATE_INT) and matching dates."""
    f = optional(sheet.frame, "DATE_MATCH").with_columns(
        date_text("DATE_INT"), date_text("DATE_MATCH")
    )
    columns = {"DATE_INT": "perm_adm_decision_date", "DATE_MATCH": "perm_matched_date"}
    return _permanence(f, "A", "DATE_INT", columns, year)


def placed_adoption(sheet: Sheet, year: int | None) -> Mapped:
    """PlacedAdoption -> ssd_permanence: the decision to place for adoption and its reversal."""
    f = optional(sheet.frame, "DATE_PLACED_CEASED", "REASON_PLACED_CEASED").with_columns(
        date_text("DATE_PLACED"), date_text("DATE_PLACED_CEASED")
    )
    columns = {
        "DATE_PLACED": "perm_adm_decision_date",
        "DATE_PLACED_CEASED": "perm_decision_reversed_date",
        "REASON_PLACED_CEASED": "perm_decision_reversed_reason",
    }
    return _permanence(f, "D", "DATE_PLACED", columns, year)


def _permanence(
    f: pl.DataFrame, prefix: str, decision: str, columns: dict[str, str], year: int | None
) -> Mapped:
    frame = f.select(
        pl.col(ROW),
        stable_id(prefix, "CHILD", decision).alias("perm_table_id"),
        pl.col("CHILD").alias("perm_person_id"),
        *(pl.col(c).alias(name) for c, name in columns.items()),
        pl.lit(year, pl.Int32).alias(YEAR),
    ).with_columns(pl.col("perm_table_id").alias(KEY))
    return Mapped({"ssd_permanence": frame}, [])


def with_episodes(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Derive what needs the reconciled episodes: placements, periods of care, UASC, adoption."""
    out = dict(tables)
    eps = tables.get("ssd_cla_episodes")
    if eps is None:
        return out
    eps = _runs(eps)
    out["ssd_cla_placement"] = _placements(eps)
    if "ssd_immigration_status" in out:
        out["ssd_immigration_status"] = _uasc_start(out["ssd_immigration_status"], eps)
    if "ssd_permanence" in out:
        out["ssd_permanence"] = _adoption_dates(out["ssd_permanence"], eps)
    out["ssd_cla_episodes"] = eps.drop(c for c in eps.columns if c.startswith("__") and c != SOURCE)
    return out


def _runs(eps: pl.DataFrame) -> pl.DataFrame:
    """Number each child's periods of care and placements, and link episodes to both.

    Episodes are sorted by child and start, so "the previous episode" is the previous row when
    it belongs to the same child; starts carry forward to the rows of their run (no windows
    over hundreds of thousands of children).
    """
    child, start = pl.col("clae_person_id"), as_date("clae_cla_episode_start_date")
    known = child.is_not_null() & start.is_not_null()
    ordered = eps.filter(known).with_columns(start.alias("__start")).sort(child, "__start")
    rest = eps.filter(~known)
    same_child = child == child.shift(1)
    prev_end = as_date("clae_cla_episode_ceased_date").shift(1)
    prev_rec = pl.col("clae_cla_episode_ceased_reason").shift(1)
    rne = pl.col("clae_cla_episode_start_reason")
    continues = same_child & (prev_end == pl.col("__start")) & (prev_rec == "X1") & (rne != "S")
    new_period = ~continues.fill_null(False)
    new_placement = new_period | (rne != "L").fill_null(True)
    text_start = pl.col("clae_cla_episode_start_date")
    ordered = ordered.with_columns(
        pl.when(new_period).then(text_start).forward_fill().alias("__period_start"),
        pl.when(new_placement).then(text_start).forward_fill().alias("__placement_start"),
        pl.when(new_period).then(rne == "S").forward_fill().alias("__began_here"),
    ).with_columns(
        stable_id("C", "clae_person_id", "__period_start").alias("clae_cla_id"),
        stable_id("P", "clae_person_id", "__placement_start").alias("clae_cla_placement_id"),
        pl.when(pl.col("__began_here"))
        .then(pl.col("__period_start"))
        .alias("clae_entered_care_date"),
    )
    return pl.concat([ordered.drop("__start"), rest], how="diagonal_relaxed")


def _placements(eps: pl.DataFrame) -> pl.DataFrame:
    """One placement per run of episodes; its type and provider are the first episode's."""
    runs = eps.filter(pl.col("clae_cla_placement_id").is_not_null())
    firsts = [pl.col(f"__{c}").first().alias(name) for c, name in _PLACEMENT_COLUMNS.items()]
    return (
        runs.group_by("clae_cla_placement_id", maintain_order=True)
        .agg(
            pl.col(ROW).first(),
            pl.col(SOURCE).first(),
            pl.col(YEAR).max(),
            pl.col("clae_person_id").first().alias("clap_person_id"),
            pl.col("clae_cla_id").first().alias("clap_cla_id"),
            pl.col("clae_cla_episode_start_date").first().alias("clap_cla_placement_start_date"),
            pl.col("clae_cla_episode_ceased_date").last().alias("clap_cla_placement_end_date"),
            pl.col("__change").last().alias("clap_cla_placement_change_reason"),
            *firsts,
        )
        .rename({"clae_cla_placement_id": "clap_cla_placement_id"})
        .with_columns(pl.col("clap_cla_placement_id").alias(KEY))
    )


def _uasc_start(status: pl.DataFrame, eps: pl.DataFrame) -> pl.DataFrame:
    first = eps.group_by("clae_person_id").agg(
        pl.col("clae_cla_episode_start_date").min().alias("__first")
    )
    joined = status.join(first, left_on="immi_person_id", right_on="clae_person_id", how="left")
    start = pl.coalesce("__first", "__dob").alias("immi_immigration_status_start_date")
    return joined.with_columns(start).drop("__first", "__dob")


def _adoption_dates(perm: pl.DataFrame, eps: pl.DataFrame) -> pl.DataFrame:
    """Placed for adoption and adoption order dates, read from the episodes after the decision.

    Placed: the first episode in an adoption placement (A3-A6) starting on or after the decision.
    Adopted: the first episode ceasing E11/E12 on or after it (an adoption order).
    """
    ep = eps.select(
        pl.col("clae_person_id").alias("perm_person_id"),
        as_date("clae_cla_episode_start_date").alias("__s"),
        as_date("clae_cla_episode_ceased_date").alias("__e"),
        pl.col("__PLACE").is_in(ADOPTION_PLACEMENTS).alias("__a"),
        pl.col("clae_cla_episode_ceased_reason").is_in(ADOPTED).alias("__o"),
    )
    decided = perm.select(KEY, "perm_person_id", as_date("perm_adm_decision_date").alias("__d"))
    pairs = decided.join(ep, on="perm_person_id").filter(pl.col("__d").is_not_null())
    dates = pairs.group_by(KEY).agg(
        pl.col("__s").filter(pl.col("__a") & (pl.col("__s") >= pl.col("__d"))).min().alias("__p"),
        pl.col("__e").filter(pl.col("__o") & (pl.col("__e") >= pl.col("__d"))).min().alias("__x"),
    )
    return (
        perm.join(dates, on=KEY, how="left")
        .with_columns(
            pl.col("__p").dt.strftime("%Y-%m-%d").alias("perm_placed_for_adoption_date"),
            pl.col("__x").dt.strftime("%Y-%m-%d").alias("perm_permanence_order_date"),
            pl.when(pl.col("__x").is_not_null())
            .then(pl.lit("ADO"))
            .alias("perm_permanence_order_type"),
        )
        .drop("__p", "__x")
    )
