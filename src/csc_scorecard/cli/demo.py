"""``csc-scorecard demo``: the whole job on a built-in synthetic council."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from csc_scorecard.demo import DEMO_CHILDREN, DEMO_YEARS, run_demo
from csc_scorecard.engine.periods import parse_month

REPORT_NAMES = {
    "scorecard": "Performance Scorecard",
    "practice_report": "Performance & Practice Report",
    "dashboard": "Committee Performance Dashboard",
    "improvement": "Improvement-plan scorecard",
}
"""What each report file the demo writes is, by its name."""


def register(app: typer.Typer) -> None:
    """Add the ``demo`` command to the CLI."""
    app.command("demo")(demo_command)


def demo_command(
    out: Annotated[Path, typer.Option(help="Folder to write everything into.")] = Path(
        "scorecard-demo"
    ),
    children: Annotated[int, typer.Option(help="Children aged 0-17 in the council.")] = (
        DEMO_CHILDREN
    ),
    years: Annotated[int, typer.Option(help="Years of history.")] = DEMO_YEARS,
    end_month: Annotated[
        str | None,
        typer.Option(
            help="Last month of data, YYYY-MM (default: the last complete quarter-end month)."
        ),
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed, the same council.")] = 1,
) -> None:
    """Synthesise a council, ingest it, compute every indicator and write every output."""
    console = Console()
    try:
        last = parse_month(end_month) if end_month else last_complete_quarter_end(date.today())
    except ValueError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    with console.status("Starting") as status:
        outputs = run_demo(
            out,
            end_month=last,
            children=children,
            years=years,
            seed=seed,
            step=status.update,
        )
    report = outputs.ingest_report
    console.print(
        f"Synthetic council, {children:,} children aged 0-17, {years} years to {last:%B %Y}."
    )
    console.print(
        f"Ingest: {report.rows_read:,} rows read, {report.rows_loaded:,} loaded, "
        f"{report.rows_rejected:,} rejected."
    )
    console.print("Wrote:")
    for label, path in (
        ("synthetic input files", outputs.data),
        ("store", outputs.store),
        ("rejected rows", outputs.rejects),
        (f"{outputs.figures:,} figures", outputs.results),
        ("indicator definitions", outputs.catalogue),
        *((REPORT_NAMES.get(report.stem, report.stem), report) for report in outputs.reports),
    ):
        console.print(f"  {path}  ({label})")


def last_complete_quarter_end(today: date) -> date:
    """The last day of the latest quarter-end month (Jun, Sep, Dec, Mar) ended before ``today``.

    Quarterly indicators only have a figure at a quarter's end, so a demo ending there shows a
    figure for every indicator in its reporting month.
    """
    last = today.replace(day=1) - timedelta(days=1)
    while last.month % 3:
        last = last.replace(day=1) - timedelta(days=1)
    return last
