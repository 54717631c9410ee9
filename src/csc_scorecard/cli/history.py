"""``csc-scorecard history`` and ``diff``: the runs published from a store, and how two differ."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from csc_scorecard.history import HistoryError, RunRecord, list_runs
from csc_scorecard.history_diff import FigureChange, RunDiff, diff_runs

Db = Annotated[Path, typer.Option(help="The DuckDB store built by ingest.")]
DEFAULT_DB = Path("csc-scorecard.duckdb")
SHORT_ID = 12
SHORT_COMMIT = 8


def register(app: typer.Typer) -> None:
    """Add the ``history`` and ``diff`` commands to the CLI."""
    app.command("history")(history_command)
    app.command("diff")(diff_command)


def history_command(*, db: Db = DEFAULT_DB) -> None:
    """List every compute and report run recorded in the store, oldest first.

    Exit 0: listed (possibly none). 1: no store at --db.
    """
    console = Console()
    try:
        runs = list_runs(db)
    except FileNotFoundError as exc:
        console.print(Text(f"error: {exc}", style="red"))
        raise typer.Exit(1) from None
    if not runs:
        console.print("No runs recorded yet: compute and report record each run.")
        return
    table = Table(title="Recorded runs")
    for name in ("run", "kind", "month", "finished (UTC)", "figures"):
        table.add_column(name, justify="right" if name == "figures" else "left", no_wrap=True)
    table.add_column("code")
    table.add_column("configuration")
    for run in runs:
        table.add_row(
            run.run_id[:SHORT_ID],
            run.kind.value,
            str(run.month or "-"),
            f"{run.finished_utc:%Y-%m-%d %H:%M}",
            f"{run.figures:,}",
            Text(_short_code(run)),
            Text(f"{run.config.sha256[:SHORT_COMMIT]} {run.config.path}" if run.config else "-"),
        )
    console.print(table)


def diff_command(
    first: Annotated[str, typer.Argument(help="The earlier run's id (or a unique prefix).")],
    second: Annotated[str, typer.Argument(help="The later run's id (or a unique prefix).")],
    *,
    db: Db = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="Changed figures to list (0: all).")] = 50,
) -> None:
    """Explain how two runs' figures differ: which changed, and why where the record tells.

    Exit 0: compared (whether or not anything differs). 1: no store. 2: unknown run.
    """
    console = Console()
    try:
        found = diff_runs(db, first, second)
    except FileNotFoundError as exc:
        console.print(Text(f"error: {exc}", style="red"))
        raise typer.Exit(1) from None
    except HistoryError as exc:
        console.print(Text(f"error: {exc}", style="red"))
        raise typer.Exit(2) from None
    _print_causes(console, found)
    _print_changes(console, found, limit)


def _print_causes(console: Console, found: RunDiff) -> None:
    old, new = found.old, found.new
    console.print(Text(f"{_label(old)}  ->  {_label(new)}"))
    for change in found.inputs:
        what = (
            "not read before"
            if change.old_sha256 is None
            else "not read now"
            if change.new_sha256 is None
            else f"checksum {change.old_sha256[:12]} -> {change.new_sha256[:12]}"
        )
        console.print(Text(f"input changed: {change.path}: {what}"), soft_wrap=True)
    if found.config_keys == ("*",):
        console.print("configuration changed (or given for only one run)")
    elif found.config_keys:
        console.print(Text(f"configuration keys changed: {', '.join(found.config_keys)}"))
    if found.code_changed:
        console.print(Text(f"code changed: {old.code_version} -> {new.code_version}"))
    if found.options:
        console.print(Text(f"command options changed: {', '.join(found.options)}"))
    if found.unexplained:
        console.print(
            "figures differ but inputs, configuration, code and options are the same: "
            "the store's data was changed outside ingest"
        )


def _print_changes(console: Console, found: RunDiff, limit: int) -> None:
    console.print(
        f"{len(found.changed):,} figures changed; {found.only_old:,} only in the first run, "
        f"{found.only_new:,} only in the second."
    )
    if not found.changed:
        return
    shown = found.changed if limit <= 0 else found.changed[:limit]
    table = Table(title="Changed figures")
    for name in ("indicator", "council", "period", "to", "breakdown", "numerator", "denominator"):
        table.add_column(name)
    table.add_column("value")
    for c in shown:
        table.add_row(*(Text(cell) for cell in _cells(c)))
    console.print(table)
    if len(shown) < len(found.changed):
        console.print(f"... and {len(found.changed) - len(shown):,} more (--limit 0 lists all).")


def _cells(change: FigureChange) -> list[str]:
    breakdown = f"{change.breakdown}={change.breakdown_value}" if change.breakdown else ""
    moves = [f"{_number(a)} -> {_number(b)}" for a, b in zip(change.old, change.new, strict=True)]
    return [
        change.indicator_id,
        change.la_code,
        change.period_kind,
        str(change.period_end),
        breakdown,
        *moves,
    ]


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.3f}".rstrip("0")


def _short_code(run: RunRecord) -> str:
    """Package version and the commit's first characters, as ``git log --oneline`` shows it."""
    commit = run.git_commit
    if commit is None:
        return run.package_version
    edited = "+" if commit.endswith("+modified") else ""
    return f"{run.package_version} {commit[:SHORT_COMMIT]}{edited}"


def _label(run: RunRecord) -> str:
    return f"{run.kind.value} {run.run_id[:SHORT_ID]} ({run.finished_utc:%Y-%m-%d %H:%M} UTC)"
