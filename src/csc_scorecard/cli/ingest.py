"""``csc-scorecard ingest``: load council files into the store and show what became of every row."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from csc_scorecard.ingest import IngestReport, StoreError, ingest, readers
from csc_scorecard.ingest import Progress as Step
from csc_scorecard.ingest.pseudonymise import KeyFileError, load_key
from csc_scorecard.ingest.report import write_conflicts_csv, write_rejections_csv
from csc_scorecard.ingest.run import ProgressCallback

SHOWN_REJECTIONS = 20
SHOWN_CONFLICTS = 20


def register(app: typer.Typer) -> None:
    """Add the ``ingest`` command to the CLI."""
    app.command("ingest")(ingest_command)


def ingest_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders to load, or a warehouse URL (postgresql://...).",
            show_default=False,
        ),
    ],
    *,
    db: Annotated[Path, typer.Option(help="The DuckDB store (created if missing).")] = Path(
        "csc-scorecard.duckdb"
    ),
    format: Annotated[
        str | None, typer.Option(help="Input format, skipping detection (e.g. canonical).")
    ] = None,
    la_code: Annotated[
        str | None, typer.Option(help="Council's 3-digit LA code, for files without la_code.")
    ] = None,
    rejects: Annotated[
        Path | None,
        typer.Option(help="CSV of every rejection (default: <db stem>.rejects.csv beside the db)."),
    ] = None,
    pseudonymise_key_file: Annotated[
        Path | None,
        typer.Option(
            help="Replace child, family and worker ids by a keyed hash; the key file must be "
            "outside the store's folder and not readable by everyone."
        ),
    ] = None,
    as_at: Annotated[
        str | None,
        typer.Option(
            "--as-at",
            metavar="YYYY-MM-DD",
            help="The run's date: later dates are refused as not yet happened, except planned "
            "ones (due, target). Default: today.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Validate every row of PATH... and load the valid rows into the store.

    Exit 0: the run completed, even with rejected rows. 1: no input usable, or store not written.
    2: usage error.
    """
    names = [r.name for r in readers()]
    if format is not None and format not in names:
        raise typer.BadParameter(f"choose one of: {', '.join(names)}", param_hint="--format")
    missing = [p for p in paths if "://" not in p and not Path(p).exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint="PATH")
    inputs = [p if "://" in p else Path(p) for p in paths]
    run_date = _run_date(as_at)
    try:
        key = load_key(pseudonymise_key_file, db) if pseudonymise_key_file else None
    except KeyFileError as exc:
        raise typer.BadParameter(str(exc), param_hint="--pseudonymise-key-file") from None
    console = Console()
    try:
        with _progress() as progress:
            report = ingest(
                inputs,
                db,
                format=format,
                la_code=la_code,
                progress=progress,
                pseudonymise=key,
                as_at=run_date,
            )
    except StoreError as exc:
        console.print(Text(f"error: {exc}", style="red"))
        raise typer.Exit(1) from None
    rejects_csv = rejects or db.with_name(f"{db.stem}.rejects.csv")
    write_rejections_csv(report.rejections, rejects_csv)
    conflicts_csv = rejects_csv.with_name(
        f"{rejects_csv.name.removesuffix('.csv').removesuffix('.rejects')}.conflicts.csv"
    )
    if report.rows_merged or conflicts_csv.exists():  # never leave an earlier run's list
        write_conflicts_csv(report.conflicts, conflicts_csv)
    _print_report(console, report, rejects_csv, conflicts_csv)
    raise typer.Exit(1 if report.all_inputs_unusable else 0)


def _run_date(text: str | None) -> date | None:
    """``--as-at`` as a date (None: today, as ingest takes it)."""
    if text is None:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise typer.BadParameter("give the date as YYYY-MM-DD", param_hint="--as-at") from None


@contextmanager
def _progress() -> Iterator[ProgressCallback]:
    """A Rich progress bar per phase on stderr, cleared when the run ends."""
    bars = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def show(step: Step) -> None:
        if step.phase not in tasks:
            tasks[step.phase] = bars.add_task(step.phase, total=step.total)
        label = f"{step.phase} {step.item}".strip()
        bars.update(tasks[step.phase], completed=step.done, total=step.total, description=label)

    with bars:
        yield show


def _print_report(
    console: Console, report: IngestReport, rejects_csv: Path, conflicts_csv: Path
) -> None:
    merging = report.rows_merged > 0
    table = Table(title="Ingest", show_footer=True)
    table.add_column("file", footer="total")
    table.add_column("table")
    totals = [
        ("read", report.rows_read),
        ("loaded", report.rows_loaded),
        ("rejected", report.rows_rejected),
    ]
    if merging:
        totals.append(("merged", report.rows_merged))
    for name, total in totals:
        table.add_column(name, justify="right", footer=f"{total:,}")
    for c in report.counts:
        counts = [c.read, c.loaded, c.rejected] + ([c.merged] if merging else [])
        table.add_row(Text(c.source), c.table, *(f"{n:,}" for n in counts))
    console.print(table)
    if merging:
        console.print(
            Text(
                "read = loaded + rejected + merged. Merged: a child's row from one statutory "
                "return (CIN census, SSDA903, Annex A) combined into the same child's row from "
                "another return, so the child is loaded once; "
                f"{len(report.conflicts):,} field(s) on which the returns disagreed are listed "
                "below."
            ),
            soft_wrap=True,
        )
    for note in report.notes:
        console.print(Text(f"note: {note.source}: {note.message}"), soft_wrap=True)
    shown = report.rejections[:SHOWN_REJECTIONS]
    for rejection in shown:
        console.print(Text(rejection.describe()), soft_wrap=True)
    more = len(report.rejections) - len(shown)
    if more:
        console.print(f"... and {more:,} more.")
    console.print(Text(f"All {len(report.rejections):,} rejections: {rejects_csv}"), soft_wrap=True)
    if report.conflicts:
        for conflict in report.conflicts[:SHOWN_CONFLICTS]:
            console.print(Text(f"warning: {conflict.describe()}"), soft_wrap=True)
        more = len(report.conflicts) - SHOWN_CONFLICTS
        if more > 0:
            console.print(f"... and {more:,} more.")
        all_ = f"All {len(report.conflicts):,} conflicts: {conflicts_csv}"
        console.print(Text(all_), soft_wrap=True)
