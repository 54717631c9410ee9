"""Reading hand-made files in each layout: symbols, codes, years, layouts and bad files."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.reference.ees import ReferenceFileError
from csc_scorecard.reference.importer import import_reference
from csc_scorecard.reference.measures import MeasureMapError, load_measures, parse_measures
from csc_scorecard.reference.tables import AREAS, LAIT_MEASURES, PUBLISHED, RIG, read_table

EES_HEADER = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,new_la_code,la_name,referral_count,rereferral_count,rereferral_percent\n"
)


SEFTON_2025 = (
    "2025,Reporting year,Local authority,E92000001,England,E12000002,North West,343,E08000014,"
    "Sefton,"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def published(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return read_table(con, PUBLISHED).sort("indicator_id", "year", "la_code", "source")


def test_ees_symbols_are_missing_and_unknown_text_counted(tmp_path: Path) -> None:
    rows = [
        "2025,Reporting year,National,E92000001,England,,,,,,632830,142900,22.6",
        "2025,Reporting year,Regional,E92000001,England,E12000002,North West,,,,90000,1,21.7",
        "2025,Reporting year,Local authority,E92000001,England,E12000002,North West,343,"
        "E08000014,Sefton,c,c,z",
        "2025,Reporting year,Local authority,E92000001,England,E12000002,North West,340,"
        "E08000011,Knowsley,x,x,:",
        "2025,Reporting year,Local authority,E92000001,England,E12000002,North West,341,"
        "E08000012,Liverpool,low,low,k",
        "2025,Reporting year,Local authority,E92000001,England,E12000002,North West,342,"
        "E08000013,St Helens,<5,c,u",
    ]
    path = write(tmp_path, "c1_children_in_need_referrals_and_rereferrals_x.csv",
                 EES_HEADER + "\n".join(rows) + "\n")  # fmt: skip
    con = duckdb.connect()
    (report,) = import_reference(con, [path])
    assert report.unrecognised == 1  # "<5"
    figures = published(con).filter(pl.col("indicator_id") == "re_referrals_12m_pct")
    assert figures.select("la_code", "level", "value").rows() == [
        ("340", "la", None), ("341", "la", None), ("342", "la", None), ("343", "la", None),
        ("E12000002", "region", 21.7), ("E92000001", "england", 22.6),
    ]  # fmt: skip
    areas = read_table(con, AREAS).filter(pl.col("la_code") == "343").row(0, named=True)
    assert (areas["ons_code"], areas["region_code"], areas["la_name"]) == (
        "E08000014", "E12000002", "Sefton",
    )  # fmt: skip


def test_ees_filters_pick_one_breakdown(tmp_path: Path) -> None:
    header = (
        "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
        "region_name,old_la_code,la_name,new_la_code,population_type,population_estimate,"
        "children_count,rate_per_10000\n"
    )
    base = (
        "2024,Reporting year,Local authority,E92000001,England,E12000002,North West,343,"
        "Sefton,E08000014"
    )
    rows = [
        f"{base},Children looked after on 31 March each year,52000,590,113",
        f"{base},Children starting to be looked after each year,52000,200,38",
        f"{base},Children ceasing to be looked after each year,52000,c,c",
    ]
    path = write(tmp_path, "cla_number_and_rate_per_10k_children.csv", header + "\n".join(rows))
    con = duckdb.connect()
    import_reference(con, [path])
    got = {r["indicator_id"]: r["value"] for r in published(con).iter_rows(named=True)}
    assert got == {
        "cla_count": 590,
        "cla_rate_per_10k": 113,
        "cla_starts_count": 200,
        "cla_ceased_count": None,
    }


def test_ees_duplicate_rows_refused(tmp_path: Path) -> None:
    row = SEFTON_2025 + "10,2,20\n"
    path = write(
        tmp_path, "c1_children_in_need_referrals_and_rereferrals.csv", EES_HEADER + row * 2
    )
    with pytest.raises(ReferenceFileError, match="more than one referral_count row per year"):
        import_reference(duckdb.connect(), [path])


def test_ees_mapped_column_missing(tmp_path: Path) -> None:
    header = EES_HEADER.replace(",rereferral_percent", "")
    row = "2025,Reporting year,National,E92000001,England,,,,,,1\n"
    path = write(tmp_path, "c1_children_in_need_referrals_and_rereferrals.csv", header + row)
    with pytest.raises(ReferenceFileError, match="no column rereferral_percent"):
        import_reference(duckdb.connect(), [path])


def test_lait_codes_years_and_gaps(tmp_path: Path) -> None:
    text = (
        "Short Desc,Years,LA Number,Values\n"
        "ReReferral,2025,970,22.6\n"
        "ReReferral,2025,981,21.7\n"
        "ReReferral,2025,987,19.1\n"
        "ReReferral,2025,343,23.4\n"
        "ReReferral,2024/25,340,-\n"
        "ReReferral,2025,341,..\n"
        "ReReferral,2025,342,\n"
        "SomeOtherMeasure,2025,343,5\n"
    )
    con = duckdb.connect()
    import_reference(con, [write(tmp_path, "lait.csv", text)])
    assert published(con).select("year", "la_code", "level", "value").rows() == [
        (2025, "340", "la", None), (2025, "341", "la", None), (2025, "342", "la", None),
        (2025, "343", "la", 23.4), (2025, "E12000002", "region", 21.7),
        (2025, "E13000001", "region", 19.1), (2025, "E92000001", "england", 22.6),
    ]  # fmt: skip


def test_lait_dictionary(tmp_path: Path) -> None:
    text = (
        '"Measure_code","Topic","Measure","Measure_short","Polarity","dps","Year_Type","No_Quartile"\n'
        '"1","CSC","Re-referrals\nwithin 12 months","ReReferral","Low","1","Financial Year","NA"\n'
        '"2","CSC","Starters","Starters","-","NA","Annual","N"\n'
    )
    con = duckdb.connect()
    import_reference(con, [write(tmp_path, "dictionary.csv", text)])
    measures = read_table(con, LAIT_MEASURES)
    assert measures.select("measure_short", "polarity", "dps", "no_quartile").rows() == [
        ("ReReferral", "Low", 1, False), ("Starters", "-", None, True),
    ]  # fmt: skip


def test_neighbours_lait_layout_told_apart_by_position(tmp_path: Path) -> None:
    text = (
        "LA num,LA Name,GOInd,GOReg,SN1,SNP,SN2,SNP,\n"
        "343,Sefton,2,North West,340,Close,341,Not Close,\n"
    )
    con = duckdb.connect()
    import_reference(con, [write(tmp_path, "sn_2021.csv", text)])
    rows = con.sql(
        "SELECT la_code, rank, neighbour_la_code, closeness "
        "FROM csc_statistical_neighbours ORDER BY rank"
    ).fetchall()
    assert rows == [("343", 1, "340", "Close"), ("343", 2, "341", "Not Close")]


def test_rig_figures_and_their_errors(tmp_path: Path) -> None:
    good = (
        "indicator_id,quarter,la_value,group_value\n"
        "re_referrals_12m_pct,2024-25 Q1,24.0,22.2\n"
        "referrals_rate_per_10k,2024-25 Q1,671,\n"
    )
    con = duckdb.connect()
    import_reference(con, [write(tmp_path, "rig.csv", good)])
    rig = read_table(con, RIG).sort("indicator_id")
    assert rig.select("indicator_id", "la_value", "group_value").rows() == [
        ("re_referrals_12m_pct", 24.0, 22.2), ("referrals_rate_per_10k", 671.0, None),
    ]  # fmt: skip
    bad = (
        "indicator_id,quarter,la_value,group_value\n"
        "rereferrals,2024-25 Q1,1,2\n"
        "re_referrals_12m_pct,Q1 2024,1,2\n"
        "re_referrals_12m_pct,2024-25 Q2,high,2\n"
    )
    with pytest.raises(ReferenceFileError) as caught:
        import_reference(con, [write(tmp_path, "rig_bad.csv", bad)])
    assert str(caught.value).splitlines() == [
        "rig_bad.csv: row 2: indicator_id is not a catalogue id",
        "rig_bad.csv: row 3: quarter is not like 2024-25 Q1",
        "rig_bad.csv: row 4: a value is not a number",
    ]


def test_unknown_layout_and_non_csv(tmp_path: Path) -> None:
    with pytest.raises(ReferenceFileError, match=r"^lookup\.csv: not a layout"):
        import_reference(duckdb.connect(), [write(tmp_path, "lookup.csv", "LTLA23CD,UTLA23CD\n")])
    with pytest.raises(ReferenceFileError, match="not a CSV file"):
        import_reference(duckdb.connect(), [write(tmp_path, "sn.xlsx", "")])


def test_reimport_replaces_same_kind_of_source(tmp_path: Path) -> None:
    """A newer EES file overrides an older one's overlapping year; nothing is duplicated."""
    line = SEFTON_2025 + "{},2,20\n"
    old = write(
        tmp_path,
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        EES_HEADER + line.format(100),
    )
    new = write(
        tmp_path,
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2026.csv",
        EES_HEADER + line.format(101),
    )
    con = duckdb.connect()
    import_reference(con, [old])
    import_reference(con, [new])
    counts = published(con).filter(pl.col("indicator_id") == "referrals_count")
    assert counts.select("value", "source").rows() == [(101.0, f"ees:{new.name}")]


def test_mapping_covers_only_catalogue_ids() -> None:
    ids = {i.id for i in load_catalogue()}
    assert set(load_measures().measures) <= ids


def test_bad_mapping_named() -> None:
    with pytest.raises(MeasureMapError, match=r"measures.toml: x.ees.0.value: Field required"):
        parse_measures({"x": {"ees": [{"file": "c1*"}]}})
