"""Render ``docs/indicators.md`` from the catalogue (a test keeps the file current)."""

from __future__ import annotations

from itertools import groupby

from csc_scorecard.engine.catalogue.entry import Indicator
from csc_scorecard.engine.catalogue.load import load_catalogue

_HEADER = """# Indicator catalogue

Generated from `src/csc_scorecard/engine/catalogue/*.toml` by
`python -m csc_scorecard.engine.catalogue.docs > docs/indicators.md`; do not edit by hand.
How to add one: [indicators-howto.md](indicators-howto.md).
"""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _entry_markdown(ind: Indicator) -> str:
    codes = f" ({', '.join(ind.local_codes)})" if ind.local_codes else ""
    how = f"{ind.shape} from `src_{ind.from_}`" if ind.from_ else str(ind.shape)
    lines = [
        f"### `{ind.id}`{codes}",
        "",
        f"**{ind.title}**. {ind.unit}, counting {ind.counting}; {ind.polarity.value}; "
        f"periods: {', '.join(p.value for p in ind.periods)}; {how}.",
        "",
        f"- Definition: {_one_line(ind.definition)}",
        f"- Source: {_one_line(ind.source)}",
    ]
    if ind.decisions:
        lines.append(f"- Decisions: {_one_line(ind.decisions)}")
    if ind.breakdowns:
        lines.append(f"- Breakdowns: {', '.join(ind.breakdowns)}")
    return "\n".join(lines)


def render_markdown() -> str:
    """The whole catalogue document, grouped by domain in catalogue order."""
    parts = [_HEADER, f"{len(load_catalogue())} indicators.\n"]
    for domain, entries in groupby(load_catalogue(), key=lambda i: i.domain):
        parts.append(f"## {domain}\n")
        parts.extend(_entry_markdown(i) + "\n" for i in entries)
    return "\n".join(parts)


if __name__ == "__main__":
    print(render_markdown(), end="")
