"""Small inline SVG charts, drawn as text so HTML and WeasyPrint's PDF show the same picture.

No plotting library: a committee dashboard needs a sparkline per figure (the shape of the last
year, not its detail), and SVG written here has no fonts, scripts or files to go missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from csc_scorecard.render.style import TEXT

LINE = "#1d70b8"
"""GOV.UK blue: reads at better than 4.5:1 on white."""


def _coordinates(
    values: Sequence[float | None], width: float, height: float, pad: float
) -> list[tuple[float, float] | None]:
    known = [v for v in values if v is not None]
    if not known:
        return [None] * len(values)
    low, high = min(known), max(known)
    span = high - low or 1.0
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    return [
        None
        if v is None
        else (pad + i * step, height - pad - (v - low) / span * (height - 2 * pad))
        for i, v in enumerate(values)
    ]


def sparkline(
    values: Sequence[float | None], *, label: str, width: float = 120, height: float = 32
) -> str:
    """A line through ``values`` (oldest first), broken where a value is None, last point dotted.

    A None is a month without a figure or one withheld for suppression: it leaves a gap, so
    the line never hints at a number the table does not show. The vertical scale runs from the
    lowest to the highest value shown (a sparkline shows shape, not size).

    Args:
        label: what the chart shows, in words, for screen readers ("Contacts, monthly, ...").
    """
    points = _coordinates(values, width, height, pad=3)
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    paths = []
    for run in runs:
        if len(run) > 1:
            drawn = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            paths.append(
                f'<polyline points="{drawn}" fill="none" stroke="{LINE}" stroke-width="1.5" '
                'stroke-linejoin="round" stroke-linecap="round"/>'
            )
        elif run:
            x, y = run[0]
            paths.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.2" fill="{LINE}"/>')
    last = points[-1] if points else None
    if last is not None:
        paths.append(f'<circle cx="{last[0]:.1f}" cy="{last[1]:.1f}" r="2.5" fill="{TEXT}"/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sparkline" width="{width:g}" '
        f'height="{height:g}" viewBox="0 0 {width:g} {height:g}" role="img" '
        f'aria-label="{escape(label)}">{"".join(paths)}</svg>'
    )
