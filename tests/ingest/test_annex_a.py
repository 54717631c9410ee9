"""The Annex A reader: lists found by their headings, mapped into the canonical tables.

Hand-made workbooks are written with openpyxl; ids are synthetic (C1, C2).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from csc_scorecard.ingest import Reason, ingest
from csc_scorecard.ingest.annex_a import AnnexAReader
from csc_scorecard.ingest.annex_a_lists import LISTS, PERSON_COLUMNS

Query = Callable[[str], list[tuple[object, ...]]]
SAMPLES = Path(__file__).parents[3] / "shared" / "reference" / "samples" / "annex_a"
CHILD = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth"]
REFERRALS = [*CHILD, "Date of Referral", "Referral Source", "Referral NFA?", "Allocated Team"]


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"reference sample {path} is absent")
    return path


def _counts(report: object) -> dict[str, tuple[int, int]]:
    return {c.table: (c.loaded, c.rejected) for c in report.counts}  # type: ignore[attr-defined]


def test_sample_workbook_reconciles_and_maps(db: Path, query: Query) -> None:
    report = ingest([_sample("Annex_A_2024_Jan.xlsx")], db, la_code="999")
    counts = _counts(report)
    # Rows counted by hand in the workbook: List 1 has 5 contacts, List 3 6 referrals, ...
    assert counts["ssd_contacts"] == (5, 0)
    assert counts["ssd_cin_episodes"] == (6, 0)
    assert counts["ssd_cp_plans"] == (7, 0)
    assert counts["ssd_initial_cp_conference"] == (3, 0)  # 2 of 5 enquiries had no conference
    assert counts["ssd_cla_episodes"] == (5, 0)
    # "CS Assessment Updated" is no yes/no answer; List 9 has no contact dates (required).
    assert counts["ssd_cin_assessments"] == (0, 5)
    assert counts["ssd_care_leavers"] == (0, 6)
    assert report.rows_read == report.rows_loaded + report.rows_rejected
    assert query("SELECT count(*) FROM ssd_person") == [(counts["ssd_person"][0],)]
    # The first contact: 'q) 6: Police' on 16/09/2020, a girl ('Female' without its option letter).
    assert query(
        "SELECT c.cont_contact_date::VARCHAR, c.cont_contact_source_code, p.pers_sex "
        "FROM ssd_contacts c JOIN ssd_person p ON p.pers_person_id = c.cont_person_id "
        "WHERE c.cont_person_id = '9212044'"
    ) == [("2020-09-16", "6", "F")]
    # List 8 first row: period from 06/08/2009, placement from 02/11/2009 (U6, PR4), legal status
    # E1 from 12/07/2010: the current episode starts with the latest change, a legal status one.
    assert query(
        "SELECT clae_cla_episode_start_date::VARCHAR, clae_cla_episode_start_reason, "
        "clae_cla_legal_status, clap_cla_placement_type, clap_cla_placement_provider "
        "FROM ssd_cla_episodes JOIN ssd_cla_placement ON clap_cla_placement_id = "
        "clae_cla_placement_id WHERE clae_person_id = '1761444'"
    ) == [("2010-07-12", "L", "E1", "U6", "PR4")]
    assert query(
        "SELECT cppl_cp_plan_initial_category, count(*) FROM ssd_cp_plans GROUP BY 1 ORDER BY 1"
    ) == [("EMO", 4), ("PHY", 3)]


def test_official_template_has_headers_under_title_rows_and_no_rows() -> None:
    result = AnnexAReader().read(_sample("Ofsted_template_2016-02-sample.xlsx"), "999")
    assert not result.rejections
    assert all(t.frame.height == 0 for t in result.tables)
    ignored = [n.message for n in result.notes if n.message.startswith("sheets not read")]
    assert ignored == ["sheets not read (not an Annex A list): Front_Sheet, FAQ_and_changes, "
                       "Guidance, Codes_used"]  # fmt: skip
    assert not any("no sheet found" in n.message for n in result.notes)


def test_header_variations_serial_and_text_dates(tmp_path: Path, db: Path, query: Query) -> None:
    path = _book(
        tmp_path / "annex.xlsx",
        {
            "List 3 - Referrals": [
                ["List 3: Referrals"],
                [],
                ["child unique id ", "GENDER", "Ethnicity", "Date of birth", "Date of referral",
                 "Referral source", "Referral NFA", "Allocated team", "Something local"],
                ["C1", "a) Male", "a) WBRI", 43831, 45383, "q) 6: Police", "b) No", "North", 1],
                ["C2", "Female", "WBRI", "2019-05-01", "02/04/2024", "2A", "Yes", None, None],
                [None, None, None, None, None, None, None, None, None],
            ],
            "list 7 child protection": [
                ["Child Unique ID", "Gender", "Child Protection Plan Start Date",
                 "Initial Category of Abuse", "Latest category of abuse"],
                ["C1", "Male", datetime(2024, 5, 1), "Neglect", "d) Emotional abuse"],
            ],
        },
    )  # fmt: skip
    report = ingest([path], db, la_code="999")
    assert report.rejections == ()
    assert query(
        "SELECT cine_person_id, cine_referral_date::VARCHAR, cine_referral_source_code, "
        "cine_referral_nfa, cine_referral_team FROM ssd_cin_episodes ORDER BY 1"
    ) == [("C1", "2024-04-01", "6", False, "North"), ("C2", "2024-04-02", "2A", True, None)]
    assert query("SELECT pers_dob::VARCHAR FROM ssd_person ORDER BY 1") == [
        ("2019-05-01",),
        ("2020-01-01",),
    ]
    assert query("SELECT cppl_cp_plan_initial_category, cppl_cp_plan_latest_category "
                 "FROM ssd_cp_plans") == [("NEG", "EMO")]  # fmt: skip
    notes = [n.message for n in report.notes]
    assert "List 3 - Referrals: not loaded (heading not recognised): Something local" in notes


def test_messy_rows_are_rejected_with_their_row(tmp_path: Path, db: Path) -> None:
    path = _book(
        tmp_path / "annex.xlsx",
        {
            "List 3": [
                REFERRALS,
                ["C1", "Male", "WBRI", None, "2024-04-01", "ZZ: Nobody", "No", None],
                [None, "Male", "WBRI", None, "2024-04-01", "6", "No", None],
                ["C2", "Male", "WBRI", None, "31/02/2024", "6", "No", None],
                ["C3", "Male", "WBRI", None, "2024-04-03", "6", "No", None],
                ["C3", "Male", "WBRI", None, "2024-04-03", "6", "No", None],
            ]
        },
    )
    report = ingest([path], db, la_code="999")
    got = sorted((x.row, x.field, x.reason) for x in report.rejections)
    assert got == [
        (1, "cine_referral_source_code", Reason.UNKNOWN_CODE),
        (2, "cine_person_id", Reason.MISSING_VALUE),
        (3, "cine_referral_date", Reason.IMPOSSIBLE_DATE),
        (5, "cine_referral_id", Reason.DUPLICATE_KEY),
    ]
    assert _counts(report)["ssd_cin_episodes"] == (1, 4)
    assert all("C1" not in x.message and "C3" not in x.message for x in report.rejections)


def test_child_in_several_lists_is_one_person_first_list_wins(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "annex.xlsx",
        {
            "List 1": [
                [*CHILD, "Date of Contact", "Contact Source"],
                ["C1", "Male", None, "2015-01-01", "2024-04-01", "6"],
            ],
            "List 3": [REFERRALS, ["C1", "Female", "WBRI", "2015-01-01", "2024-04-02", "6", "No"]],
        },
    )
    result = AnnexAReader().read(path, "999")
    [person] = [t.frame for t in result.tables if t.table == "ssd_person"]
    assert person.select(list(PERSON_COLUMNS)).rows() == [("C1", "M", "WBRI", "2015-01-01")]
    [note] = [n.message for n in result.notes if n.table == "ssd_person"]
    assert note.startswith("1 child(ren) have a different sex") and "C1" not in note


def test_case_status_other_than_cin_plan_is_dropped_with_a_note(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "annex.xlsx",
        {
            "List 6": [
                [*CHILD, "CIN Start Date", "CIN Closure Date", "Case Status"],
                ["C1", "Male", "WBRI", None, "2024-01-01", None, "c) Child in need plan"],
                ["C2", "Male", "WBRI", None, "2024-01-01", None, "b) Child Protection plan"],
                ["C3", "Male", "WBRI", None, "2024-01-01", None, None],
            ]
        },
    )
    result = AnnexAReader().read(path, "999")
    [plans] = [t.frame for t in result.tables if t.table == "ssd_cin_plans"]
    assert plans["cinp_person_id"].to_list() == ["C1", "C3"]
    assert any("1 row(s) with case status" in n.message for n in result.notes)


def test_missing_sheets_are_noted(tmp_path: Path) -> None:
    path = _book(tmp_path / "annex.xlsx", {"List 3": [REFERRALS]})
    result = AnnexAReader().read(path, "999")
    missing = [n.message for n in result.notes if n.message.startswith("no sheet found")]
    assert len(missing) == 10 and "no sheet found for List 1 (Contacts)" in missing


@pytest.mark.parametrize("content", [b"not a workbook", b"PK\x03\x04broken zip"])
def test_non_workbook_is_one_malformed_file(tmp_path: Path, db: Path, content: bytes) -> None:
    path = tmp_path / "annex.xlsx"
    path.write_bytes(content)
    assert not AnnexAReader().detect(path)
    report = ingest([path], db, format="annex_a", la_code="999")
    [rejection] = report.rejections
    assert (rejection.reason, rejection.row) == (Reason.MALFORMED_FILE, None)


def test_workbook_without_lists_is_malformed(tmp_path: Path) -> None:
    path = _book(tmp_path / "other.xlsx", {"Sheet": [["a", "b"], [1, 2]]})
    assert not AnnexAReader().detect(path)
    [rejection] = AnnexAReader().read(path, "999").rejections
    assert rejection.reason is Reason.MALFORMED_FILE


def test_every_derived_column_reaches_a_table() -> None:
    """A derived column (no heading) that no output uses would be dead declaration."""
    for spec in LISTS:
        used = {v for out in spec.outputs for v in out.columns.values()}
        assert all(fld.key in used for fld in spec.fields if not fld.headings), spec.number
