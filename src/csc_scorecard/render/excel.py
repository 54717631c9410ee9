"""A :class:`Report` as an Excel workbook, laid out like seed 003's.

Sheets: Scorecard (the main tables, printed A3 landscape with the headers repeated on every
page), one sheet per breakdown, Notes, Data Source and, where the report has it, Data quality.
Figures are stored as numbers with a format that shows exactly the report's text ("22.0%"), so
analysts can sort and chart them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from csc_scorecard.assess.rag import Rag
from csc_scorecard.files import atomic_path
from csc_scorecard.render.model import Align, Appendix, Cell, Column, Report, Section
from csc_scorecard.render.style import BANNER_FILL, BORDER, HEADER_FILL, fill_colour, ink_colour

A3 = 8
"""XlsxWriter's paper code for A3."""
_ALIGN = {Align.LEFT: "left", Align.CENTRE: "center", Align.RIGHT: "right"}
_POINTS_PER_LINE = 15
_PARAGRAPH_WIDTH = 80.0
"""Characters a sheet with paragraphs and no table gives them."""


class _Formats:
    """Cell formats, made once per distinct look (XlsxWriter wants shared Format objects)."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self._made: dict[tuple[Any, ...], Format] = {}
        self.title = book.add_format({"bold": True, "font_size": 16})
        self.subtitle = book.add_format({"bold": True, "font_size": 12})
        self.para = book.add_format({"text_wrap": True, "valign": "top"})
        self.heading = book.add_format({"bold": True, "font_size": 12})
        self.small = book.add_format({"italic": True, "text_wrap": True, "valign": "top"})

    def header(self, align: Align, banner: bool = False) -> Format:
        key = ("header", align, banner)
        if key not in self._made:
            self._made[key] = self.book.add_format(
                {
                    "bold": True,
                    "text_wrap": True,
                    "valign": "vcenter",
                    "align": "center" if banner else _ALIGN[align],
                    "bg_color": BANNER_FILL if banner else HEADER_FILL,
                    "border": 1,
                    "border_color": BORDER,
                }
            )
        return self._made[key]

    def cell(self, cell: Cell) -> Format:
        key = ("cell", cell.align, cell.fill, cell.ink, cell.decimals, cell.suffix)
        if key not in self._made:
            spec: dict[str, Any] = {
                "text_wrap": True,
                "valign": "top",
                "align": _ALIGN[cell.align],
                "border": 1,
                "border_color": BORDER,
                "font_color": ink_colour(cell.fill if cell.fill is not Rag.NONE else cell.ink),
            }
            fill = fill_colour(cell.fill)
            if fill is not None:
                spec["bg_color"] = fill
            if cell.number is not None:
                spec["num_format"] = number_format(cell.decimals, cell.suffix)
            if cell.ink is not Rag.NONE:
                spec["bold"] = True
            self._made[key] = self.book.add_format(spec)
        return self._made[key]


def number_format(decimals: int, suffix: str) -> str:
    """The Excel format showing a figure as ``format_value`` writes it: 1,234 / 722.2 / 22.0%.

    The suffix is literal text: the cell holds 22.0, not 0.22, so it reads as the report does.
    """
    places = "." + "0" * decimals if decimals else ""
    return f'#,##0{places}"{suffix}"' if suffix else f"#,##0{places}"


def _set_widths(sheet: Worksheet, columns: Sequence[Column]) -> None:
    for number, column in enumerate(columns):
        sheet.set_column(number, number, column.width)


def _lines(text: str, width: float) -> int:
    """Lines a paragraph wraps to in a merged range ``width`` characters wide (roughly)."""
    return max(1, -(-len(text) // max(int(width), 1)))


def _paragraph(
    sheet: Worksheet, row: int, widths: Sequence[float], text: str, style: Format
) -> None:
    """A wrapped paragraph across columns this wide (merged cells never grow to fit)."""
    if len(widths) > 1:
        sheet.merge_range(row, 0, row, len(widths) - 1, text, style)
    else:
        sheet.write_string(row, 0, text, style)
    sheet.set_row(row, _POINTS_PER_LINE * _lines(text, sum(widths, 0.0) * 0.9))


def _write_cell(sheet: Worksheet, row: int, col: int, cell: Cell, formats: _Formats) -> None:
    style = formats.cell(cell)
    if cell.number is not None:
        sheet.write_number(row, col, cell.number, style)
        return
    shown = f"{cell.text}\n{cell.caption}" if cell.caption else cell.text
    sheet.write_string(row, col, shown, style)


def _write_table(
    sheet: Worksheet, row: int, section: Section, formats: _Formats
) -> tuple[int, int]:
    """The section's banner, header and rows from ``row``: (the header's row, the next free)."""
    if any(column.group for column in section.columns):
        col = 0
        for group, span in section.groups:
            style = formats.header(Align.CENTRE, banner=bool(group))
            if span > 1:
                sheet.merge_range(row, col, row, col + span - 1, group, style)
            else:
                sheet.write_string(row, col, group, style)
            col += span
        row += 1
    for col, column in enumerate(section.columns):
        sheet.write_string(row, col, column.title, formats.header(column.align))
    header = row
    for cells in section.rows:
        row += 1
        for col, cell in enumerate(cells):
            _write_cell(sheet, row, col, cell, formats)
    return header, row + 1


def _scorecard_sheet(book: Workbook, report: Report, formats: _Formats) -> None:
    sheet = book.add_worksheet("Scorecard")
    columns = report.sections[0].columns
    _set_widths(sheet, columns)
    sheet.write_string(0, 0, f"{report.council}: {report.title}", formats.title)
    sheet.write_string(1, 0, report.subtitle, formats.subtitle)
    row = 2
    for text in (*report.intro, report.key_legend and f"★ {report.key_legend}"):
        if text:
            _paragraph(sheet, row, [c.width for c in columns], text, formats.para)
            row += 1
    first_header = None
    for section in report.sections:
        row += 1
        sheet.write_string(row, 0, section.title, formats.heading)
        start = row + 1
        header, row = _write_table(sheet, start, section, formats)
        if first_header is None:
            first_header = header
            sheet.repeat_rows(start, header)
    for text in report.footnotes:
        row += 1
        _paragraph(sheet, row, [c.width for c in columns], text, formats.small)
    if first_header is not None:
        sheet.freeze_panes(first_header + 1, 3)
    sheet.set_landscape()
    sheet.set_paper(A3)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    sheet.set_footer("&LPage &P of &N&R&A")


def _table_sheet(book: Workbook, section: Section, formats: _Formats) -> None:
    sheet = book.add_worksheet(section.title[:31])
    _set_widths(sheet, section.columns)
    sheet.write_string(0, 0, section.title, formats.title)
    if section.caption:
        sheet.write_string(1, 0, section.caption, formats.subtitle)
    header, _ = _write_table(sheet, 3, section, formats)
    sheet.freeze_panes(header + 1, 1)
    sheet.repeat_rows(header)
    sheet.set_landscape()
    sheet.set_paper(A3)
    sheet.fit_to_pages(1, 0)


def _appendix_sheet(book: Workbook, appendix: Appendix, formats: _Formats) -> None:
    """The appendix's paragraphs, then its tables one under another; each column as wide as
    the widest table needs it."""
    sheet = book.add_worksheet(appendix.title[:31])
    sections = appendix.sections
    widths = [
        max(s.columns[i].width for s in sections if i < len(s.columns))
        for i in range(max((len(s.columns) for s in sections), default=0))
    ] or [_PARAGRAPH_WIDTH]
    for number, width in enumerate(widths):
        sheet.set_column(number, number, width)
    sheet.write_string(0, 0, appendix.title, formats.title)
    row = 1
    for text in appendix.text:
        _paragraph(sheet, row, widths, text, formats.para)
        row += 1
    for section in sections:
        row += 1
        sheet.write_string(row, 0, section.title, formats.heading)
        _, row = _write_table(sheet, row + 1, section, formats)
    sheet.set_paper(A3)
    sheet.fit_to_pages(1, 0)


def write_excel(report: Report, path: Path) -> Path:
    """Write ``report`` to ``path`` (replaced whole, never half-written)."""
    with atomic_path(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_numbers": False})
        formats = _Formats(book)
        _scorecard_sheet(book, report, formats)
        for section in (*report.breakdowns, report.notes, report.data_source):
            _table_sheet(book, section, formats)
        if report.data_quality is not None:
            _appendix_sheet(book, report.data_quality, formats)
        book.close()
    return path
