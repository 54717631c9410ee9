"""The committee dashboard as an HTML page and as PDF (WeasyPrint prints the same page).

A4 portrait, as committee papers are: the covering report first, the dashboard appendix from a
new page. No spreadsheet: the dashboard is for reading, and its figures are in the scorecard.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from csc_scorecard.assess.rag import Rag
from csc_scorecard.files import atomic_path
from csc_scorecard.render.dashboard_model import Dashboard
from csc_scorecard.render.html import _environment, css_string
from csc_scorecard.render.publish import Format
from csc_scorecard.render.sparkline import LINE
from csc_scorecard.render.style import BANNER_FILL, BORDER, HEADER_FILL, TEXT, ink_colour

TEMPLATE = "dashboard.html.j2"
FORMATS = (Format.HTML, Format.PDF)
"""The formats a dashboard is written in."""


def render_dashboard_html(dashboard: Dashboard) -> str:
    """The page for ``dashboard``."""
    colours = {
        "text": TEXT,
        "border": BORDER,
        "header": HEADER_FILL,
        "banner": BANNER_FILL,
        "line": LINE,
        "ink": {rag.value: ink_colour(rag) for rag in (Rag.GREEN, Rag.AMBER, Rag.RED)},
    }
    footer = css_string(f"{dashboard.council}: {dashboard.title}. {dashboard.subtitle}")
    template = _environment().get_template(TEMPLATE)
    return template.render(d=dashboard, colours=colours, footer=footer)


def write_dashboard_html(dashboard: Dashboard, path: Path) -> Path:
    """Write the page to ``path`` (replaced whole, never half-written)."""
    with atomic_path(path) as tmp:
        tmp.write_text(render_dashboard_html(dashboard), encoding="utf-8")
    return path


def write_dashboard_pdf(dashboard: Dashboard, path: Path) -> Path:
    """Write the dashboard's PDF to ``path`` (replaced whole, never half-written)."""
    from csc_scorecard.render.pdf import print_pdf  # noqa: PLC0415 (WeasyPrint loads slowly)

    return print_pdf(render_dashboard_html(dashboard), path)


def write_dashboard(
    dashboard: Dashboard,
    out_dir: Path,
    formats: Iterable[Format] = FORMATS,
    *,
    stem: str = "dashboard",
) -> dict[Format, Path]:
    """Write ``dashboard`` into ``out_dir`` as ``<stem>.html`` and/or ``<stem>.pdf``.

    Raises:
        ValueError: for a format a dashboard is not written in (xlsx).
    """
    writers = {Format.HTML: write_dashboard_html, Format.PDF: write_dashboard_pdf}
    chosen = list(dict.fromkeys(formats))
    unknown = [f.value for f in chosen if f not in writers]
    if unknown:
        raise ValueError(f"the dashboard is written as html or pdf, not {', '.join(unknown)}")
    return {f: writers[f](dashboard, out_dir / f"{stem}.{f.value}") for f in chosen}
