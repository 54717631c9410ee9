"""The PDF: produced from the HTML, A3 landscape, with the report's text."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from csc_scorecard.render.model import Report
from csc_scorecard.render.pdf import write_pdf


def test_pdf_has_the_title_on_a3_landscape_pages(report: Report, tmp_path: Path) -> None:
    path = write_pdf(report, tmp_path / "scorecard.pdf")
    reader = PdfReader(path)
    first = reader.pages[0]
    width, height = float(first.mediabox.width), float(first.mediabox.height)
    assert (round(width), round(height)) == (1191, 842)
    text = first.extract_text()
    assert "Children's Social Care Performance Scorecard" in text
    assert "Data as at end of November 2024" in text
    assert "24.1%" in text
