"""A :class:`Chart` as a small self-contained SVG line chart.

Hand-made rather than a plotting library: the charts are one line against a few horizontal
lines, the output must embed in HTML that WeasyPrint prints (no scripts, no fonts fetched), and
the project carries no plotting dependency. Every point and line carries its value in a
``data-value`` attribute and a ``<title>``, so tests and screen readers can read the figures;
the chart's own ``<title>`` and ``<desc>`` are its text alternative.
"""

from __future__ import annotations

import math
from html import escape
from typing import assert_never

from csc_scorecard.render.model import Chart, ChartLine, LineKind
from csc_scorecard.render.style import BORDER, TEXT

WIDTH, HEIGHT = 640, 250
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 34, 30
SERIES = "#1d70b8"
"""GOV.UK blue: the figures' line."""


def _line_style(kind: LineKind) -> tuple[str, str]:
    """Colour and dash pattern of a reference line; SPC lines grey, the target dark orange."""
    match kind:
        case LineKind.TARGET:
            return "#b54000", "7 4"
        case LineKind.CENTRE:
            return "#505a5f", ""
        case LineKind.LIMIT:
            return "#505a5f", "2 3"
        case _:
            assert_never(kind)


def _ticks(low: float, high: float) -> list[float]:
    """About five round axis values covering low..high."""
    span = high - low or abs(high) or 1.0
    raw = span / 5
    step = 10 ** math.floor(math.log10(raw))
    step *= next(m for m in (1, 2, 2.5, 5, 10) if raw <= step * m)
    first = math.floor(low / step) * step
    return [first + i * step for i in range(math.ceil((high - first) / step) + 1)]


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def chart_svg(chart: Chart, uid: str) -> str:
    """The chart as an ``<svg>`` element (an empty frame with its text when no points).

    ``uid`` prefixes the ids of its title and description, unique within the page.
    """
    values = [p.value for p in chart.points] + [line.value for line in chart.lines]
    ticks = _ticks(min(values, default=0.0), max(values, default=1.0))
    low, high = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return TOP + plot_h * (high - value) / ((high - low) or 1.0)

    def x(index: int) -> float:
        return LEFT + plot_w * (index + 0.5) / max(len(chart.points), 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'class="chart" aria-labelledby="{uid}-t {uid}-d" font-family="Arial, sans-serif" '
        f'font-size="13" fill="{TEXT}">',
        f'<title id="{uid}-t">{escape(chart.title)}</title>',
        f'<desc id="{uid}-d">{escape(chart.summary)}</desc>',
    ]
    for tick in ticks:
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" '
            f'y2="{y(tick):.1f}" stroke="#e5e6e7"/>'
        )
        parts.append(
            f'<text x="{LEFT - 5}" y="{y(tick) + 4:.1f}" text-anchor="end">'
            f"{_number(tick)}{escape(chart.suffix)}</text>"
        )
    # Every n-th month counted back from the latest, so the latest is always labelled.
    every = max(1, math.ceil(len(chart.points) / 8))
    for i, point in enumerate(chart.points):
        if (len(chart.points) - 1 - i) % every == 0:
            parts.append(
                f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 16}" '
                f'text-anchor="middle">{escape(point.label)}</text>'
            )
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" '
        f'y2="{TOP + plot_h}" stroke="{BORDER}"/>'
    )
    parts += [_reference(line, y(line.value)) for line in chart.lines]
    if chart.points:
        path = " ".join(f"{x(i):.1f},{y(p.value):.1f}" for i, p in enumerate(chart.points))
        parts.append(
            f'<polyline class="series" points="{path}" fill="none" '
            f'stroke="{SERIES}" stroke-width="2"/>'
        )
    for i, p in enumerate(chart.points):
        parts.append(
            f'<circle class="point" cx="{x(i):.1f}" cy="{y(p.value):.1f}" r="3" '
            f'fill="{SERIES}" data-value="{p.value}">'
            f"<title>{escape(p.label)}: {escape(p.text)}</title></circle>"
        )
    parts += _legend(chart.lines)
    parts.append("</svg>")
    return "".join(parts)


def _reference(line: ChartLine, at: float) -> str:
    colour, dash = _line_style(line.kind)
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line class="{line.kind.value}" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{at:.1f}" '
        f'y2="{at:.1f}" stroke="{colour}" stroke-width="1.5"{dashes} '
        f'data-value="{line.value}"><title>{escape(line.label)}</title></line>'
    )


def _legend(lines: tuple[ChartLine, ...]) -> list[str]:
    """The key across the top: the figures, then each kind of reference line once."""
    entries = [("Monthly figure", SERIES, "")]
    seen: set[LineKind] = set()
    for line in lines:
        if line.kind not in seen:
            seen.add(line.kind)
            name = {
                LineKind.TARGET: line.label,
                LineKind.CENTRE: "SPC mean",
                LineKind.LIMIT: "SPC process limits",
            }[line.kind]
            entries.append((name, *_line_style(line.kind)))
    parts, left = [], LEFT
    for name, colour, dash in entries:
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{left}" x2="{left + 22}" y1="13" y2="13" stroke="{colour}" '
            f'stroke-width="2"{dashes}/>'
        )
        parts.append(f'<text x="{left + 27}" y="17">{escape(name)}</text>')
        left += 44 + 7 * len(name)
    return parts
