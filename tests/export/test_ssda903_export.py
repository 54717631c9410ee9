"""The SSDA903 writer: canonical -> 903 -> canonical keeps the looked-after tables."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from csc_scorecard.export.ssda903 import export_ssda903
from csc_scorecard.ingest.ssda903 import Ssda903Reader
from csc_scorecard.synth import council_tables

YEARS = (2022, 2023, 2024)
EPISODE = [
    "clae_person_id",
    "clae_cla_episode_start_date",
    "clae_cla_episode_start_reason",
    "clae_cla_legal_status",
    "clae_cla_primary_need_code",
    "clae_cla_episode_ceased_date",
    "clae_cla_episode_ceased_reason",
]
PLACED = ["clap_cla_placement_type", "clap_cla_placement_provider"]
REVIEW = ["clar_person_id", "clar_cla_review_date", "clar_cla_review_participation"]
MISSING = [
    "miss_person_id",
    "miss_missing_episode_type",
    "miss_missing_episode_start_date",
    "miss_missing_episode_end_date",
]


def _text(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    return frame.select(pl.col(c).cast(pl.String) for c in columns).sort(columns, nulls_last=True)


def _placed(eps: pl.DataFrame, placements: pl.DataFrame, key: str) -> pl.DataFrame:
    """Each episode with its placement's type and provider."""
    return eps.join(placements, left_on="clae_cla_placement_id", right_on=key, how="left")


def _window(frame: pl.DataFrame, start: str, end: str | None) -> pl.DataFrame:
    """Rows a 903 set for YEARS holds: open at some point from 1 April 2021 to 31 March 2024."""
    begun = pl.col(start) <= date(2024, 3, 31)
    if end is None:
        return frame.filter(begun & (pl.col(start) >= date(2021, 4, 1)))
    return frame.filter(begun & (pl.col(end).is_null() | (pl.col(end) >= date(2021, 4, 1))))


def test_round_trip_keeps_the_looked_after_tables(tmp_path: Path) -> None:
    tables = council_tables(children=4000, years=3, end_month=date(2024, 3, 1), seed=11)
    for year in YEARS:
        export_ssda903(tables, "Z01", year, tmp_path / str(year))
    result = Ssda903Reader().read(tmp_path, "Z01")
    assert all(r.reason.value == "duplicate_key" for r in result.rejections)  # superseded only
    got: dict[str, pl.DataFrame] = {}
    for raw in result.tables:
        got[raw.table] = pl.concat([got[raw.table], raw.frame]) if raw.table in got else raw.frame

    eps = _window(
        tables["ssd_cla_episodes"], "clae_cla_episode_start_date", "clae_cla_episode_ceased_date"
    )
    assert eps.height > 20
    assert _text(got["ssd_cla_episodes"], EPISODE).equals(_text(eps, EPISODE))
    # Placements are compared through the episodes they hold: a placement that began before
    # the first return is seen from its first episode in the returns, as the DfE sees it.
    placed = _placed(got["ssd_cla_episodes"], got["ssd_cla_placement"], "clap_cla_placement_id")
    expected = _placed(eps, tables["ssd_cla_placement"], "clap_cla_placement_id")
    assert _text(placed, EPISODE + PLACED).equals(_text(expected, EPISODE + PLACED))
    reviews = _window(tables["ssd_cla_reviews"], "clar_cla_review_date", None)
    assert _text(got["ssd_cla_reviews"], REVIEW).equals(_text(reviews, REVIEW))
    children = set(eps["clae_person_id"])
    missing = _window(
        tables["ssd_missing"], "miss_missing_episode_start_date", "miss_missing_episode_end_date"
    ).filter(pl.col("miss_person_id").is_in(list(children)))
    assert _text(got["ssd_missing"], MISSING).equals(_text(missing, MISSING))
    assert set(got["ssd_person"]["pers_person_id"]) == children


def test_writes_the_dfe_file_names_and_dates(tmp_path: Path) -> None:
    tables = council_tables(children=2000, years=2, end_month=date(2024, 3, 1), seed=5)
    written = export_ssda903(tables, "Z01", 2024, tmp_path)
    assert set(written) >= {"header", "episodes", "reviews", "missing", "oc2", "oc3", "uasc"}
    first = written["episodes"].read_text(encoding="utf-8").splitlines()
    assert first[0].startswith("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC")
    assert first[1].split(",")[1].count("/") == 2  # DD/MM/YYYY
