"""Render ``docs/data-model.md`` from the schema declarations (a test keeps the file current)."""

from __future__ import annotations

from csc_scorecard.model.codes import CodeList, code_lists
from csc_scorecard.model.schema import Table
from csc_scorecard.model.tables import TABLES

_HEADER = """# Canonical data model

Generated from `src/csc_scorecard/model/tables.py` by `python -m csc_scorecard.model.docs`; do not
edit by hand. The model follows the [Standard Safeguarding Dataset](https://github.com/data-to-insight/ssd-data-model)
(SSD): a council that runs SSD can load its `ssd_*` tables as they are. Every table starts with
`la_code` (the council's 3-digit DfE code), so one store can hold many councils.

**Extensions** to SSD are marked *ext*: tables named `csc_*`, and columns the seeds' indicators
need that SSD lacks. Each says why in its description. SSD's names, addresses and other
identifying detail are deliberately not part of the model: no indicator needs them. A date may
not lie after the run unless its table says it may.
"""


def _table_markdown(table: Table) -> str:
    kind = "SSD table" if table.ssd else "*ext* table"
    lines = [
        f"## `{table.name}`",
        "",
        f"{table.description} ({kind}; key: {', '.join(f'`{k}`' for k in table.key)})",
        "",
        "| column | type | required | code list | description |",
        "|---|---|---|---|---|",
    ]
    for c in table.all_columns:
        ext = " *ext*" if not c.ssd else ""
        codes = f"`{c.codes}`" if c.codes else ""
        lines.append(
            f"| `{c.name}`{ext} | {c.type} | {'yes' if c.required else ''} | {codes} "
            f"| {c.description} |"
        )
    if table.date_order:
        pairs = "; ".join(f"`{a}` ≤ `{b}`" for a, b in table.date_order)
        lines += ["", f"Date order checked: {pairs}."]
    if table.person_column:
        lines += ["", f"`{table.person_column}` must be a child in `ssd_person`."]
    planned = [f"`{c.name}`" for c in table.all_columns if c.planned]
    if planned:
        lines += [
            "",
            f"May lie after the run (due, target or expected dates): {', '.join(planned)}.",
        ]
    never_negative = [f"`{c.name}`" for c in table.all_columns if c.non_negative]
    if never_negative:
        lines += ["", f"Never below zero: {', '.join(never_negative)}."]
    if table.age_event:
        lines += ["", f"The child may be no older than 25 at `{table.age_event}`."]
    return "\n".join(lines)


def _code_lists_markdown() -> str:
    out = [
        "## Code lists",
        "",
        "Kept as data in `src/csc_scorecard/model/code_lists.toml`. A code the DfE added or",
        "withdrew shows the collection years it applies to; a row whose event falls outside them",
        "is rejected.",
        "",
    ]
    for cl in code_lists().values():
        codes = ", ".join(_code_markdown(cl, code) for code in cl.codes)
        out.append(f"- **`{cl.name}`**: {cl.description} Source: {cl.source}. Codes: {codes}.")
    return "\n".join(out)


def _code_markdown(codes: CodeList, code: str) -> str:
    """The code, with the collection years it applies to where the DfE set them."""
    span = codes.span(code)
    return f"`{code}` ({span})" if span else f"`{code}`"


def render_markdown() -> str:
    """The whole data-model document."""
    parts = [_HEADER, *(_table_markdown(t) for t in TABLES), _code_lists_markdown()]
    return "\n\n".join(parts) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
