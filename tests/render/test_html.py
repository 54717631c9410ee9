"""The HTML page: accessible table headers, a row's cells, colours said in words, print rules."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from csc_scorecard.render.html import css_string, write_html
from csc_scorecard.render.model import Report


class _Tables(HTMLParser):
    """Each table as rows of (tag, attributes, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[tuple[str, dict[str, str | None], str]]]] = []
        self._cell: tuple[str, dict[str, str | None]] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in {"th", "td"}:
            self._cell, self._text = (tag, dict(attrs)), []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"th", "td"} and self._cell is not None:
            self.tables[-1][-1].append((*self._cell, "".join(self._text).strip()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._text.append(data)


def test_page_structure(report: Report, tmp_path: Path) -> None:
    page = write_html(report, tmp_path / "scorecard.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB">' in page
    assert "<h1>Children&#39;s Social Care Performance Scorecard</h1>" in page
    assert "size: A3 landscape" in page
    parser = _Tables()
    parser.feed(page)
    rolling = parser.tables[0]
    banner, header = rolling[0], rolling[1]
    assert ("th", "colgroup", "Latest published statistics (2023-24)") in [
        (tag, attrs.get("scope"), text) for tag, attrs, text in banner
    ]
    assert all(tag == "th" and attrs["scope"] == "col" for tag, attrs, _ in header)
    assert [text for _, _, text in header][3] == "LA rolling 12m (Dec23 - Nov24)"
    row = next(r for r in rolling[2:] if r[0][2] == "2")
    tag, attrs, text = row[2]
    assert (tag, attrs["scope"], text) == ("th", "row", "Re-referrals within 12 months (%)*")
    assert row[3][2] == "24.1% (red: target missed)"
    assert "fill-red" in (row[3][1]["class"] or "")
    assert row[5][2] == "↓down, improvingbetter"
    assert "ink-green" in (row[5][1]["class"] or "")
    assert [table[0][0][2] for table in parser.tables[2:]] == ["Service", "No", "Item"]


def test_css_strings_cannot_escape_their_quotes() -> None:
    assert css_string('A "quoted" </style> name') == 'A \\"quoted\\" \\3c /style\\3e  name'
