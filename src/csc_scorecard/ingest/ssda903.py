"""The SSDA903 reader: a council's looked-after children return (a set of CSV tables).

One input is a folder of 903 tables (or one table file); several years' returns may sit side by
side, in year folders (``2023/episodes.csv``) or with the year in file names
(``episodes_2024.csv``). Years are reconciled before validation: when the same record (same
child and start date) appears in several returns, the latest return's version is loaded and the
earlier ones are reported as superseded, so an episode open at one year end and closed in the
next year's return loads once, closed. The 903 carries no council code: ``--la-code`` gives it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

import polars as pl

from csc_scorecard.ingest.reader import ROW, RawTable, ReadResult
from csc_scorecard.ingest.report import Note, Reason, Rejection
from csc_scorecard.ingest.ssda903_episodes import (
    SOURCE,
    across_files,
    ad1,
    episodes,
    placed_adoption,
    uasc,
)
from csc_scorecard.ingest.ssda903_files import (
    FileProblemError,
    Sheet,
    csv_files,
    header,
    read_sheet,
    table_of,
)
from csc_scorecard.ingest.ssda903_map import (
    KEY,
    YEAR,
    Mapper,
    missing,
    oc2,
    oc3,
    reviews,
    sw_episodes,
)
from csc_scorecard.ingest.ssda903_map import header as person
from csc_scorecard.model.schema import LA_CODE

MAPPERS: Mapping[str, Mapper] = {
    "header": person,
    "episodes": episodes,
    "uasc": uasc,
    "reviews": reviews,
    "missing": missing,
    "oc2": oc2,
    "oc3": oc3,
    "ad1": ad1,
    "placed_adoption": placed_adoption,
    "sw_episodes": sw_episodes,
}
UNMAPPED: Mapping[str, str] = {
    "prev_perm": "previous permanence (PREV_PERM, LA_PERM, DATE_PERM) has no place in the model",
}
DROPPED: Mapping[str, tuple[str, ...]] = {
    "header": ("UPN", "MOTHER", "MC_DOB"),
    "episodes": ("HOME_POST", "PL_POST"),
    "uasc": ("SEX",),
    "oc2": (
        *("SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS"),
        *("SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"),
    ),
    "ad1": ("FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
    "sw_episodes": ("SW_REASON",),
}
"""903 columns the canonical model has no place for (postcodes and UPNs deliberately so)."""
_NEEDS_YEAR = frozenset({"oc2", "oc3"})
_SUPERSEDED = "superseded by the same record in a later year's return (the later one is loaded)"


class Ssda903Reader:
    """Reads SSDA903 CSV tables for one council, one or several years at a time."""

    name = "ssda903"

    def detect(self, path: Path) -> bool:
        """True for a 903 table file, or a folder (or its year folders) holding one."""
        files = [path] if path.is_file() else csv_files(path) if path.is_dir() else []
        for f in files:
            if f.suffix.lower() == ".csv":
                try:
                    if table_of(header(f)):
                        return True
                except FileProblemError:
                    continue
        return False

    def read(self, path: Path, la_code: str | None) -> ReadResult:
        """Read every table of every return under ``path`` for council ``la_code``."""
        if not la_code:
            why = "SSDA903 files do not carry the council's code: give it with --la-code"
            return ReadResult([], [Rejection(str(path), "", None, None, Reason.MISSING_VALUE, why)])
        root = path if path.is_dir() else path.parent
        rejections: list[Rejection] = []
        notes: list[Note] = []
        sheets: list[Sheet] = []
        for f in csv_files(path):
            try:
                sheet, ragged = read_sheet(f, root)
            except FileProblemError as exc:
                rejections.append(Rejection(str(f), "", None, None, exc.reason, f"{f.name} {exc}"))
                continue
            sheets.append(sheet)
            rejections += ragged
        years = _years(sheets)
        frames: dict[str, list[pl.DataFrame]] = defaultdict(list)
        for sheet in sheets:
            notes += _notes(sheet)
            year = years.get(sheet.year, sheet.year)
            if sheet.table in UNMAPPED:
                continue
            if sheet.table in _NEEDS_YEAR and year is None:
                rejections.append(_no_year(sheet))
                continue
            mapped = MAPPERS[sheet.table](sheet, year)
            rejections += mapped.rejections
            for table, frame in mapped.frames.items():
                frames[table].append(frame.with_columns(pl.lit(str(sheet.path)).alias(SOURCE)))
        tables: dict[str, pl.DataFrame] = {}
        for table, parts in frames.items():
            tables[table], superseded = _latest(table, pl.concat(parts, how="diagonal_relaxed"))
            rejections += superseded
        derived = across_files(tables)
        rejections += derived.rejections
        raws = [
            _raw(table, frame, la_code)
            for table, frame in derived.frames.items()
            for frame in frame.partition_by(SOURCE, maintain_order=True)
        ]
        return ReadResult([r for r in raws if r.frame.height], rejections, notes)


def _years(sheets: list[Sheet]) -> dict[int | None, int | None]:
    """The year for sheets whose names carry none: the 31 March after their latest DECOM.

    A 903 return holds episodes that started on or before its 31 March, so the latest start
    date falls in the return's year.
    """
    undated = [s for s in sheets if s.year is None and s.table == "episodes"]
    starts = [s.frame.select(as_date_uk("DECOM").max()).item() for s in undated]
    latest = max((d for d in starts if d is not None), default=None)
    if latest is None:
        return {}
    return {None: latest.year + (1 if latest.month > 3 else 0)}


def as_date_uk(column: str) -> pl.Expr:
    """A 903 DD/MM/YYYY column as a date (null where it is not one)."""
    return pl.col(column).str.strptime(pl.Date, "%d/%m/%Y", strict=False)


def _latest(table: str, frame: pl.DataFrame) -> tuple[pl.DataFrame, list[Rejection]]:
    """Keep each record's latest return; the earlier returns' copies are superseded.

    Copies within one return are all kept, so the validator reports them as duplicates.
    """
    latest = pl.col(YEAR).fill_null(0) == pl.col(YEAR).fill_null(0).max().over(KEY)
    is_latest = latest | pl.col(KEY).is_null()
    old = frame.filter(~is_latest)
    superseded = [
        Rejection(source, table, row, None, Reason.DUPLICATE_KEY, _SUPERSEDED)
        for source, row in old.select(SOURCE, ROW).iter_rows()
    ]
    return frame.filter(is_latest), superseded


def _raw(table: str, frame: pl.DataFrame, la_code: str) -> RawTable:
    source = frame[SOURCE][0] if frame.height else ""
    canonical = [c for c in frame.columns if not c.startswith("__") and c != ROW]
    out = frame.select(pl.lit(la_code).alias(LA_CODE), *canonical, ROW).sort(ROW)
    return RawTable(table, source, out)


def _notes(sheet: Sheet) -> list[Note]:
    source = str(sheet.path)
    if sheet.table in UNMAPPED:
        rows = sheet.frame.height
        return [Note(source, "", f"{UNMAPPED[sheet.table]}: {rows} row(s) not loaded")]
    dropped = [c for c in DROPPED.get(sheet.table, ()) if c in sheet.frame.columns]
    if not dropped:
        return []
    return [Note(source, "", f"column(s) with no place in the model: {', '.join(dropped)}")]


def _no_year(sheet: Sheet) -> Rejection:
    why = (
        f"{sheet.path.name}: cannot tell which year's return this is (needed to date OC2 and OC3 "
        "records); put the year in the file or folder name, e.g. 2024/ or oc3_2024.csv"
    )
    return Rejection(str(sheet.path), "", None, None, Reason.MISSING_VALUE, why)
