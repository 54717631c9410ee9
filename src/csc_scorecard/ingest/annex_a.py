"""The Ofsted Annex A workbook: lists 1-11 of children (and adopters) known to the council.

Sheets are found by their headings, not their position: a list is recognised by its sheet name or
a title row ("List 3 - Referrals", "List_3", "list 3: referrals"), and its header row is the first
of the top rows holding the child's id column, so title rows above the header are skipped. Each
list row becomes the canonical rows its list describes (``annex_a_lists``). A child appears in
several lists: ``ssd_person`` has one row per child, built from the first list that names them,
with gaps filled from later lists and disagreements reported as a note (never with the child's id).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

import polars as pl

from csc_scorecard.ingest.annex_a_book import Row, Workbook
from csc_scorecard.ingest.annex_a_lists import LISTS, PERSON_COLUMNS, Kind, ListSpec, normalise
from csc_scorecard.ingest.annex_a_values import cell_text, cell_texts
from csc_scorecard.ingest.reader import LOCATION, ROW, RawTable, ReadResult
from csc_scorecard.ingest.report import Note, Reason, Rejection
from csc_scorecard.model.schema import LA_CODE

_SUFFIXES = (".xlsx", ".xlsm")
_HEADER_SEARCH = 15  # rows scanned for a title and the header row
_LIST_TITLE = re.compile(r"^list ?(\d{1,2})\b")
_MIN_HEADINGS = 3
_BY_NUMBER = {spec.number: spec for spec in LISTS}
_PERSON = "ssd_person"


@dataclass(frozen=True)
class _Sheet:
    spec: ListSpec
    title: str
    header_row: int  # 1-based Excel row of the header
    header: Row


@dataclass
class _Collected:
    """Canonical rows gathered from every list, per table, in list order."""

    rows: dict[str, list[dict[str, str | None]]] = field(default_factory=lambda: defaultdict(list))
    people: list[dict[str, str | None]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


class AnnexAReader:
    """Reads an Ofsted Annex A workbook (.xlsx) into the canonical tables."""

    name = "annex_a"

    def detect(self, path: Path) -> bool:
        """True for a workbook with at least one sheet recognised as an Annex A list."""
        if not (path.is_file() and path.suffix.lower() in _SUFFIXES):
            return False
        try:
            book = Workbook(path)
        except Exception:  # calamine raises many kinds of error on a file that is not a workbook
            return False
        try:
            return any(True for _ in _list_sheets(book, []))
        except Exception:
            return False
        finally:
            book.close()

    def read(self, path: Path, la_code: str | None) -> ReadResult:
        """Read every list sheet; a file that is not a readable workbook is one rejection."""
        source = str(path)
        try:
            book = Workbook(path)
        except Exception:  # the message is ours: calamine's may quote the file's content
            return _malformed(source, f"{path.name} is not a readable Excel workbook (.xlsx)")
        try:
            collected = _Collected()
            found = [_read_sheet(book, s, source, collected) for s in _list_sheets(
                book, collected.notes, source)]  # fmt: skip
        except Exception:
            return _malformed(source, f"{path.name} could not be read as an Excel workbook")
        finally:
            book.close()
        if not found:
            return _malformed(source, f"{path.name} has no Annex A list sheets (List 1 to 11)")
        missing = sorted(set(_BY_NUMBER) - set(found))
        collected.notes += [
            Note(source, "", f"no sheet found for List {n} ({_BY_NUMBER[n].name})") for n in missing
        ]
        return ReadResult(_tables(collected, source, la_code), notes=collected.notes)


def _malformed(source: str, message: str) -> ReadResult:
    return ReadResult([], [Rejection(source, "", None, None, Reason.MALFORMED_FILE, message)])


def _list_sheets(book: Workbook, notes: list[Note], source: str = "") -> Iterator[_Sheet]:
    """Each sheet that is an Annex A list, with its header row; other sheets are noted."""
    ignored = []
    for title in book.titles():
        top = list(book.rows(title, _HEADER_SEARCH))
        spec = _which_list(title, top)
        header_at = _header_index(spec, top) if spec else None
        if spec is None or header_at is None:
            ignored.append(title)
            continue
        yield _Sheet(spec, title, header_at + 1, top[header_at])
    if ignored:
        notes.append(
            Note(source, "", f"sheets not read (not an Annex A list): {', '.join(ignored)}")
        )


def _which_list(title: str, top: list[Row]) -> ListSpec | None:
    """The list a sheet holds, from its name or a title cell above the header."""
    texts = [title, *(str(v) for row in top for v in row if isinstance(v, str))]
    for text in texts:
        found = _LIST_TITLE.match(normalise(text))
        if found and int(found.group(1)) in _BY_NUMBER:
            return _BY_NUMBER[int(found.group(1))]
    name = normalise(title)
    return next((s for s in LISTS if normalise(s.name) == name), None)


def _header_index(spec: ListSpec, top: list[Row]) -> int | None:
    """The first top row holding the list's id column (the child's, or the adopter's) among at
    least three of the list's headings: a guidance sheet quoting one heading is not a list."""
    id_headings = spec.fields[0].headings
    known = {h for fld in spec.fields for h in fld.headings}
    for i, row in enumerate(top):
        headings = {normalise(v) for v in row if isinstance(v, str)}
        if headings & set(id_headings) and len(headings & known) >= _MIN_HEADINGS:
            return i
    return None


