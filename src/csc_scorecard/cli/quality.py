"""``csc-scorecard quality``: what ingest rejected and loaded, and gaps to fix before a return."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from csc_scorecard.files import write_frame
from csc_scorecard.quality import QualitySummary, summarise


def register(app: typer.Typer) -> None:
    """Add the ``quality`` command to the CLI."""
    app.command("quality")(quality_command)


def quality_command(
    db: Annotated[Path, typer.Option(help="The DuckDB store built by ingest.")] = Path(
        "csc-scorecard.duckdb"
    ),
    out: Annotated[
        Path | None, typer.Option(help="Also write the summary as one CSV (section column).")
    ] = None,
    as_at: Annotated[
        str | None, typer.Option(help="Date the timeliness checks are as at (default today).")
    ] = None,
) -> None:
    """Summarise rejected rows, rows loaded and completeness gaps in the store.

    Exit 0: summary printed. 1: no store at --db. 2: usage error.
    """
    try:
        day = date.fromisoformat(as_at) if as_at else None
    except ValueError:
        raise typer.BadParameter("expected YYYY-MM-DD", param_hint="--as-at") from None
    console = Console()
    try:
        summary = summarise(db, day)
    except FileNotFoundError as exc:
        console.print(Text(f"error: {exc}", style="red"))
        raise typer.Exit(1) from None
    _print(console, summary)
    if out is not None:
        write_frame(summary.frame(), out, "csv")
        console.print(Text(f"Summary written to {out}"), soft_wrap=True)


def _print(console: Console, summary: QualitySummary) -> None:
    last = (
        f", last finished {summary.last_run_utc:%Y-%m-%d %H:%M} UTC" if summary.last_run_utc else ""
    )
    console.print(f"{summary.runs} ingest run(s){last}; checks as at {summary.as_at}")
    _table(
        console,
        "Rejected rows by table and reason",
        ["table", "reason", "rows"],
        [(r.table, r.reason, f"{r.count:,}") for r in summary.rejects],
    )
    _table(
        console,
        "Most common problems",
        ["table", "field", "reason", "message", "rows"],
        [(p.table, p.field, p.reason, p.pattern, f"{p.count:,}") for p in summary.problems],
    )
    _table(
        console,
        "Rows loaded",
        ["table", "council", "rows"],
        [(t.table, t.la_code, f"{t.rows:,}") for t in summary.loaded],
    )
    _table(
        console,
        "Completeness checks",
        ["council", "check", "rows", "of", "share"],
        [
            (c.la_code, c.title, f"{c.count:,}", f"{c.out_of:,}", _percent(c.share))
            for c in summary.checks
        ],
    )


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share:.1%}"


def _table(console: Console, title: str, columns: list[str], rows: list[tuple[str, ...]]) -> None:
    if not rows:
        console.print(f"{title}: none")
        return
    table = Table(title=title)
    for i, name in enumerate(columns):
        table.add_column(name, justify="right" if i == len(columns) - 1 else "left")
    for row in rows:
        table.add_row(*(Text(v) for v in row))
    console.print(table)
