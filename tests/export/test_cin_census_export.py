"""CIN census writer: canonical -> XML -> canonical keeps every census item (synthetic ids)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from csc_scorecard.export import export_cin_census
from csc_scorecard.ingest import ingest
from csc_scorecard.synth import council_tables

LA = "201"
WHEN = datetime(2024, 5, 1, 9, 30)
CIN_TABLES = (
    "ssd_person",
    "ssd_disability",
    "ssd_cin_episodes",
    "ssd_cin_assessments",
    "ssd_cin_plans",
    "ssd_s47_enquiry",
    "ssd_initial_cp_conference",
    "ssd_cp_plans",
    "ssd_cp_reviews",
)


def _frame(**columns: list[str | None]) -> pl.DataFrame:
    return pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String))


def hand_made() -> dict[str, pl.DataFrame]:
    """Two children in the 2024 census year, plus one referral closed before it began."""
    la = [LA]
    return {
        "ssd_person": _frame(
            la_code=la * 2,
            pers_person_id=["C&1", "C002"],
            pers_sex=["F", "M"],
            pers_ethnicity=["WBRI", "BAFR"],
            pers_dob=["2015-06-01", None],
            pers_expected_dob=[None, "2024-05-01"],
            pers_death_date=[None, None],
        ),
        "ssd_disability": _frame(
            la_code=la, disa_table_id=["D1"], disa_person_id=["C&1"], disa_disability_code=["HAND"]
        ),
        "ssd_cin_episodes": _frame(
            la_code=la * 3,
            cine_referral_id=["R1", "R2", "R0"],
            cine_person_id=["C&1", "C002", "C&1"],
            cine_referral_date=["2023-05-02", "2023-09-01", "2021-01-01"],
            cine_referral_source_code=["1A", "6", "8"],
            cine_cin_primary_need_code=["N1", "N4", "N5"],
            cine_close_date=["2024-02-01", None, "2022-01-01"],
            cine_close_reason=["RC7", None, "RC8"],
            cine_referral_nfa=["false", "true", "false"],
        ),
        "ssd_cin_assessments": _frame(
            la_code=la,
            cina_assessment_id=["A1"],
            cina_person_id=["C&1"],
            cina_referral_id=[None],  # placed by date in the episode open on its start
            cina_assessment_start_date=["2023-05-03"],
            cina_assessment_auth_date=["2023-06-01"],
        ),
        "ssd_cin_plans": _frame(
            la_code=la,
            cinp_cin_plan_id=["P1"],
            cinp_referral_id=["R1"],
            cinp_person_id=["C&1"],
            cinp_cin_plan_start_date=["2023-06-02"],
            cinp_cin_plan_end_date=["2023-07-01"],
        ),
        "ssd_s47_enquiry": _frame(
            la_code=la,
            s47e_s47_enquiry_id=["S1"],
            s47e_referral_id=["R1"],
            s47e_person_id=["C&1"],
            s47e_s47_start_date=["2023-07-03"],
            s47e_s47_nfa=["false"],
        ),
        "ssd_initial_cp_conference": _frame(
            la_code=la,
            icpc_icpc_id=["K1"],
            icpc_s47_enquiry_id=["S1"],
            icpc_person_id=["C&1"],
            icpc_cp_plan_id=["CP1"],
            icpc_referral_id=["R1"],
            icpc_icpc_target_date=["2023-07-24"],
            icpc_icpc_date=["2023-07-20"],
            icpc_icpc_outcome_cp_flag=["true"],
        ),
        "ssd_cp_plans": _frame(
            la_code=la,
            cppl_cp_plan_id=["CP1"],
            cppl_referral_id=["R1"],
            cppl_icpc_id=["K1"],
            cppl_person_id=["C&1"],
            cppl_cp_plan_start_date=["2023-07-20"],
            cppl_cp_plan_end_date=["2024-01-31"],
            cppl_cp_plan_initial_category=["NEG"],
            cppl_cp_plan_latest_category=["EMO"],
            cppl_number_of_previous_cpp=["1"],
        ),
        "ssd_cp_reviews": _frame(
            la_code=la * 2,
            cppr_cp_review_id=["V1", "V2"],
            cppr_person_id=["C&1"] * 2,
            cppr_cp_plan_id=["CP1"] * 2,
            cppr_cp_review_date=["2023-10-10", "2024-01-15"],
        ),
    }


# Each event is compared by its content with links replaced by what they point at: the
# referral's date, the enquiry's start, the plan's start. Ids differ (the census has none).
_LINKS = {
    "referral": ("ssd_cin_episodes", "cine_referral_id", "cine_referral_date"),
    "s47": ("ssd_s47_enquiry", "s47e_s47_enquiry_id", "s47e_s47_start_date"),
    "plan": ("ssd_cp_plans", "cppl_cp_plan_id", "cppl_cp_plan_start_date"),
    "icpc": ("ssd_initial_cp_conference", "icpc_icpc_id", "icpc_icpc_date"),
}
_LINK_COLUMNS = {
    "cina_referral_id": "referral",
    "cinp_referral_id": "referral",
    "s47e_referral_id": "referral",
    "icpc_referral_id": "referral",
    "icpc_s47_enquiry_id": "s47",
    "icpc_cp_plan_id": "plan",
    "cppl_referral_id": "referral",
    "cppl_icpc_id": "icpc",
    "cppr_cp_plan_id": "plan",
}


def content(
    tables: dict[str, pl.DataFrame], keep: dict[str, list[str]]
) -> dict[str, list[tuple[object, ...]]]:
    """Each table's rows as sorted text tuples of ``keep`` columns, links resolved."""
    text = {t: f.with_columns(pl.all().cast(pl.String)) for t, f in tables.items()}
    out = {}
    for table, columns in keep.items():
        frame = text[table]
        for column in columns:
            if column in _LINK_COLUMNS:
                target, key, value = _LINKS[_LINK_COLUMNS[column]]
                lookup = text[target].select(pl.col(key).alias(column), pl.col(value).alias("__v"))
                frame = (
                    frame.join(lookup, on=column, how="left")
                    .with_columns(pl.col("__v").alias(column))
                    .drop("__v")
                )
        out[table] = sorted(frame.select(columns).fill_null("").iter_rows())
    return out


