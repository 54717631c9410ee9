"""Cell values of an Annex A workbook, read with calamine.

calamine (Rust) reads a 50,000-row list many times faster than openpyxl, which parses each sheet's
XML in Python. Values are handed over as openpyxl's read-only mode gave them, so heading matching
and cell conversion are unchanged: rows start at A1 (empty rows and columns before the data are
kept, so Excel row numbers in messages stay right), an empty cell is None, and only worksheets
count (a chart sheet holds no list).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from python_calamine import CalamineSheet, CalamineWorkbook, SheetTypeEnum

Row = tuple[Any, ...]


class Workbook:
    """An open workbook. calamine parses a whole sheet whenever one is fetched, so each sheet is
    fetched once and kept (in calamine's compact form) for both the heading search and the read.
    """

    def __init__(self, path: Path) -> None:
        """Open ``path``; raises (calamine's errors) when it is not a readable workbook."""
        self._book = CalamineWorkbook.from_path(path)
        self._sheets: dict[str, CalamineSheet] = {}

    def titles(self) -> list[str]:
        """The worksheets' names, in workbook order."""
        return [s.name for s in self._book.sheets_metadata if s.typ == SheetTypeEnum.WorkSheet]

    def rows(self, title: str, limit: int | None = None) -> Iterator[Row]:
        """The sheet's rows from row 1 (the first ``limit`` only, if given), empty cells as None."""
        if title not in self._sheets:
            self._sheets[title] = self._book.get_sheet_by_name(title)
        for row in self._sheets[title].to_python(skip_empty_area=False, nrows=limit):
            yield tuple(None if v == "" else v for v in row)

    def close(self) -> None:
        """Release the file and every sheet read."""
        self._sheets.clear()
        self._book.close()
