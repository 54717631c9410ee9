"""``csc-scorecard compute``: every indicator for every period, from the store to a results file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.console import Console
from rich.table import Table

from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.context import ComputeRange
from csc_scorecard.engine.periods import parse_month
from csc_scorecard.engine.run import compute_store
from csc_scorecard.files import write_frame


def register(app: typer.Typer) -> None:
    """Add the ``compute`` command to the CLI."""
    app.command("compute")(compute_command)


def compute_command(
    db: Annotated[Path, typer.Option(help="The DuckDB store built by ingest.")] = Path(
        "csc-scorecard.duckdb"
    ),
    out: Annotated[
        Path, typer.Option(help="Results file: .parquet, or CSV for any other suffix.")
    ] = Path("results.csv"),
    first: Annotated[
        str | None, typer.Option(help="First month to compute, YYYY-MM (default: data start).")
    ] = None,
    last: Annotated[
        str | None, typer.Option(help="Last month to compute, YYYY-MM (default: data end).")
    ] = None,
    indicator: Annotated[
        list[str] | None, typer.Option(help="Indicator id to compute (repeatable; default all).")
    ] = None,
) -> None:
    """Compute indicators for every month, rolling period, quarter and year in the data."""
    console = Console(stderr=True)
    try:
        compute_range = _range(first, last)
        with console.status("Computing indicators"):
            results = compute_store(db, compute_range=compute_range, indicator_ids=indicator)
    except (ValueError, KeyError, FileNotFoundError) as error:
        console.print(f"[red]error:[/red] {error.args[0]}")
        raise typer.Exit(2) from None
    write_frame(results, out)
    Console().print(latest_figures(results))
    console.print(f"{results.height:,} figures written to {out}")


def _range(first: str | None, last: str | None) -> ComputeRange | None:
    if first is None and last is None:
        return None
    if first is None or last is None:
        raise ValueError("give both --first and --last, or neither")
    return ComputeRange(parse_month(first), parse_month(last))


def latest_figures(results: pl.DataFrame) -> Table:
    """The latest rolling-12-month (or month-end) figure of each indicator, for a quick look."""
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
