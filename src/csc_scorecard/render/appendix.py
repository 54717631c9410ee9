"""The tables behind a report: breakdown sheets, indicator notes and the data source.

Seed 003's workbook has them as sheets after the scorecard ("Assessments by service", "s47 by
service", "Notes", "Data Source"): a reader who questions a figure finds how it splits, what it
means and where it came from without asking the analyst.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import polars as pl

from csc_scorecard.assess.council import AssessedIndicator
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.catalogue.entry import Unit
from csc_scorecard.engine.periods import Period, PeriodKind
from csc_scorecard.narrative.numbers import NO_FIGURE, format_value
from csc_scorecard.render import cells
from csc_scorecard.render.layout import BreakdownSheet, Layout
from csc_scorecard.render.model import Align, Cell, Column, Section

KIND_TITLES = {
    PeriodKind.MONTH: "Month",
    PeriodKind.ROLLING_3M: "Rolling 3m",
    PeriodKind.ROLLING_6M: "Rolling 6m",
    PeriodKind.ROLLING_12M: "Rolling 12m",
    PeriodKind.QUARTER: "Quarter",
    PeriodKind.YTD: "Year to date",
    PeriodKind.FY: "Financial year",
    PeriodKind.SNAPSHOT: "Snapshot",
}
NOT_RECORDED = "Not recorded"
WHOLE_COUNCIL = "Whole council"


def breakdown_section(
    sheet: BreakdownSheet, results: pl.DataFrame, la_code: str, month: date
) -> Section:
    """One indicator by one dimension: a row per value (e.g. service) and the whole council.

    Each period the sheet names gets a column; a percentage also gets its count ("152 of 180"),
    because a service's 60% may be three assessments out of five.
    """
    indicator = load_catalogue()[sheet.indicator]
    kinds = [k.value for k in sheet.periods]
    rows = results.filter(
        (pl.col("indicator_id") == sheet.indicator)
        & (pl.col("la_code") == la_code)
        & (pl.col("period_end") == month)
        & pl.col("period_kind").is_in(kinds)
    )
    whole = pl.col("breakdown").is_null() | (pl.col("breakdown") == "")
    split = rows.filter(pl.col("breakdown") == sheet.by)
    values = sorted(set(split["breakdown_value"].to_list()), key=lambda v: (v is None, v))
    columns = [Column(sheet.by.replace("_", " ").capitalize(), "indicator", width=30)]
    for kind in sheet.periods:
        label = f"{KIND_TITLES[kind]} ({Period.of(kind, month).label})"
        columns.append(Column(label, "figure", width=16, align=Align.RIGHT))
        if indicator.unit is Unit.PERCENT:
            columns.append(Column("Of", "figure", width=14, align=Align.RIGHT))
    table = [
        _breakdown_row(
            NOT_RECORDED if v is None else str(v), split.filter(_value_is(v)), sheet, indicator.unit
        )
        for v in values
    ]
    table.append(_breakdown_row(WHOLE_COUNCIL, rows.filter(whole), sheet, indicator.unit))
    caption = f"{indicator.title}, by {sheet.by.replace('_', ' ')}"
    return Section(sheet.title, tuple(columns), tuple(table), caption)


def _value_is(value: object) -> pl.Expr:
    column = pl.col("breakdown_value")
    return column.is_null() if value is None else column.eq(value)


def _breakdown_row(
    name: str, rows: pl.DataFrame, sheet: BreakdownSheet, unit: Unit
) -> tuple[Cell, ...]:
    found = {r["period_kind"]: r for r in rows.iter_rows(named=True)}
    row = [cells.text(name)]
    for kind in sheet.periods:
        figure = found.get(kind.value)
        row.append(cells.figure(figure["value"] if figure else None, unit))
        if unit is Unit.PERCENT:
            row.append(_count_of(figure))
    return tuple(row)


def _count_of(figure: Mapping[str, Any] | None) -> Cell:
    if figure is None or figure["numerator"] is None or figure["denominator"] is None:
        return cells.text(NO_FIGURE, Align.RIGHT)
    numerator = format_value(figure["numerator"], Unit.COUNT)
    denominator = format_value(figure["denominator"], Unit.COUNT)
    return cells.text(f"{numerator} of {denominator}", Align.RIGHT)


def notes_section(layout: Layout, assessed: Mapping[str, AssessedIndicator]) -> Section:
    """Each row's indicator: its catalogue title and id, definition and source."""
    columns = (
        Column("No", "number", width=4, align=Align.CENTRE),
        Column("Indicator", "indicator", width=40),
        Column("Definition", "analysis", width=80),
        Column("Source", "analysis", width=50),
    )
    rows = []
    for section in layout.section:
        for row in section.rows:
            indicator = assessed[row.indicator].indicator
            rows.append(
                (
                    cells.text(str(row.no), Align.CENTRE),
                    cells.text(f"{indicator.title} ({indicator.id})"),
                    cells.text(indicator.definition),
                    cells.text(indicator.source),
                )
            )
    return Section("Notes", columns, tuple(rows), "What each indicator counts, and its source.")


def data_source_section(facts: Sequence[tuple[str, str]]) -> Section:
    """Where the figures came from, one fact a row."""
    columns = (Column("Item", "indicator", width=28), Column("Detail", "analysis", width=90))
    rows = tuple((cells.text(item), cells.text(detail)) for item, detail in facts)
    return Section("Data Source", columns, rows, "Where the figures in this report came from.")
