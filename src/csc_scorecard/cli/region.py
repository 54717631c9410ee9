"""``csc-scorecard region``: every council in the store against its group (region, RIG)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.console import Console
from rich.table import Table

from csc_scorecard.assess.regional import VALUE_ASCENDING, read_groups, regional_frame
from csc_scorecard.engine.catalogue import Unit, load_catalogue
from csc_scorecard.engine.periods import PeriodKind, parse_month
from csc_scorecard.engine.run import compute_store
from csc_scorecard.files import write_frame

HEADLINE_KINDS = (
    PeriodKind.ROLLING_12M,
    PeriodKind.SNAPSHOT,
    PeriodKind.FY,
    PeriodKind.YTD,
    PeriodKind.QUARTER,
    PeriodKind.ROLLING_6M,
    PeriodKind.ROLLING_3M,
    PeriodKind.MONTH,
)
"""The period kind printed for an indicator: the first it has, longest window first, as the
seed scorecards lead with the rolling 12 months (the file holds every kind)."""


def register(app: typer.Typer) -> None:
    """Add the ``region`` command to the CLI."""
    app.command("region")(region_command)


def region_command(
    *,
    db: Annotated[Path, typer.Option(help="The DuckDB store built by ingest.")],
    groups: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            dir_okay=False,
            help="Group membership, .toml or .csv (default: one group of all councils).",
        ),
    ] = None,
    month: Annotated[
        str | None, typer.Option(help="Reporting month, YYYY-MM (default: last in the data).")
    ] = None,
    indicator: Annotated[
        list[str] | None, typer.Option(help="Indicator id (repeatable; default all).")
    ] = None,
    all_months: Annotated[
        bool, typer.Option("--all-months", help="Write every month end, not only the month.")
    ] = False,
    out: Annotated[
        Path | None, typer.Option(help="Write the full table here (.csv or .parquet).")
    ] = None,
) -> None:
    """Each council against its group: group figure from summed numerators and denominators,
    mean of councils, rank (1 = best), quartiles of the councils and each council's band."""
    errors = Console(stderr=True)
    try:
        membership = read_groups(groups) if groups else None
        chosen = load_catalogue().select(indicator)
        with errors.status("Computing indicators for every council"):
            results = compute_store(
                db,
                month=parse_month(month) if month else None,
                all_months=all_months,
                indicator_ids=indicator,
                breakdowns=[],
            )
    except (ValueError, KeyError, FileNotFoundError) as error:
        errors.print(f"[red]error:[/red] {error.args[0]}", highlight=False)
        raise typer.Exit(2) from None
    if membership is not None:
        absent = set(membership["la_code"]) - set(results["la_code"])
        if absent:
            errors.print(f"not in the store, left out: {', '.join(sorted(absent))}")
    frame = regional_frame(results, membership, chosen)
    console = Console()
    for table in group_tables(frame, {i.id: (i.title, i.unit) for i in chosen}):
        console.print(table)
    if out is not None:
        write_frame(frame, out)
        errors.print(f"{frame.height:,} rows written to {out}", highlight=False)


def group_tables(frame: pl.DataFrame, about: dict[str, tuple[str, Unit]]) -> list[Table]:
    """One table per indicator and group for the latest month: each council's figure, the
    group's, its rank and band, at the indicator's headline period kind."""
    if frame.is_empty():
        return []
    latest = frame.filter(pl.col("period_end") == pl.col("period_end").max())
    order = {kind.value: place for place, kind in enumerate(HEADLINE_KINDS)}
    headline = latest.with_columns(
        place=pl.col("period_kind").replace_strict(order, default=len(order))
    ).filter(pl.col("place") == pl.col("place").min().over("indicator_id"))
    tables = []
    for (indicator_id, group), rows in headline.group_by(
        "indicator_id", "group", maintain_order=True
    ):
        title, unit = about[str(indicator_id)]
        first = rows.row(0, named=True)
        table = Table(
            title=f"{title} - {group}, {first['period_kind']} to {first['period_end']}",
            caption=_caption(first, unit),
        )
        for name in ("council", "value", "group value", "rank", "band"):
            table.add_column(name, justify="left" if name in ("council", "band") else "right")
        ranked = first["councils_with_figure"]
        for row in rows.iter_rows(named=True):
            rank = "-" if row["rank"] is None else f"{row['rank']} of {ranked}"
            table.add_row(
                row["la_code"],
                _number(row["value"], unit),
                _number(row["group_value"], unit),
                rank,
                row["quartile_band"] or "-",
            )
        tables.append(table)
    return tables


def _caption(row: dict[str, object], unit: Unit) -> str:
    quartiles = "  ".join(
        f"{label} {_number(row[column], unit)}"
        for label, column in (
            ("mean of councils", "councils_mean"),
            ("Q1", "lower_quartile"),
            ("median", "median"),
            ("Q3", "upper_quartile"),
        )
    )
    if row["rank_order"] == VALUE_ASCENDING:
        return f"{quartiles}\nno better direction: ranked lowest value first"
    return quartiles


def _number(value: object, unit: Unit) -> str:
    if not isinstance(value, int | float):
        return "-"
    if unit is Unit.COUNT:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{value:,.1f}{'%' if unit is Unit.PERCENT else ''}"