def _read_sheet(book: Workbook, found: _Sheet, source: str, out: _Collected) -> int:
    """Collect one list's canonical rows; return the list number."""
    spec = found.spec
    by_heading = {h: fld for fld in spec.fields for h in fld.headings}
    columns = {i: by_heading.get(normalise(h)) for i, h in enumerate(found.header) if h is not None}
    _note_columns(spec, found, columns, source, out)
    dropped = Counter[str]()
    read = 0
    text = cell_texts()
    rows = islice(book.rows(found.title), found.header_row, None)
    for excel_row, cells in enumerate(rows, start=found.header_row + 1):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
            continue
        read += 1
        values = {
            fld.key: text(cells[i], fld.kind)
            for i, fld in columns.items()
            if fld is not None and i < len(cells) and fld.kind is not Kind.NOT_HELD
        }
        _derive(spec.number, values)
        if (
            spec.keep
            and normalise(cell_text(values.get(spec.keep[0]), Kind.YESNO) or "")
            not in (spec.keep[1])
        ):
            dropped[values.get(spec.keep[0]) or ""] += 1
            continue
        _collect(spec, found.title, excel_row - found.header_row, values, out)
    if spec.child is None and read:
        out.notes.append(Note(source, "", f"{found.title}: {read} row(s) not loaded: the model "
                              f"has no table for {spec.name.lower()}"))  # fmt: skip
    for status, n in sorted(dropped.items()):
        out.notes.append(Note(source, spec.outputs[0].table, f"{found.title}: {n} row(s) with "
                              f"case status '{status}' not loaded: not a {spec.outputs[0].table} "
                              "row (the child's plan is in another list)"))  # fmt: skip
    return spec.number


def _note_columns(
    spec: ListSpec, found: _Sheet, columns: dict[int, Any], source: str, out: _Collected
) -> None:
    """Columns the model cannot hold, headings not recognised, and expected columns absent."""
    table = spec.outputs[0].table if spec.outputs else ""
    mapped = {v for out in spec.outputs for v in out.columns.values()}
    used = mapped | set(PERSON_COLUMNS.values()) | ({spec.keep[0]} if spec.keep else set())
    not_held = [str(found.header[i]).strip() for i, f in columns.items() if f and f.key not in used]
    unknown = [str(found.header[i]).strip() for i, f in columns.items() if f is None]
    present = {f.key for f in columns.values() if f}
    absent = [f.label for f in spec.fields if f.headings and f.key in mapped - present]
    for what, names in (
        ("not loaded (no place in the model)", not_held),
        ("not loaded (heading not recognised)", unknown),
        ("no column found for", absent),
    ):
        if names and spec.child is not None:
            out.notes.append(Note(source, table, f"{found.title}: {what}: {'; '.join(names)}"))


