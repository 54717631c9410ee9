"""``csc-scorecard ingest``: load council files into the store and show what became of every row."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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
from csc_scorecard.ingest.report import write_rejections_csv
from csc_scorecard.ingest.run import ProgressCallback

SHOWN_REJECTIONS = 20


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
    try:
        key = load_key(pseudonymise_key_file, db) if pseudonymise_key_file else None
    except KeyFileError as exc:
        raise typer.BadParameter(str(exc), param_hint="--pseudonymise-key-file") from None
    console = Console()
    try:
        with _progress() as progress:
            report = ingest(
                inputs, db, format=format, la_code=la_code, progress=progress, pseudonymise=key
            )
    except StoreError as exc:
        console.print(Text(f"error: {exc}", style="red"))
        raise typer.Exit(1) from None
    rejects_csv = rejects or db.with_name(f"{db.stem}.rejects.csv")
    write_rejections_csv(report.rejections, rejects_csv)
    _print_report(console, report, rejects_csv)
    raise typer.Exit(1 if report.all_inputs_unusable else 0)


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


def _print_report(console: Console, report: IngestReport, rejects_csv: Path) -> None:
    table = Table(title="Ingest", show_footer=True)
    table.add_column("file", footer="total")
    table.add_column("table")
    for name, total in (
        ("read", report.rows_read),
        ("loaded", report.rows_loaded),
        ("rejected", report.rows_rejected),
    ):
        table.add_column(name, justify="right", footer=f"{total:,}")
    for c in report.counts:
        table.add_row(Text(c.source), c.table, f"{c.read:,}", f"{c.loaded:,}", f"{c.rejected:,}")
    console.print(table)
    for note in report.notes:
        console.print(Text(f"note: {note.source}: {note.message}"), soft_wrap=True)
    shown = report.rejections[:SHOWN_REJECTIONS]
    for rejection in shown:
        console.print(Text(rejection.describe()), soft_wrap=True)
    more = len(report.rejections) - len(shown)
    if more:
        console.print(f"... and {more:,} more.")
    console.print(Text(f"All {len(report.rejections):,} rejections: {rejects_csv}"), soft_wrap=True)
