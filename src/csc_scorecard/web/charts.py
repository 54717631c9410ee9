"""A monthly series as an inline SVG line chart, drawn on the server.

Inline SVG needs no script, no chart library and no network (the machine may be offline), and
its presentation attributes are allowed by a strict Content Security Policy. The chart is
decoration for sighted readers: the series table beside it carries the same figures, so the SVG
has a short text alternative rather than every number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 36
LINE = "#1d70b8"
REFERENCE = {"target": "#00703c", "centre": "#505a5f", "limit": "#d4351c"}


@dataclass(frozen=True)
class Reference:
    """A horizontal line: ``kind`` is target, centre or limit."""

    kind: str
    label: str
    value: float


def line_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    references: Sequence[Reference] = (),
) -> Markup:
    """The chart; months without a figure break the line."""
    known = [v for v in values if v is not None] + [r.value for r in references]
    if not known:
        return Markup("")
    low, high = min(0.0, *known), max(known)
    span = (high - low) or 1.0

    def x(i: int) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (i / max(len(values) - 1, 1))

    def y(v: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (v - low) / span)

    parts = [_axis(low, high, y)]
    for ref in references:
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(ref.value):.1f}" '
            f'y2="{y(ref.value):.1f}" stroke="{REFERENCE[ref.kind]}" stroke-dasharray="6 4"/>'
            f'<text x="{WIDTH - RIGHT}" y="{y(ref.value) - 4:.1f}" text-anchor="end" '
            f'font-size="12" fill="{REFERENCE[ref.kind]}">{escape(ref.label)}</text>'
        )
    for run in _runs(values):
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in run)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{LINE}" stroke-width="2"/>')
    step = max(1, len(labels) // 8)
    for i in range(0, len(labels), step):
        anchor = "start" if i == 0 else "end" if i == len(labels) - 1 else "middle"
        parts.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - 12}" text-anchor="{anchor}" font-size="12" '
            f'fill="#0b0c0c">{escape(labels[i])}</text>'
        )
    body = "".join(parts)
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}: chart of the monthly figures in the table below">'
        f"{body}</svg>"
    )


def _axis(low: float, high: float, y: Callable[[float], float]) -> str:
    ticks = [low + (high - low) * k / 4 for k in range(5)]
    return "".join(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="#b1b4b6" '
        f'stroke-width="0.5"/><text x="{LEFT - 6}" y="{y(t) + 4:.1f}" text-anchor="end" '
        f'font-size="12" fill="#0b0c0c">{t:,.4g}</text>'
        for t in ticks
    )


def _runs(values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    """Consecutive defined points, so a missing month leaves a gap."""
    runs: list[list[tuple[int, float]]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            runs.append([])
        else:
            runs[-1].append((i, v))
    return [r for r in runs if r]
