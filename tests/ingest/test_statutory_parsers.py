"""What the faster parsers (lxml for CIN census bodies, calamine for Annex A) must not change.

lxml hands comments and processing instructions over as elements unless told not to, and does not
refuse an undeclared entity the way expat does unless it stays strict; calamine, unlike openpyxl,
can open a workbook holding a chart sheet. Ids are synthetic (C1, C2).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
from tests.ingest.test_cin_census import census, child

from csc_scorecard.ingest import Reason
from csc_scorecard.ingest.annex_a import AnnexAReader
from csc_scorecard.ingest.cin_census import CinCensusReader


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _frames(path: Path) -> dict[str, pl.DataFrame]:
    result = CinCensusReader().read(path, None)
    assert not result.rejections
    return {t.table: t.frame for t in result.tables}


def test_comments_and_instructions_are_not_items(tmp_path: Path) -> None:
    plain = census(child("C1"), child("C2"))
    noisy = plain.replace("<LAchildID>", "<!-- a note --><?council x?><LAchildID>").replace(
        "<CINdetails>", "<CINdetails><!-- another -->"
    )
    want = _frames(_write(tmp_path / "plain.xml", plain))
    got = _frames(_write(tmp_path / "noisy.xml", noisy))
    assert want.keys() == got.keys()
    for table, frame in want.items():
        assert got[table].equals(frame), table
    notes = CinCensusReader().read(tmp_path / "noisy.xml", None).notes
    assert not [n for n in notes if "not loaded" in n.message]


def test_an_undeclared_entity_is_malformed(tmp_path: Path) -> None:
    path = _write(tmp_path / "cin.xml", census(child("C1", ReasonForClosure="&x;")))
    [rejection] = CinCensusReader().read(path, None).rejections
    assert rejection.reason is Reason.MALFORMED_FILE


def test_a_doctype_without_entities_is_read(tmp_path: Path) -> None:
    text = census(child("C1")).replace("?>\n", "?>\n<!DOCTYPE Message>\n", 1)
    frames = _frames(_write(tmp_path / "cin.xml", text))
    assert frames["ssd_person"]["pers_person_id"].to_list() == ["C1"]


def test_a_root_other_than_message_is_refused(tmp_path: Path) -> None:
    text = census(child("C1")).replace("<Message>", "<Note>").replace("</Message>", "</Note>")
    [rejection] = CinCensusReader().read(_write(tmp_path / "cin.xml", text), None).rejections
    assert rejection.reason is Reason.MALFORMED_FILE
    assert "root element is not Message" in rejection.message


def test_annex_a_workbook_with_a_chart_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "List 3 - Referrals"
    sheet.append(["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Date of Referral"])
    sheet.append(["C1", "a) Male", "WBRI", "2015-01-01", "2024-04-01"])
    book.create_chartsheet("Chart")
    path = tmp_path / "annex_a.xlsx"
    book.save(path)
    result = AnnexAReader().read(path, "201")
    assert not result.rejections
    tables = {t.table: t.frame for t in result.tables}
    assert tables["ssd_cin_episodes"]["cine_person_id"].to_list() == ["C1"]
