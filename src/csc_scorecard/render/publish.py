"""Write a report in the chosen formats: the one place that knows every renderer.

Each renderer is a function ``(report, path) -> path`` that writes one file atomically; the
registry is built in a function so importing this module renders nothing and loads nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from functools import partial
from pathlib import Path

from csc_scorecard.render.model import Report

Renderer = Callable[[Report, Path], Path]
"""Writes the report to the path given, whole or not at all, and returns the path."""


class Format(StrEnum):
    """An output format, named by its file suffix."""

    XLSX = "xlsx"
    HTML = "html"
    PDF = "pdf"


def renderers() -> Mapping[Format, Renderer]:
    """Every format's renderer (imported here: WeasyPrint is slow to import)."""
    from csc_scorecard.render.excel import write_excel  # noqa: PLC0415
    from csc_scorecard.render.html import write_html  # noqa: PLC0415
    from csc_scorecard.render.pdf import write_pdf  # noqa: PLC0415

    return {Format.XLSX: write_excel, Format.HTML: write_html, Format.PDF: write_pdf}


def write_scorecard(
    report: Report,
    out_dir: Path,
    formats: Iterable[Format] = tuple(Format),
    *,
    stem: str = "scorecard",
) -> dict[Format, Path]:
    """Write ``report`` into ``out_dir`` as ``<stem>.<format>`` for each format, in order given."""
    chosen = renderers()
    return {f: chosen[f](report, out_dir / f"{stem}.{f.value}") for f in dict.fromkeys(formats)}


PRACTICE_FORMATS = (Format.HTML, Format.PDF)
"""The practice report is pages of prose, tables and charts: a document, not a workbook."""


def write_practice_report(
    report: Report,
    out_dir: Path,
    formats: Iterable[Format] = PRACTICE_FORMATS,
    *,
    stem: str = "practice_report",
) -> dict[Format, Path]:
    """Write the practice report into ``out_dir`` as ``<stem>.html`` and/or ``<stem>.pdf``.

    Raises:
        ValueError: for a format other than HTML or PDF.
    """
    from csc_scorecard.render.html import PRACTICE_TEMPLATE, write_html  # noqa: PLC0415
    from csc_scorecard.render.pdf import write_pdf  # noqa: PLC0415

    chosen: dict[Format, Renderer] = {
        Format.HTML: partial(write_html, template=PRACTICE_TEMPLATE),
        Format.PDF: partial(write_pdf, template=PRACTICE_TEMPLATE),
    }
    wanted = list(dict.fromkeys(formats))
    unknown = [f.value for f in wanted if f not in chosen]
    if unknown:
        raise ValueError(f"the practice report is written as html or pdf, not {', '.join(unknown)}")
    return {f: chosen[f](report, out_dir / f"{stem}.{f.value}") for f in wanted}