def _derive(number: int, values: dict[str, str | None]) -> None:
    """Values a list implies but does not hold (List 8's current episode, List 10's order type)."""
    if number == 8:
        starts = {k: values.get(k) for k in ("cla_start", "legal_start", "place_start")}
        known = {k: d for k, d in ((k, _iso(v)) for k, v in starts.items()) if d}
        latest = max(known.values(), default=None)
        values["ep_start"] = latest.isoformat() if latest else starts["cla_start"]
        changed = {k for k, d in known.items() if d == latest}
        values["ep_reason"] = (
            "S" if "cla_start" in changed or not known
            else "U" if changed == {"legal_start", "place_start"}
            else "P" if "place_start" in changed
            else "L"
        )  # fmt: skip
    elif number == 10:
        values["order_type"] = "ADO" if values.get("order") else None


def _iso(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _collect(
    spec: ListSpec, title: str, row: int, values: dict[str, str | None], out: _Collected
) -> None:
    child = values.get(spec.child) if spec.child else None
    marks: dict[str, str | None] = {ROW: str(row), LOCATION: title}
    if spec.child is not None:
        out.people.append({c: values.get(k) for c, k in PERSON_COLUMNS.items()} | marks)
    ids = {name: _event_id(spec, name, child, [values.get(k) for k in keys], row)
           for name, keys in spec.ids.items()}  # fmt: skip
    for output in spec.outputs:
        if output.when and not values.get(output.when):
            continue
        out.rows[output.table].append(
            {column: _value(source, values, ids) for column, source in output.columns.items()}
            | marks
        )


def _value(source: str, values: dict[str, str | None], ids: dict[str, str]) -> str | None:
    if source.startswith("@"):
        return ids[source[1:]]
    if source.startswith("="):
        return source[1:]
    return values.get(source)


def _event_id(
    spec: ListSpec, name: str, child: str | None, parts: list[str | None], row: int
) -> str:
    """A stable id for an event the list does not number: the same child and dates give the same
    id on every run, so a repeated row is caught as a duplicate. Incomplete rows (rejected anyway)
    get their row number instead, so they are not mistaken for duplicates of each other."""
    key = [str(spec.number), name, child or "", *(p or "" for p in parts)]
    if child is None or any(p is None for p in parts):
        key.append(f"row {row}")
    digest = hashlib.sha256("\x1f".join(key).encode()).hexdigest()[:16]
    return f"aa{spec.number}-{name}-{digest}"


def _tables(collected: _Collected, source: str, la_code: str | None) -> list[RawTable]:
    frames = [(table, _frame(rows, la_code)) for table, rows in collected.rows.items()]
    if collected.people:
        people, conflicts = _people(_frame(collected.people, la_code))
        collected.notes += [
            Note(source, _PERSON, f"{n} child(ren) have a different {column} in different lists; "
                 "the value from the first list naming the child was kept")
            for column, n in conflicts.items() if n
        ]  # fmt: skip
        frames.insert(0, (_PERSON, people))
    return [RawTable(table, source, frame) for table, frame in frames]


def _frame(rows: Iterable[dict[str, str | None]], la_code: str | None) -> pl.DataFrame:
    frame = pl.DataFrame(list(rows), infer_schema_length=None).cast(pl.String)
    frame = frame.with_columns(pl.col(ROW).cast(pl.Int64))
    return frame.with_columns(pl.lit(la_code, pl.String).alias(LA_CODE)) if la_code else frame


def _people(frame: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, int]]:
    """One row per child: first non-empty value of each detail, and how many children disagree."""
    details = [c for c in PERSON_COLUMNS if c != "pers_person_id"]
    known = frame.filter(pl.col("pers_person_id").is_not_null())
    grouped = known.group_by("pers_person_id", maintain_order=True).agg(
        *(pl.col(c).drop_nulls().first() for c in details),
        *(pl.col(c).drop_nulls().n_unique().gt(1).alias(f"__x_{c}") for c in details),
        pl.col(ROW).first(),
        pl.col(LOCATION).first(),
        *([pl.col(LA_CODE).first()] if LA_CODE in frame.columns else []),
    )
    conflicts = {c.removeprefix("pers_"): int(grouped[f"__x_{c}"].sum()) for c in details}
    return grouped.drop(f"__x_{c}" for c in details), conflicts
