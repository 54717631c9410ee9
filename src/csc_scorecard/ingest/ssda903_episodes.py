"""SSDA903 episodes and the tables that lean on them: placements, periods of care, UASC, adoption.

An episode starts whenever the child's legal status or placement changes; reason for new episode
(RNE) says which. A placement is a run of episodes joined by RNE ``L`` (legal status change
only): any other reason, a gap, or a reason ceased other than X1 starts a new one. A period of
care runs from an episode with RNE ``S`` (or the first the returns hold) until an episode ends
with a reason other than X1. These are derived after the years' returns are reconciled, so an
episode open at one year end and closed in the next return joins the right placement. AD1 and
PlacedAdoption rows for the same adoption decision become one permanence row.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from csc_scorecard.ingest.reader import ROW
from csc_scorecard.ingest.report import Reason, Rejection
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
_AD1, _PLACED = "AD1", "PlacedAdoption"
"""The 903 files holding adoption decisions, as the DfE names them."""
_FILE = "__file"
"""Which of the two a permanence row came from."""
_DECISION = "perm_adm_decision_date"
_REVERSAL = {
    "DATE_PLACED_CEASED": "perm_decision_reversed_date",
    "REASON_PLACED_CEASED": "perm_decision_reversed_reason",
}


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
    return _permanence(f, _AD1, "DATE_INT", columns, year)


def placed_adoption(sheet: Sheet, year: int | None) -> Mapped:
    """PlacedAdoption -> ssd_permanence: the decision to place for adoption and its reversal."""
    f = optional(sheet.frame, "DATE_PLACED_CEASED", "REASON_PLACED_CEASED").with_columns(
        date_text("DATE_PLACED"), date_text("DATE_PLACED_CEASED")
    )
    return _permanence(f, _PLACED, "DATE_PLACED", {"DATE_PLACED": _DECISION, **_REVERSAL}, year)


def _permanence(
    f: pl.DataFrame, file: str, decision: str, columns: dict[str, str], year: int | None
) -> Mapped:
    """A permanence row per 903 row, its id from the child and decision date alone.

    AD1 and PlacedAdoption thus give one decision one id, but the key that reconciles years
    also names the file, so a later year's PlacedAdoption row does not supersede an earlier AD1
    row: ``across_files`` merges those.
    """
    frame = f.select(
        pl.col(ROW),
        stable_id("D", "CHILD", decision).alias("perm_table_id"),
        pl.col("CHILD").alias("perm_person_id"),
        *(pl.col(c).alias(name) for c, name in columns.items()),
        pl.lit(year, pl.Int32).alias(YEAR),
        pl.lit(file).alias(_FILE),
    ).with_columns(pl.concat_str(pl.lit(file), pl.col("perm_table_id")).alias(KEY))
    return Mapped({"ssd_permanence": frame}, [])


def across_files(tables: dict[str, pl.DataFrame]) -> Mapped:
    """Rows built from several 903 files, once each file's years are reconciled.

    One permanence row per adoption decision (``_one_per_decision``), then what needs the
    episodes: placements, periods of care, UASC start dates and adoption dates. PlacedAdoption
    rows merged into an AD1 row come back as rejections, so every source row is accounted for.
    """
    out = dict(tables)
    merged: list[Rejection] = []
    if "ssd_permanence" in out:
        out["ssd_permanence"], merged = _one_per_decision(out["ssd_permanence"])
    eps = out.get("ssd_cla_episodes")
    if eps is None:
        return Mapped(out, merged)
    eps = _runs(eps)
    out["ssd_cla_placement"] = _placements(eps)
    if "ssd_immigration_status" in out:
        out["ssd_immigration_status"] = _uasc_start(out["ssd_immigration_status"], eps)
    if "ssd_permanence" in out:
        out["ssd_permanence"] = _adoption_dates(out["ssd_permanence"], eps)
    out["ssd_cla_episodes"] = eps.drop(c for c in eps.columns if c.startswith("__") and c != SOURCE)
    return Mapped(out, merged)


def _one_per_decision(perm: pl.DataFrame) -> tuple[pl.DataFrame, list[Rejection]]:
    """An AD1 row and a PlacedAdoption row for the same child and decision become one row.

    Both files give the date of the decision that the child should be placed for adoption
    (AD1 DATE_INT, which the DfE's 903 rule 521 calls the "date should be placed";
    PlacedAdoption DATE_PLACED), so the child and that date identify the decision. The AD1 row
    is kept and takes the PlacedAdoption row's reversal date and reason; the PlacedAdoption row
    is reported as merged into it. A decision in one file only stays as it is; copies within a
    file are paired in turn and any left over are the validator's to report as duplicates.
    """
    pair = ["perm_table_id", "__copy"]
    reversal = list(_REVERSAL.values())
    perm = optional(perm, *reversal).with_columns(
        pl.int_range(pl.len()).over("perm_table_id", _FILE).alias("__copy")
    )
    dated = pl.col("perm_person_id").is_not_null() & pl.col(_DECISION).is_not_null()
    pairs = (
        perm.filter((pl.col(_FILE) == _AD1) & dated)
        .select(*pair, pl.col(ROW).alias("__ad1_row"), pl.col(SOURCE).alias("__ad1_source"))
        .join(
            perm.filter((pl.col(_FILE) == _PLACED) & dated).select(*pair, ROW, SOURCE, *reversal),
            on=pair,
        )
    )
    taken = pairs.select(
        *pair, pl.lit(_AD1).alias(_FILE), *(pl.col(c).alias(f"__{c}") for c in reversal)
    )
    gone = pairs.select(*pair, pl.lit(_PLACED).alias(_FILE))
    out = (
        perm.join(gone, on=[*pair, _FILE], how="anti")
        .join(taken, on=[*pair, _FILE], how="left")
        .with_columns(pl.coalesce(c, f"__{c}").alias(c) for c in reversal)
        .drop("__copy", *(f"__{c}" for c in reversal))
    )
    return out, [
        _merged(*row) for row in pairs.select(SOURCE, ROW, "__ad1_source", "__ad1_row").iter_rows()
    ]


def _merged(source: str, row: int, ad1_source: str, ad1_row: int) -> Rejection:
    why = (
        f"the same child and adoption decision as {_AD1} row {ad1_row} of {Path(ad1_source).name}:"
        " loaded as one permanence row with it"
    )
    return Rejection(source, "ssd_permanence", row, "DATE_PLACED", Reason.DUPLICATE_KEY, why)


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
    Adopted: the first episode ceasing E11/E12 on or after it (an adoption order). A reversed
    decision ends on its reversal date: what happens from then on belongs to a later decision.
    """
    ep = eps.select(
        pl.col("clae_person_id").alias("perm_person_id"),
        as_date("clae_cla_episode_start_date").alias("__s"),
        as_date("clae_cla_episode_ceased_date").alias("__e"),
        pl.col("__PLACE").is_in(ADOPTION_PLACEMENTS).alias("__a"),
        pl.col("clae_cla_episode_ceased_reason").is_in(ADOPTED).alias("__o"),
    )
    decided = perm.select(
        KEY,
        "perm_person_id",
        as_date(_DECISION).alias("__d"),
        as_date("perm_decision_reversed_date").alias("__r"),
    )
    pairs = decided.join(ep, on="perm_person_id").filter(pl.col("__d").is_not_null())

    def while_decided(day: str) -> pl.Expr:
        after = pl.col(day) >= pl.col("__d")
        return after & (pl.col("__r").is_null() | (pl.col(day) < pl.col("__r")))

    dates = pairs.group_by(KEY).agg(
        pl.col("__s").filter(pl.col("__a") & while_decided("__s")).min().alias("__p"),
        pl.col("__e").filter(pl.col("__o") & while_decided("__e")).min().alias("__x"),
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
