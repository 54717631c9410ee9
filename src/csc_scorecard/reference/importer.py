"""Import reference files into the store, telling each file's layout from its header.

One command takes every file a council downloads (EES CSVs, the LAIT extract and dictionary, a
statistical neighbour model, its RIG CSV) in any order: the header says what each file is, so
nobody has to name the layout, and a file that matches none is refused by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import duckdb
import polars as pl

from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.reference.ees import AREA_COLUMNS, ReferenceFileError, read_csv, read_ees
from csc_scorecard.reference.lait import (
    DICTIONARY_COLUMNS,
    LONG_COLUMNS,
    read_lait_dictionary,
    read_lait_long,
)
from csc_scorecard.reference.measures import MeasureMap, load_measures
from csc_scorecard.reference.neighbours import is_neighbour_model, read_neighbours
from csc_scorecard.reference.rig import COLUMNS as RIG_COLUMNS
from csc_scorecard.reference.rig import read_rig
from csc_scorecard.reference.tables import (
    AREAS,
    LAIT_MEASURES,
    NEIGHBOURS,
    PUBLISHED,
    RIG,
    create_reference_tables,
    replace_rows,
)
from csc_scorecard.store.database import transaction


class Layout(StrEnum):
    """The kinds of reference file the importer reads."""

    EES = "EES statistics CSV"
    LAIT = "LAIT long extract"
    LAIT_DICTIONARY = "LAIT data dictionary"
    NEIGHBOURS = "statistical neighbour model"
    RIG = "RIG quarterly figures"


@dataclass(frozen=True)
class FileImport:
    """What one file gave: its layout, rows written by table, and cells of unknown text."""

    path: Path
    layout: Layout
    rows: dict[str, int]
    unrecognised: int = 0


def detect_layout(path: Path) -> Layout:
    """The layout of ``path``, from its header row.

    Raises:
        ReferenceFileError: the file is not CSV, or its header matches no layout.
    """
    if path.suffix.lower() != ".csv":
        raise ReferenceFileError(f"{path.name}: not a CSV file (save the sheet as CSV)")
    columns = read_csv(path, header_only=True).columns
    if set(AREA_COLUMNS) <= set(columns):
        return Layout.EES
    if set(LONG_COLUMNS) <= set(columns):
        return Layout.LAIT
    if set(DICTIONARY_COLUMNS) <= set(columns):
        return Layout.LAIT_DICTIONARY
    if is_neighbour_model(columns):
        return Layout.NEIGHBOURS
    if set(RIG_COLUMNS) <= set(columns):
        return Layout.RIG
    raise ReferenceFileError(
        f"{path.name}: not a layout csc-scorecard reads (EES CSV, LAIT long extract or "
        "dictionary, statistical neighbour model, RIG CSV); see docs/benchmarks.md"
    )


def import_reference(
    con: duckdb.DuckDBPyConnection, paths: Sequence[Path], measures: MeasureMap | None = None
) -> list[FileImport]:
    """Read every file, then write them all in one transaction (all or nothing).

    Raises:
        ReferenceFileError: a file cannot be read; nothing is written.
    """
    mapping = measures or load_measures()
    reads = [_read(path, mapping) for path in paths]
    create_reference_tables(con)
    with transaction(con):
        for _, frames, _ in reads:
            for table, frame in frames.items():
                replace_rows(con, table, frame)
    return [
        FileImport(path, layout, {t: f.height for t, f in frames.items()}, odd)
        for path, (layout, frames, odd) in zip(paths, reads, strict=True)
    ]


def _read(path: Path, measures: MeasureMap) -> tuple[Layout, dict[str, pl.DataFrame], int]:
    layout = detect_layout(path)
    match layout:
        case Layout.EES:
            published, areas, odd = read_ees(path, measures)
            return layout, {PUBLISHED: published, AREAS: areas}, odd
        case Layout.LAIT:
            published, odd = read_lait_long(path, measures)
            return layout, {PUBLISHED: published}, odd
        case Layout.LAIT_DICTIONARY:
            return layout, {LAIT_MEASURES: read_lait_dictionary(path)}, 0
        case Layout.NEIGHBOURS:
            return layout, {NEIGHBOURS: read_neighbours(path)}, 0
        case Layout.RIG:
            known = {i.id for i in load_catalogue()}
            return layout, {RIG: read_rig(path, known)}, 0
