"""The data-quality appendix: the ``quality`` command's summary in the scorecard, counts only.

The hand-made store holds council Z01 and a neighbour, Z02; ids are synthetic. Rejects, by hand:

- Z01, ``ssd_cin_episodes``: two impossible referral dates, one unknown referral source code,
  one duplicate referral id: 4 rows;
- a file refused before a row was read (no council, no table): 1, counted for every council;
- Z02, ``ssd_person``: three missing dates of birth: not Z01's, so not in Z01's report.

So Z01's appendix counts 5 rejected rows. Its one completeness gap: of its 2 referrals, 1 has no
decision date (50.0%); Z02's referral with none is not Z01's.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from csc_scorecard.quality import summarise
from csc_scorecard.render.excel import write_excel
from csc_scorecard.render.from_store import example_config, scorecard_from_store
from csc_scorecard.render.html import render_html
from csc_scorecard.render.layout import load_layout
from csc_scorecard.render.model import Appendix, Report
from csc_scorecard.render.quality_appendix import NO_REJECTS, quality_appendix
from csc_scorecard.store.database import open_store

CHILDREN = (
    "INSERT INTO ssd_person (la_code, pers_person_id) VALUES "
    "('Z01', 'C1'), ('Z01', 'C2'), ('Z02', 'C3')"
)
REFERRALS = (
    "INSERT INTO ssd_cin_episodes (la_code, cine_referral_id, cine_person_id, cine_referral_date, "
    "cine_referral_decision_date) VALUES ('Z01', 'R1', 'C1', '2024-04-01', '2024-04-02'), "
    "('Z01', 'R2', 'C2', '2024-05-01', NULL), ('Z02', 'R3', 'C3', '2024-05-01', NULL)"
)
RUN = (
    "INSERT INTO csc_ingest_runs VALUES ('r1', TIMESTAMP '2024-06-28 09:00', "
    "TIMESTAMP '2024-06-28 09:01', [], [], 12, 5, 7)"
)
REJECTS = (
    "INSERT INTO csc_ingest_rejects VALUES "
    "('r1', 'Z01', 'ref.csv', 'ssd_cin_episodes', 2, 'cine_referral_date', 'impossible_date', "
    "'cine_referral_date is not a real date: ''2024-02-30''', NULL), "
    "('r1', 'Z01', 'ref.csv', 'ssd_cin_episodes', 5, 'cine_referral_date', 'impossible_date', "
    "'cine_referral_date is not a real date: ''2023-02-29''', NULL), "
    "('r1', 'Z01', 'ref.csv', 'ssd_cin_episodes', 7, 'cine_referral_source_code', "
    "'unknown_code', 'cine_referral_source_code ''ZZ'' is not in code list referral_source', NULL),"
    " ('r1', 'Z01', 'ref.csv', 'ssd_cin_episodes', 9, 'cine_referral_id', 'duplicate_key', "
    "'same key (la_code, cine_referral_id) as row 3', NULL), "
    "('r1', NULL, 'odd.csv', '', NULL, NULL, 'malformed_file', "
    "'odd.csv could not parse \"C999\" as a date', NULL), "
    "('r1', 'Z02', 'people.csv', 'ssd_person', 1, 'pers_dob', 'missing_value', 'required', NULL), "
    "('r1', 'Z02', 'people.csv', 'ssd_person', 2, 'pers_dob', 'missing_value', 'required', NULL), "
    "('r1', 'Z02', 'people.csv', 'ssd_person', 3, 'pers_dob', 'missing_value', 'required', NULL)"
)
ROW_VALUES = ("2024-02-30", "2023-02-29", "ZZ", "C999", "C1", "C2", "R1", "R2", ".csv")
"""What the rejected rows held, and the ids in the store: none may reach a report."""


def _store(path: Path, *statements: str) -> Path:
    con = open_store(path)
    for statement in statements:
        con.execute(statement)
    con.close()
    return path


def _rows(appendix: Appendix) -> dict[str, list[list[str]]]:
    return {s.title: [[c.text for c in row] for row in s.rows] for s in appendix.sections}


@pytest.fixture
def appendix(tmp_path: Path) -> Appendix:
    db = _store(tmp_path / "store.duckdb", CHILDREN, REFERRALS, RUN, REJECTS)
    return quality_appendix(summarise(db, date(2024, 6, 30), "Z01"))


def test_one_councils_rejects_by_reason_and_by_field(appendix: Appendix) -> None:
    assert appendix.title == "Data quality"
    assert appendix.text[0] == (
        "1 ingest run(s) loaded the store; the last finished at 28 June 2024 09:01 UTC."
    )
    assert appendix.text[1].startswith("Ingest rejected 5 row(s):")
    assert "as at 30 June 2024" in appendix.text[2]
    rows = _rows(appendix)
    assert rows["Rejected rows by table and reason"] == [
        ["ssd_cin_episodes", "impossible_date", "2"],
        ["(whole file)", "malformed_file", "1"],
        ["ssd_cin_episodes", "duplicate_key", "1"],
        ["ssd_cin_episodes", "unknown_code", "1"],
    ]
    assert rows["Commonest problems by field"] == [
        ["ssd_cin_episodes", "cine_referral_date", "impossible_date", "2"],
        ["(whole file)", "(whole row or file)", "malformed_file", "1"],
        ["ssd_cin_episodes", "cine_referral_id", "duplicate_key", "1"],
        ["ssd_cin_episodes", "cine_referral_source_code", "unknown_code", "1"],
    ]
    assert rows["Completeness checks"] == [
        ["Referrals with no decision date (of all referrals)", "1", "2", "50.0%"]
    ]
    assert rows["Rows loaded"] == [["ssd_person", "2"], ["ssd_cin_episodes", "2"]]


def test_a_store_with_no_rejects_says_so(tmp_path: Path) -> None:
    db = _store(tmp_path / "store.duckdb", CHILDREN, REFERRALS, RUN)
    appendix = quality_appendix(summarise(db, date(2024, 6, 30), "Z01"))
    assert appendix.text[1] == NO_REJECTS == "Ingest rejected no rows."
    assert [s.title for s in appendix.sections] == ["Completeness checks", "Rows loaded"]


def test_an_empty_store_has_only_words(tmp_path: Path) -> None:
    appendix = quality_appendix(summarise(_store(tmp_path / "empty.duckdb"), date(2024, 6, 30)))
    assert appendix.text[:2] == ("The store records no ingest run.", NO_REJECTS)
    assert appendix.sections == ()


def test_the_workbook_has_a_data_quality_sheet(
    report: Report, appendix: Appendix, tmp_path: Path
) -> None:
    path = write_excel(dataclasses.replace(report, data_quality=appendix), tmp_path / "card.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-2:] == ["Data Source", "Data quality"]
    sheet = book["Data quality"]
    values = [[c.value for c in row if c.value is not None] for row in sheet.iter_rows()]
    assert ["ssd_cin_episodes", "impossible_date", 2] in values
    assert ["ssd_cin_episodes", "cine_referral_date", "impossible_date", 2] in values
    assert ["Referrals with no decision date (of all referrals)", 1, 2, 50] in values
    text = " ".join(str(v) for row in values for v in row)
    assert not [value for value in ROW_VALUES if value in text]


def test_the_page_has_a_data_quality_section(report: Report, appendix: Appendix) -> None:
    page = render_html(dataclasses.replace(report, data_quality=appendix))
    section = page[page.index('<section class="data-quality own-page"') :]
    assert '<h2 id="data-quality">Data quality</h2>' in section
    assert '<h3 id="data-quality-1">Rejected rows by table and reason</h3>' in section
    assert "Ingest rejected 5 row(s)" in section and ">50.0%<" in section
    assert not [value for value in ROW_VALUES if value in section]
    assert 'id="data-quality"' not in render_html(report)  # none without a summary


def test_the_scorecard_from_a_store_carries_its_councils_summary(tmp_path: Path) -> None:
    db = _store(tmp_path / "store.duckdb", CHILDREN, REFERRALS, RUN, REJECTS)
    built = scorecard_from_store(db, layout=load_layout(), config=example_config("Z01")).report
    assert built.subtitle == "Data as at end of May 2024"  # the last month with referrals
    assert built.data_quality is not None
    assert "as at 31 May 2024" in built.data_quality.text[2]  # the month reported, not today
    assert built.data_quality.text[1].startswith("Ingest rejected 5 row(s):")
    rows = _rows(built.data_quality)
    assert rows["Rejected rows by table and reason"][:2] == [
        ["ssd_cin_episodes", "impossible_date", "2"],
        ["(whole file)", "malformed_file", "1"],
    ]
    assert rows["Completeness checks"] == [
        ["Referrals with no decision date (of all referrals)", "1", "2", "50.0%"]
    ]
