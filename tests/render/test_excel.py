"""The workbook read back: sheets, headers, numbers, colours, frozen panes and print setup."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from csc_scorecard.render.excel import number_format, write_excel
from csc_scorecard.render.model import Report


def _find(sheet: openpyxl.worksheet.worksheet.Worksheet, value: object) -> tuple[int, int]:
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell.row, cell.column
    raise AssertionError(f"{value!r} not on {sheet.title}")


def test_workbook(report: Report, tmp_path: Path) -> None:
    path = write_excel(report, tmp_path / "scorecard.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Scorecard", "Re-referrals by service", "Notes", "Data Source"]
    sheet = book["Scorecard"]
    assert sheet["A1"].value == "Synthetic Borough: Children's Social Care Performance Scorecard"
    assert sheet["A2"].value == "Data as at end of November 2024"
    header_row, _ = _find(sheet, "LA rolling 12m (Dec23 - Nov24)")
    banner_row, banner_col = _find(sheet, "Latest published statistics (2023-24)")
    assert banner_row == header_row - 1
    assert sheet.cell(header_row, banner_col).value == "LA"
    # Re-referrals: 24.1 stored as a number shown "24.1%", filled red against its target.
    row, _ = _find(sheet, "Re-referrals within 12 months (%)*")
    figure = sheet.cell(row, 4)
    assert figure.value == 24.1
    assert figure.number_format == '#,##0.0"%"'
    assert figure.fill.fgColor.rgb == "FFF4CDC6"
    assert sheet.cell(row, 6).value == "↓\nbetter"
    assert sheet.cell(row, 6).font.color.rgb == "FF005A30"
    assert sheet.freeze_panes == f"D{header_row + 1}"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 8
    assert sheet.print_title_rows == f"${banner_row}:${header_row}"
    assert book["Re-referrals by service"]["A4"].value == "Service"
    assert book["Notes"]["B4"].value == "Indicator"


def test_number_formats_match_the_report_text() -> None:
    assert number_format(0, "") == "#,##0"
    assert number_format(1, "") == "#,##0.0"
    assert number_format(1, "%") == '#,##0.0"%"'