KEEP = {
    "ssd_person": ["pers_person_id", "pers_sex", "pers_ethnicity", "pers_dob", "pers_expected_dob"],
    "ssd_disability": ["disa_person_id", "disa_disability_code"],
    "ssd_cin_episodes": [
        "cine_person_id",
        "cine_referral_date",
        "cine_referral_source_code",
        "cine_cin_primary_need_code",
        "cine_close_date",
        "cine_close_reason",
        "cine_referral_nfa",
    ],
    "ssd_cin_assessments": [
        "cina_person_id",
        "cina_assessment_start_date",
        "cina_assessment_auth_date",
    ],
    "ssd_cin_plans": [
        "cinp_person_id",
        "cinp_referral_id",
        "cinp_cin_plan_start_date",
        "cinp_cin_plan_end_date",
    ],
    "ssd_s47_enquiry": [
        "s47e_person_id",
        "s47e_referral_id",
        "s47e_s47_start_date",
        "s47e_s47_nfa",
    ],
    "ssd_initial_cp_conference": [
        "icpc_person_id",
        "icpc_s47_enquiry_id",
        "icpc_cp_plan_id",
        "icpc_referral_id",
        "icpc_icpc_target_date",
        "icpc_icpc_date",
        "icpc_icpc_outcome_cp_flag",
    ],
    "ssd_cp_plans": [
        "cppl_person_id",
        "cppl_referral_id",
        "cppl_icpc_id",
        "cppl_cp_plan_start_date",
        "cppl_cp_plan_end_date",
        "cppl_cp_plan_initial_category",
        "cppl_cp_plan_latest_category",
        "cppl_number_of_previous_cpp",
    ],
    "ssd_cp_reviews": ["cppr_person_id", "cppr_cp_plan_id", "cppr_cp_review_date"],
}


def stored(db: Path) -> dict[str, pl.DataFrame]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.sql(f"SELECT * FROM {t}").pl() for t in CIN_TABLES}
    finally:
        con.close()


def test_round_trip_keeps_every_census_item(tmp_path: Path) -> None:
    frames = hand_made()
    out = export_cin_census(frames, LA, 2024, tmp_path / "cin.xml", generated=WHEN)
    assert (out.children, out.episodes) == (2, 2)
    report = ingest([out.path], tmp_path / "store.duckdb")
    assert report.rows_rejected == 0
    in_scope = frames | {
        "ssd_cin_episodes": frames["ssd_cin_episodes"].filter(pl.col("cine_referral_id") != "R0")
    }
    assert content(stored(tmp_path / "store.duckdb"), KEEP) == content(in_scope, KEEP)


def test_sex_is_written_as_gender_current_before_2024(tmp_path: Path) -> None:
    frames = hand_made()
    frames["ssd_cin_episodes"] = frames["ssd_cin_episodes"].with_columns(
        cine_referral_date=pl.lit("2022-05-02"), cine_close_date=pl.lit(None, pl.String)
    )
    text = export_cin_census(frames, LA, 2023, tmp_path / "cin.xml", generated=WHEN).path
    xml = text.read_text()
    assert "<GenderCurrent>2</GenderCurrent>" in xml
    assert "<Sex>" not in xml
    assert "<LAchildID>C&amp;1</LAchildID>" in xml


def test_nothing_outside_the_year_or_council(tmp_path: Path) -> None:
    written = export_cin_census(hand_made(), "999", 2024, tmp_path / "none.xml", generated=WHEN)
    assert (written.children, written.episodes) == (0, 0)
    later = export_cin_census(hand_made(), LA, 2026, tmp_path / "later.xml", generated=WHEN)
    assert later.children == 1  # C002's referral is still open


@pytest.fixture(scope="module")
def synthetic() -> dict[str, pl.DataFrame]:
    return council_tables(children=3000, years=3, end_month=date(2024, 3, 1), seed=7)


def test_synthetic_council_round_trips_to_a_fixed_point(
    synthetic: dict[str, pl.DataFrame], tmp_path: Path
) -> None:
    first = export_cin_census(synthetic, "Z01", 2024, tmp_path / "a.xml", generated=WHEN)
    db = tmp_path / "store.duckdb"
    report = ingest([first.path], db)
    assert report.rows_rejected == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        again = export_cin_census(con, "Z01", 2024, tmp_path / "b.xml", generated=WHEN)
    finally:
        con.close()
    assert again.path.read_text() == first.path.read_text()
    episodes = synthetic["ssd_cin_episodes"].filter(
        (pl.col("cine_referral_date") <= date(2024, 3, 31))
        & (pl.col("cine_close_date").is_null() | (pl.col("cine_close_date") >= date(2023, 4, 1)))
    )
    keep = {"ssd_cin_episodes": KEEP["ssd_cin_episodes"]}
    assert content(stored(db), keep) == content({"ssd_cin_episodes": episodes}, keep)
    people = stored(db)["ssd_person"]["pers_person_id"].sort().to_list()
    assert people == episodes["cine_person_id"].unique().sort().to_list()


def test_the_file_is_owner_only(tmp_path: Path) -> None:
    path = export_cin_census(hand_made(), LA, 2024, tmp_path / "cin.xml", generated=WHEN).path
    assert path.stat().st_mode & 0o077 == 0
