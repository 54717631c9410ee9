"""The CIN census reader: DfE children in need census XML, one file or a folder of census years.

A council's census returns overlap: a referral open at 31 March is returned again the next year,
with its closure filled in. Given a folder of returns, the reader keeps each child and each event
once, from the latest census year holding it, so several years load as one history. Within one
file nothing is merged: the same child or event twice is reported by the validator as a
duplicate, as the DfE validation would.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import polars as pl

from csc_scorecard.ingest.cin_census_parse import (
    MalformedCensusError,
    ParsedCensus,
    parse_census,
)
from csc_scorecard.ingest.cin_census_rows import COLUMNS, PERSON_COLUMN
from csc_scorecard.ingest.reader import RawTable, ReadResult
from csc_scorecard.ingest.report import Note, Reason, Rejection
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
        """Read every census; events repeated in a later census year are taken from it."""
        folder = path.is_dir()
        files = sorted(path.iterdir()) if folder else [path]
        parsed: list[tuple[Path, ParsedCensus]] = []
        rejections: list[Rejection] = []
        notes: list[Note] = []
        for file in files:
            if file.is_dir():  # not searched: say so rather than skip its returns unseen
                why = f"{file.name} is a folder; give it as an input of its own to read it"
                rejections.append(_file_rejection(file, Reason.UNSUPPORTED_FORMAT, why, la_code))
                continue
            if folder and not is_cin_census(file):
                why = f"{file.name} is not a CIN census XML file"
                rejections.append(_file_rejection(file, Reason.UNSUPPORTED_FORMAT, why, la_code))
                continue
            try:
                census = parse_census(file, la_code)
            except MalformedCensusError as exc:
                why = f"{file.name} {exc}"
                rejections.append(_file_rejection(file, Reason.MALFORMED_FILE, why, la_code))
                continue
            parsed.append((file, census))
            notes += _census_notes(file, census)
        parsed.sort(key=lambda item: (item[1].year or 0, item[0].name))
        tables, merged = _latest_years(parsed)
        return ReadResult(tables, rejections, notes + merged)


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
) -> tuple[list[RawTable], list[Note]]:
    """Raw tables per file, without rows a later census (later in ``parsed``) holds again."""
    later: dict[str, pl.DataFrame] = {}
    tables: list[RawTable] = []
    notes: list[Note] = []
    for path, census in reversed(parsed):
        frames = census.rows.frames()
        superseded: Counter[str] = Counter()
        for table, frame in frames.items():
            column, by = _key_of(table)
            kept = frame
            if by in later:
                kept = frame.join(
                    later[by], left_on=[LA_CODE, column], right_on=[LA_CODE, "__key"], how="anti"
                )
            superseded[table] = frame.height - kept.height
            if kept.height:
                tables.append(RawTable(table, str(path), kept))
        for table, frame in frames.items():
            keys = frame.select(LA_CODE, pl.col(COLUMNS[table][1]).alias("__key")).drop_nulls()
            later[table] = pl.concat([later[table], keys]) if table in later else keys
        notes += [
            Note(str(path), table, f"{n} row(s) repeated in a later census year taken from it")
            for table, n in superseded.items()
            if n
        ]
    tables.reverse()
    return _with_conference_links(tables, parsed), notes


def _with_conference_links(
    tables: list[RawTable], parsed: list[tuple[Path, ParsedCensus]]
) -> list[RawTable]:
    """Plans keep the conference that made them when a later year returns them without it.

    A plan open at 31 March is returned again the next year, but its initial conference was
    held (and returned) in the earlier year only, so the later copy, which is the one loaded,
    cannot link the two by date; the earlier copy's link is carried over.
    """
    plan, conference = COLUMNS[_PLANS][1], "cppl_icpc_id"
    links = [
        frame.select(LA_CODE, plan, pl.col(conference).alias("__icpc")).drop_nulls()
        for _, census in parsed
        if (frame := census.rows.frames().get(_PLANS)) is not None
    ]
    if not links:
        return tables
    made_by = pl.concat(links).unique([LA_CODE, plan], keep="last", maintain_order=True)
    linked = []
    for raw in tables:
        if raw.table == _PLANS:
            frame = raw.frame.join(made_by, on=[LA_CODE, plan], how="left", maintain_order="left")
            frame = frame.with_columns(pl.coalesce(conference, "__icpc").alias(conference))
            linked.append(RawTable(raw.table, raw.source, frame.drop("__icpc")))
        else:
            linked.append(raw)
    return linked
