"""``csc-scorecard synth``: write synthetic councils' canonical CSV files."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from csc_scorecard.demo import catalogue_manual_specs
from csc_scorecard.synth import synthesise


def last_complete_month(today: date) -> date:
    """The first day of the calendar month before ``today``'s month."""
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def _month(value: str) -> date:
    try:
        return datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        raise typer.BadParameter("expected YYYY-MM, e.g. 2025-03") from None


def register(app: typer.Typer) -> None:
    """Add the ``synth`` command."""

    @app.command()
    def synth(
        *,
        out: Annotated[Path, typer.Option(help="Folder to write <table>.csv files into.")],
        children: Annotated[
            int, typer.Option(min=1, help="Children aged 0-17, all councils.")
        ] = 50_000,
        councils: Annotated[
            int, typer.Option(min=1, help="Number of councils (Z01, Z02 ...).")
        ] = 1,
        years: Annotated[int, typer.Option(min=1, help="Years of records.")] = 6,
        end_month: Annotated[
            str | None,
            typer.Option(help="Last month covered, YYYY-MM (default: last complete month)."),
        ] = None,
        seed: Annotated[int, typer.Option(help="Random seed; same seed, same files.")] = 1,
    ) -> None:
        """Generate realistic synthetic councils' children's social care records.

        Hand-entered measures are written for every manual indicator in the catalogue.
        """
        last = _month(end_month) if end_month else last_complete_month(date.today())
        console = Console()
        with Progress(console=console, transient=True) as bar:
            task = bar.add_task("Councils", total=councils)
            summary = synthesise(
                out, children=children, councils=councils, years=years, end_month=last, seed=seed,
                manual=catalogue_manual_specs(),
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )  # fmt: skip
        table = Table(
            "table",
            "rows",
            title=f"{len(summary.councils)} councils, {summary.children:,} children",
        )
        for name, rows in summary.rows.items():
            table.add_row(name, f"{rows:,}")
        console.print(table)
