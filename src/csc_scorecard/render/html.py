"""A :class:`Report` as one self-contained HTML page (styles inline, no scripts, no fetches).

The page is plain on purpose (GOV.UK-like): real table headers with ``scope`` for screen
readers, every colour repeated in words, and print rules for A3 landscape with the headers
repeated on each page, so the same page is both what councillors read on screen and the source
of the PDF.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from csc_scorecard.assess.rag import Rag
from csc_scorecard.files import atomic_path
from csc_scorecard.render.model import Chart, Report
from csc_scorecard.render.style import (
    BANNER_FILL,
    BORDER,
    HEADER_FILL,
    TEXT,
    fill_colour,
    ink_colour,
)
from csc_scorecard.render.svg import chart_svg

TEMPLATE = "scorecard.html.j2"
PRACTICE_TEMPLATE = "practice_report.html.j2"
_JUDGED = (Rag.GREEN, Rag.AMBER, Rag.RED)


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("csc_scorecard.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    environment.globals["chart_svg"] = _chart_svg
    return environment


def _chart_svg(chart: Chart, uid: str) -> Markup:
    """A chart's SVG, marked safe: :func:`chart_svg` escapes every text it places."""
    return Markup(chart_svg(chart, uid))


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string, safe inside a ``<style>`` element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return Markup(escaped.replace("<", "\\3c ").replace(">", "\\3e "))


def render_html(report: Report, template: str = TEMPLATE) -> str:
    """The page for ``report``, laid out by ``template`` (default: the scorecard's)."""
    colours = {
        "text": TEXT,
        "border": BORDER,
        "header": HEADER_FILL,
        "banner": BANNER_FILL,
        "fill": {rag.value: fill_colour(rag) for rag in _JUDGED},
        "ink": {rag.value: ink_colour(rag) for rag in _JUDGED},
    }
    footer = css_string(f"{report.council}: {report.title}. {report.subtitle}")
    return (
        _environment().get_template(template).render(report=report, colours=colours, footer=footer)
    )


def write_html(report: Report, path: Path, template: str = TEMPLATE) -> Path:
    """Write the page to ``path`` (replaced whole, never half-written)."""
    with atomic_path(path) as tmp:
        tmp.write_text(render_html(report, template), encoding="utf-8")
    return path
