"""``csc-scorecard compute`` and ``explain``: figures from the store, and the rows behind one."""

from __future__ import annotations

import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.console import Console
from rich.table import Table

from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.compile import DrillCell
from csc_scorecard.engine.engines import DUCKDB, ENGINE_HELP
from csc_scorecard.engine.periods import PeriodKind, parse_month
from csc_scorecard.engine.run import compute_store, councils_in_store, explain_store
from csc_scorecard.files import write_frame
from csc_scorecard.history import HistoryError, RunKind, record_run, utc_now

Db = Annotated[Path, typer.Option(help="The DuckDB store built by ingest.")]
Engine = Annotated[str, typer.Option(help=ENGINE_HELP)]
DEFAULT_DB = Path("csc-scorecard.duckdb")


class OutputFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    PARQUET = "parquet"


def register(app: typer.Typer) -> None:
    """Add the ``compute`` and ``explain`` commands to the CLI."""
    app.command("compute")(compute_command)
    app.command("explain")(explain_command)


def compute_command(
    *,
    db: Db = DEFAULT_DB,
    engine: Engine = DUCKDB,
    month: Annotated[
        str | None, typer.Option(help="Reporting month, YYYY-MM (default: last in the data).")
    ] = None,
    all_months: Annotated[
        bool, typer.Option("--all-months", help="Every month end, not only the reporting month.")
    ] = False,
    by: Annotated[
        list[str] | None,
        typer.Option(help="Break down by team, service, age_band, sex, ethnicity... (repeatable)."),
    ] = None,
    indicator: Annotated[
        list[str] | None, typer.Option(help="Indicator id (repeatable; default all).")
    ] = None,
    council: Annotated[
        list[str] | None,
        typer.Option(help="Council la_code (repeatable; default every council in the data)."),
    ] = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option("--format", help="csv, json or parquet (default: from --out, else csv)."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Results file (default: standard output).")
    ] = None,
    no_record: Annotated[
        bool, typer.Option("--no-record", help="A dry run: do not record it in the history.")
    ] = False,
) -> None:
    """Compute indicators for every period kind ending in the reporting month.

    Columns: la_code, indicator_id, period_kind, period_start, period_end, breakdown,
    breakdown_value, numerator, denominator, value (breakdown empty for the whole council).
    The run and its figures are recorded in the store (see ``history``) unless --no-record.
    """
    errors, started = Console(stderr=True), utc_now()
    try:
        with errors.status("Computing indicators"):
            results = compute_store(
                db,
                month=parse_month(month) if month else None,
                all_months=all_months,
                indicator_ids=indicator,
                breakdowns=by or [],
                engine=engine,
                councils=council,
            )
    except (ValueError, KeyError, FileNotFoundError, ConnectionError) as error:
        errors.print(f"[red]error:[/red] {error.args[0]}")
        raise typer.Exit(2) from None
    kind = output_format or _format_of(out)
    if out is None:
        if kind is OutputFormat.PARQUET:
            errors.print("[red]error:[/red] parquet needs --out FILE")
            raise typer.Exit(2)
        sys.stdout.write(_text(results, kind))
    else:
        write_frame(results, out, kind.value)
        Console().print(latest_figures(results))
        errors.print(f"{results.height:,} figures written to {out}")
    if no_record:
        return
    if not db.exists():
        # Figures from a warehouse or cluster, with no local store to keep the history in.
        errors.print(f"Not recorded in the history: no store at {db}", highlight=False)
        return
    options = {
        "all_months": all_months,
        "by": by or [],
        "indicator": indicator or [],
        "council": council or [],
    }
    _record(db, results, started, options)


def _record(db: Path, results: pl.DataFrame, started: datetime, options: dict[str, object]) -> None:
    """Record the published figures; a failure is reported after the figures are out."""
    errors = Console(stderr=True)
    month = results["period_end"].max() if results.height else None
    try:
        run_id = record_run(
            db,
            kind=RunKind.COMPUTE,
            results=results,
            started_utc=started,
            month=month,  # type: ignore[arg-type]
            options=options,
        )
    except HistoryError as error:
        errors.print(f"[red]error:[/red] {error}", highlight=False)
        raise typer.Exit(1) from None
    errors.print(f"Recorded as run {run_id}", highlight=False)


def explain_command(
    *,
    indicator: Annotated[str, typer.Option(help="Indicator id.")],
    period_kind: Annotated[PeriodKind, typer.Option(help="Period kind.")],
    month: Annotated[str, typer.Option(help="Month the period ends, YYYY-MM.")],
    db: Db = DEFAULT_DB,
    engine: Engine = DUCKDB,
    la_code: Annotated[
        str | None, typer.Option(help="Council (default: the only one in the store).")
    ] = None,
    breakdown: Annotated[str | None, typer.Option(help="Breakdown dimension, e.g. team.")] = None,
    value: Annotated[str | None, typer.Option(help="Breakdown value, e.g. a team name.")] = None,
    out: Annotated[Path | None, typer.Option(help="Write the rows to this CSV file.")] = None,
) -> None:
    """List the children and events behind one figure (child-level data: analysts only)."""
    errors = Console(stderr=True)
    try:
        council = la_code or _only_council(db, engine)
        cell = DrillCell(council, period_kind.value, str(parse_month(month)), breakdown, value)
        rows = explain_store(db, indicator, cell, engine)
    except (ValueError, KeyError, FileNotFoundError, ConnectionError) as error:
        errors.print(f"[red]error:[/red] {error.args[0]}")
        raise typer.Exit(2) from None
    if out is not None:
        write_frame(rows, out)
        errors.print(f"{rows.height:,} rows written to {out}")
        return
    in_numerator = int(rows["in_numerator"].sum()) if rows.height else 0
    errors.print(f"{rows.height:,} rows in scope, {in_numerator:,} in the numerator")
    sys.stdout.write(rows.write_csv())


def _only_council(db: Path, engine: str) -> str:
    councils = councils_in_store(db, engine)
    if len(councils) != 1:
        raise ValueError("the store holds several councils: give --la-code")
    return str(councils[0])


def _format_of(out: Path | None) -> OutputFormat:
    suffix = out.suffix.lstrip(".") if out else ""
    return OutputFormat(suffix) if suffix in set(OutputFormat) else OutputFormat.CSV


def _text(results: pl.DataFrame, kind: OutputFormat) -> str:
    return results.write_json() if kind is OutputFormat.JSON else results.write_csv()


def latest_figures(results: pl.DataFrame) -> Table:
    """The latest rolling-12-month, quarter or month-end figure of each indicator."""
    headline = (
        results.filter(
            pl.col("breakdown").is_null()
            & pl.col("period_kind").is_in(["rolling_12m", "snapshot", "quarter"])
        )
        .sort("period_end")
        .group_by("indicator_id", "la_code", "period_kind", maintain_order=True)
        .last()
        .sort("indicator_id", "la_code", "period_kind")
    )
    titles = {i.id: i.title for i in load_catalogue()}
    table = Table(title="Latest figures")
    for name in ("indicator", "council", "period", "to", "value"):
        table.add_column(name, justify="right" if name == "value" else "left")
    for row in headline.iter_rows(named=True):
        value = "-" if row["value"] is None else f"{row['value']:,.1f}"
        table.add_row(
            titles.get(row["indicator_id"], row["indicator_id"]),
            row["la_code"],
            row["period_kind"],
            str(row["period_end"]),
            value,
        )
    return table
