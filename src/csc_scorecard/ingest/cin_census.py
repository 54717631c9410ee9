"""The CIN census reader: DfE children in need census XML, one file or a folder of census years.

A council's census returns overlap: a referral open at 31 March is returned again the next year,
with its closure filled in. Given a folder of returns, the reader keeps each child and each event
once, from the latest census year holding it, so several years load as one history. Within one
file nothing is merged: the same child or event twice is reported by the validator as a
duplicate, as the DfE validation would.

The reader streams: each census's rows are written, as they are parsed, to Arrow IPC files in a
private temporary folder (owner-only, made by ``tempfile`` so ``TMPDIR`` chooses where; removed
when ingest ends, however it ends, except when the process is killed outright), and only each
row's keys stay in memory. Later years are reconciled on those keys, and the rows are read back a
chunk at a time as ingest validates them, so memory does not grow with the size of the returns
(only the keys do, about 33 bytes a row).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from functools import partial
from pathlib import Path

import polars as pl

from csc_scorecard.ingest.cin_census_parse import (
    MalformedCensusError,
    ParsedCensus,
    parse_census,
)
from csc_scorecard.ingest.cin_census_rows import COLUMNS, PERSON_COLUMN
from csc_scorecard.ingest.reader import ReadResult
from csc_scorecard.ingest.report import Note, Reason, Rejection
from csc_scorecard.ingest.streaming import StreamResult, TableStream, collect
from csc_scorecard.model.schema import LA_CODE

_SNIFF_BYTES = 8192
_PROLOG = re.compile(
    r"^\ufeff?\s*(<\?xml[^>]*\?>\s*)?(<!--.*?-->\s*)*(<!DOCTYPE[^\[>]*(\[.*?\])?\s*>\s*)?"
    r"(<!--.*?-->\s*)*<Message[\s>]",
    re.DOTALL,
)
_COLLECTION = re.compile(
    r"<Header>.*?<CollectionDetails>\s*<Collection>\s*CIN\s*</Collection>", re.DOTALL
)
_PERSON = "ssd_person"
_PLANS = "ssd_cp_plans"
_MODULE_TABLE = {
    "ChildIdentifiers": "ssd_person",
    "ChildCharacteristics": "ssd_person",
    "Child": "ssd_person",
    "CINdetails": "ssd_cin_episodes",
    "Assessments": "ssd_cin_assessments",
    "CINPlanDates": "ssd_cin_plans",
    "Section47": "ssd_s47_enquiry",
    "ChildProtectionPlans": "ssd_cp_plans",
    "Reviews": "ssd_cp_reviews",
}


def is_cin_census(path: Path) -> bool:
    """True for an ``.xml`` file whose root is ``Message`` with a CIN collection header.

    Only the first few KB are read, with regular expressions rather than an XML parser, so
    sniffing a hostile file cannot expand entities.
    """
    if not (path.is_file() and path.suffix.lower() == ".xml"):
        return False
    with path.open("rb") as raw:
        head = raw.read(_SNIFF_BYTES).decode("utf-8", errors="ignore")
    return bool(_PROLOG.match(head) and _COLLECTION.search(head))


class CinCensusReader:
    """Reads CIN census XML: one return, or a folder of returns (several years, councils).

    In a folder, every file is accounted for: a census is read (or rejected as malformed) and
    any other file is rejected as an unsupported format. ``la_code`` fills a missing ``LEA``.
    """

    name = "cin_census"

    def detect(self, path: Path) -> bool:
        """True for a CIN census file, or a folder holding at least one."""
        if path.is_dir():
            return any(is_cin_census(p) for p in sorted(path.iterdir()))
        return is_cin_census(path)

    def read(self, path: Path, la_code: str | None) -> ReadResult:
        """Read every census into memory; events repeated in a later census year are taken
        from it."""
        result = self.stream(path, la_code)
        try:
            return collect(result)
        finally:
            result.cleanup()

    def stream(self, path: Path, la_code: str | None) -> StreamResult:
        """Parse every census now, its rows to a temporary folder; hand them over as streams.

        The caller must call the result's ``cleanup`` (ingest does) to remove the folder.
        """
        spill = Path(tempfile.mkdtemp(prefix="csc-cin-"))  # created 0700
        try:
            return self._stream(path, la_code, spill)
        except BaseException:
            shutil.rmtree(spill, ignore_errors=True)
            raise

    def _stream(self, path: Path, la_code: str | None, spill: Path) -> StreamResult:
        folder = path.is_dir()
        files = sorted(path.iterdir()) if folder else [path]
        parsed: list[tuple[Path, ParsedCensus]] = []
        rejections: list[Rejection] = []
        notes: list[Note] = []
        for n, file in enumerate(files):
            if file.is_dir():  # not searched: say so rather than skip its returns unseen
                why = f"{file.name} is a folder; give it as an input of its own to read it"
                rejections.append(_file_rejection(file, Reason.UNSUPPORTED_FORMAT, why, la_code))
                continue
            if folder and not is_cin_census(file):
                why = f"{file.name} is not a CIN census XML file"
                rejections.append(_file_rejection(file, Reason.UNSUPPORTED_FORMAT, why, la_code))
                continue
            try:
                census = parse_census(file, la_code, spill / str(n))
            except MalformedCensusError as exc:
                shutil.rmtree(spill / str(n), ignore_errors=True)
                why = f"{file.name} {exc}"
                rejections.append(_file_rejection(file, Reason.MALFORMED_FILE, why, la_code))
                continue
            parsed.append((file, census))
            notes += _census_notes(file, census)
        parsed.sort(key=lambda item: (item[1].year or 0, item[0].name))
        tables, merged = _latest_years(parsed)
        return StreamResult(
            [*rejections, *tables],
            notes + merged,
            cleanup=partial(shutil.rmtree, spill, ignore_errors=True),
        )


def _file_rejection(path: Path, reason: Reason, message: str, la_code: str | None) -> Rejection:
    return Rejection(str(path), "", None, None, reason, message, la_code=la_code)


def _census_notes(path: Path, census: ParsedCensus) -> list[Note]:
    notes = [Note(str(path), "", message) for message in census.notes]
    if not census.rows.count(_PERSON):
        notes.append(Note(str(path), _PERSON, f"{path.name} has no Child records"))
    for item, count in sorted(census.dropped.items()):
        table = _MODULE_TABLE.get(item.split("/")[0], "")
        why = "not loaded: the canonical model has no place for it"
        notes.append(Note(str(path), table, f"{item}: {count} value(s) {why}"))
    return notes


def _key_of(table: str) -> tuple[str, str]:
    """(key column in this table, table whose later keys supersede it).

    A child's disabilities are superseded as a set by a later return holding the child.
    """
    if table == "ssd_disability":
        return PERSON_COLUMN[table], _PERSON
    return COLUMNS[table][1], table


def _latest_years(
    parsed: list[tuple[Path, ParsedCensus]],
) -> tuple[list[TableStream], list[Note]]:
    """Streams per file and table, without rows a later census (later in ``parsed``) holds again.

    Decided on the keys kept in memory; the rows are dropped as they are read back.
    """
    later: dict[str, pl.DataFrame] = {}
    streams: list[TableStream] = []
    notes: list[Note] = []
    made_by = _conference_links(parsed)
    for path, census in reversed(parsed):
        rows = census.rows
        as_of = _census_date(census.year)
        for table in rows.tables():
            column, by = _key_of(table)
            keys = rows.keys(table).select(LA_CODE, pl.col(column).alias(_KEY))
            drop = later.get(by)
            repeated = 0 if drop is None else keys.join(drop, on=[LA_CODE, _KEY], how="semi").height
            if repeated:
                why = f"{repeated} row(s) repeated in a later census year taken from it"
                notes.append(Note(str(path), table, why))
            if repeated < keys.height:
                links = made_by if table == _PLANS else None
                batches = partial(_batches, rows.files(table), column, drop, links)
                streams.append(TableStream(table, str(path), batches, as_of))
        for table in rows.tables():
            keys = rows.keys(table).select(LA_CODE, pl.col(COLUMNS[table][1]).alias(_KEY))
            keys = keys.drop_nulls()
            later[table] = pl.concat([later[table], keys]) if table in later else keys
    streams.reverse()
    return streams, notes


_KEY = "__key"
_ICPC = "__icpc"


def _census_date(year: int | None) -> date | None:
    """The census date (31 March) of a reporting year."""
    return None if year is None else date(year, 3, 31)


def _batches(
    files: list[Path], column: str, drop: pl.DataFrame | None, links: pl.DataFrame | None
) -> Iterator[pl.DataFrame]:
    """A file's rows of one table, a chunk at a time, less those keyed in ``drop``; plans get
    the conference that made them from ``links`` where their own copy has none."""
    for file in files:
        frame = pl.read_ipc(file)
        if drop is not None:
            frame = frame.join(
                drop,
                left_on=[LA_CODE, column],
                right_on=[LA_CODE, _KEY],
                how="anti",
                maintain_order="left",
            )
        if links is not None:
            conference = "cppl_icpc_id"
            frame = frame.join(links, on=[LA_CODE, _PLAN], how="left", maintain_order="left")
            frame = frame.with_columns(pl.coalesce(conference, _ICPC).alias(conference))
            frame = frame.drop(_ICPC)
        yield frame


_PLAN = COLUMNS[_PLANS][1]


def _conference_links(parsed: list[tuple[Path, ParsedCensus]]) -> pl.DataFrame | None:
    """Plans keep the conference that made them when a later year returns them without it.

    A plan open at 31 March is returned again the next year, but its initial conference was
    held (and returned) in the earlier year only, so the later copy, which is the one loaded,
    cannot link the two by date; the earlier copy's link is carried over.
    """
    links = [
        census.rows.keys(_PLANS).select(LA_CODE, _PLAN, pl.col("cppl_icpc_id").alias(_ICPC))
        for _, census in parsed
        if _PLANS in census.rows.tables()
    ]
    if not links:
        return None
    found = pl.concat(links).drop_nulls()
    return found.unique([LA_CODE, _PLAN], keep="last", maintain_order=True)
