"""A :class:`Report` as PDF: the HTML page printed by WeasyPrint, A3 landscape.

WeasyPrint lays out the same page a browser shows, with its print rules (paged media, headers
repeated on each page, page numbers), so the PDF never drifts from the HTML. It is pure Python
over the Pango text library, which Debian machines have (``libpango-1.0-0``).
"""

from __future__ import annotations

import warnings
from pathlib import Path

with warnings.catch_warnings():
    # Without Debian's libharfbuzz-subset0, WeasyPrint subsets fonts with fontTools instead and
    # says a future version will need the library; today's output is the same, so this one
    # notice is silenced rather than failing every run on machines without it.
    warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
    from weasyprint import HTML

from csc_scorecard.files import atomic_path
from csc_scorecard.render.html import TEMPLATE, render_html
from csc_scorecard.render.model import Report


def write_pdf(report: Report, path: Path, template: str = TEMPLATE) -> Path:
    """Write the report's PDF to ``path`` (replaced whole, never half-written)."""
    return print_pdf(render_html(report, template), path)


def print_pdf(html: str, path: Path) -> Path:
    """Print an HTML page (with its print rules) to a PDF at ``path``, replaced whole."""
    document = HTML(string=html).render()
    with atomic_path(path) as tmp:
        document.write_pdf(tmp)
    return path
