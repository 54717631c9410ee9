"""``csc-scorecard report``: the monthly Performance Scorecard and the quarterly Performance &
Practice Report from a store."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from csc_scorecard.config import ConfigError, load_config
from csc_scorecard.engine.periods import parse_month
from csc_scorecard.history import HistoryError, RunKind, record_run, utc_now
from csc_scorecard.history_report import scorecard_figures
from csc_scorecard.render.from_store import scorecard_from_store
from csc_scorecard.render.layout import LayoutError, load_layout
from csc_scorecard.render.practice_from_store import practice_report_from_store
from csc_scorecard.render.practice_layout import load_practice_layout
from csc_scorecard.render.publish import Format, write_practice_report, write_scorecard
from csc_scorecard.render.report_layouts import load_dashboard_layout, load_improvement_layout
from csc_scorecard.render.store_reports import dashboard_from_store, improvement_from_store


def register(app: typer.Typer) -> None:
    """Add the ``report`` command group to the CLI."""
    group = typer.Typer(help="Write reports (Excel, HTML, PDF) from a store.", no_args_is_help=True)
    group.command("scorecard")(scorecard_command)
    group.command("practice")(practice_command)
    group.command("dashboard")(dashboard_command)
    group.command("improvement")(improvement_command)
    app.add_typer(group, name="report")


def _formats(text: str) -> list[Format]:
    chosen = [part.strip().lower() for part in text.split(",") if part.strip()]
    known = {f.value for f in Format}
    unknown = [part for part in chosen if part not in known]
    if unknown or not chosen:
        raise ValueError(f"--format takes a list of {', '.join(sorted(known))}; got {text!r}")
    return [Format(part) for part in chosen]


def scorecard_command(
    *,
    db: Annotated[Path, typer.Option(help="The DuckDB store built by ingest.")],
    config: Annotated[
        Path | None,
        typer.Option(help="The council's configuration (default: the shipped example)."),
    ] = None,
    month: Annotated[
        str | None, typer.Option(help="Reporting month, YYYY-MM (default: last in the data).")
    ] = None,
    layout: Annotated[
        Path | None,
        typer.Option(help="A layout file (default: the shipped scorecard layout)."),
    ] = None,
    out: Annotated[Path, typer.Option(help="Folder to write into.")] = Path("scorecard"),
    output_format: Annotated[
        str, typer.Option("--format", help="Comma-separated: xlsx, html, pdf.")
    ] = "xlsx,html,pdf",
    no_record: Annotated[
        bool, typer.Option("--no-record", help="A dry run: do not record it in the history.")
    ] = False,
) -> None:
    """Write the Children's Social Care Performance Scorecard for a month.

    The run, its configuration and its figures are recorded in the store (see ``history``)
    unless --no-record.
    """
    console, errors, started = Console(), Console(stderr=True), utc_now()
    try:
        formats = _formats(output_format)
        chosen_layout = load_layout(layout)
        council = load_config(config) if config is not None else None
        source = [
            ("Layout", layout.name if layout else "shipped scorecard layout"),
            *([("Configuration file", config.name)] if config else []),
        ]
        with errors.status("Computing and assessing indicators"):
            built = scorecard_from_store(
                db,
                layout=chosen_layout,
                config=council,
                month=parse_month(month) if month else None,
                source=source,
            )
        with errors.status("Writing the scorecard"):
            written = write_scorecard(built.report, out, formats)
        if not no_record:
            with errors.status("Recording the run"):
                figures = scorecard_figures(db, chosen_layout, built.la_code, built.month)
                run_id = record_run(
                    db,
                    kind=RunKind.REPORT,
                    results=figures,
                    started_utc=started,
                    month=built.month,
                    options={"report": "scorecard", "layout": str(layout or "shipped")},
                    config=config,
                )
            console.print(f"Recorded as run {run_id}", highlight=False)
    except (ConfigError, LayoutError) as error:
        errors.print(f"[red]error:[/red] {error}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    except HistoryError as error:
        errors.print(f"[red]error:[/red] {error} (the scorecard was written)", highlight=False)
        raise typer.Exit(1) from None
    except (ValueError, FileNotFoundError) as error:
        errors.print(f"[red]error:[/red] {error.args[0]}", highlight=False)
        raise typer.Exit(2) from None
    if built.example_config:
        console.print(
            "No --config given: using the shipped example configuration (seed 000's targets) "
            f"for council {built.la_code}.",
            highlight=False,
        )
    console.print(f"Scorecard for {built.report.subtitle.removeprefix('Data as at end of ')}:")
    for path in written.values():
        console.print(f"  {path}", highlight=False)


def practice_command(
    *,
    db: Annotated[Path, typer.Option(help="The DuckDB store built by ingest.")],
    config: Annotated[
        Path | None,
        typer.Option(help="The council's configuration (default: the shipped example)."),
    ] = None,
    month: Annotated[
        str | None, typer.Option(help="Reporting month, YYYY-MM (default: last in the data).")
    ] = None,
    layout: Annotated[
        Path | None,
        typer.Option(help="A layout file (default: the shipped practice report layout)."),
    ] = None,
    out: Annotated[Path, typer.Option(help="Folder to write into.")] = Path("practice_report"),
    output_format: Annotated[
        str, typer.Option("--format", help="Comma-separated: html, pdf.")
    ] = "html,pdf",
) -> None:
    """Write the quarterly Performance & Practice Report for the quarter holding a month."""
    console, errors = Console(), Console(stderr=True)
    try:
        formats = _formats(output_format)
        chosen_layout = load_practice_layout(layout)
        council = load_config(config) if config is not None else None
        source = [
            ("Layout", layout.name if layout else "shipped practice report layout"),
            *([("Configuration file", config.name)] if config else []),
        ]
        with errors.status("Computing and assessing indicators"):
            built = practice_report_from_store(
                db,
                layout=chosen_layout,
                config=council,
                month=parse_month(month) if month else None,
                source=source,
            )
        with errors.status("Writing the practice report"):
            written = write_practice_report(built.report, out, formats)
    except (ConfigError, LayoutError) as error:
        errors.print(f"[red]error:[/red] {error}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    except (ValueError, FileNotFoundError) as error:
        errors.print(f"[red]error:[/red] {error.args[0]}", highlight=False)
        raise typer.Exit(2) from None
    if built.example_config:
        console.print(
            "No --config given: using the shipped example configuration (seed 000's targets) "
            f"for council {built.la_code}.",
            highlight=False,
        )
    console.print(f"Performance & Practice Report for {built.report.subtitle}:", highlight=False)
    for path in written.values():
        console.print(f"  {path}", highlight=False)


DbOption = Annotated[Path, typer.Option(help="The DuckDB store built by ingest.")]
ConfigOption = Annotated[
    Path | None, typer.Option(help="The council's configuration (default: the shipped example).")
]
MonthOption = Annotated[
    str | None, typer.Option(help="Reporting month, YYYY-MM (default: last in the data).")
]


def dashboard_command(
    *,
    db: DbOption,
    config: ConfigOption = None,
    month: MonthOption = None,
    layout: Annotated[
        Path | None, typer.Option(help="A layout file (default: the shipped dashboard layout).")
    ] = None,
    out: Annotated[Path, typer.Option(help="Folder to write into.")] = Path("dashboard"),
    output_format: Annotated[
        str, typer.Option("--format", help="Comma-separated: html, pdf.")
    ] = "html,pdf",
) -> None:
    """Write the public Committee Performance Dashboard (small numbers suppressed)."""
    from csc_scorecard.render.dashboard_html import write_dashboard  # noqa: PLC0415

    console, errors = Console(), Console(stderr=True)
    try:
        formats = _formats(output_format)
        chosen_layout = load_dashboard_layout(layout)
        council = load_config(config) if config is not None else None
        with errors.status("Computing, assessing and suppressing"):
            built = dashboard_from_store(
                db,
                layout=chosen_layout,
                config=council,
                month=parse_month(month) if month else None,
                source=[("Layout", layout.name if layout else "shipped dashboard layout")],
            )
            written = write_dashboard(built.report, out, formats)
    except (ConfigError, LayoutError) as error:
        errors.print(f"[red]error:[/red] {error}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    except (ValueError, FileNotFoundError) as error:
        errors.print(f"[red]error:[/red] {error.args[0]}", highlight=False)
        raise typer.Exit(2) from None
    _written(console, "Performance Dashboard", built.report.subtitle, written.values())


def improvement_command(
    *,
    db: DbOption,
    config: ConfigOption = None,
    month: MonthOption = None,
    layout: Annotated[
        Path | None, typer.Option(help="A layout file (default: the shipped improvement layout).")
    ] = None,
    out: Annotated[Path, typer.Option(help="Folder to write into.")] = Path("improvement"),
    output_format: Annotated[
        str, typer.Option("--format", help="Comma-separated: xlsx, html, pdf.")
    ] = "xlsx,html,pdf",
) -> None:
    """Write the improvement-plan tolerance scorecard (RI / Good / Outstanding bands)."""
    console, errors = Console(), Console(stderr=True)
    try:
        formats = _formats(output_format)
        chosen_layout = load_improvement_layout(layout)
        council = load_config(config) if config is not None else None
        with errors.status("Computing and assessing the plan's measures"):
            built = improvement_from_store(
                db,
                layout=chosen_layout,
                config=council,
                month=parse_month(month) if month else None,
                source=[("Layout", layout.name if layout else "shipped improvement layout")],
            )
            written = write_scorecard(built.report, out, formats, stem="improvement")
    except (ConfigError, LayoutError) as error:
        errors.print(f"[red]error:[/red] {error}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    except (ValueError, FileNotFoundError) as error:
        errors.print(f"[red]error:[/red] {error.args[0]}", highlight=False)
        raise typer.Exit(2) from None
    _written(console, "Improvement plan scorecard", built.report.subtitle, written.values())


def _written(console: Console, name: str, subtitle: str, paths: Iterable[Path]) -> None:
    console.print(f"{name} ({subtitle}):", highlight=False)
    for path in paths:
        console.print(f"  {path}", highlight=False)
