"""Run a hostile case through its public entry point and judge the result.

Rows are counted here independently of the readers (the ``csv`` module, an XML parser, the
case's own count) and compared with what ingest says it read: a row the reader neither loaded nor
rejected is a silent loss, unless the whole file was rejected by name. The store is queried
afterwards, so "loaded" means rows that are really there.
"""

from __future__ import annotations

import csv
import gzip
import io
import shutil
import traceback
from collections import Counter
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
from defusedxml import ElementTree

from csc_scorecard.config.load import ConfigError, load_config
from csc_scorecard.ingest import ingest
from csc_scorecard.ingest.canonical import table_of
from csc_scorecard.ingest.report import IngestReport, Reason
from csc_scorecard.ingest.run import StoreError
from csc_scorecard.reference.ees import ReferenceFileError
from csc_scorecard.reference.importer import import_reference
from hostile.case import Case, Outcome

FILE_LEVEL = {Reason.MALFORMED_FILE, Reason.UNSUPPORTED_FORMAT, Reason.MISSING_VALUE}
_NO_FIELD = {Reason.MALFORMED_FILE, Reason.DUPLICATE_KEY}
LONGEST_MESSAGE = 300
"""A message quotes at most a clipped value: a 1 MB cell must not make a 1 MB log line."""


def run(case: Case, work: Path, template: Path) -> Outcome:
    """Build ``case`` under ``work`` and run it; ``template`` is an empty store to copy."""
    outcome = Outcome(case.name, case.reader)
    path = case.build(work / "in")
    try:
        if case.reader == "config":
            _config(path, outcome)
        elif case.reader == "reference":
            _reference(path, case, outcome)
        else:
            db = work / "store.duckdb"
            shutil.copyfile(template, db)
            try:
                report = ingest([path], db, format=case.format, la_code=case.la_code)
            except StoreError as exc:
                _no_ids(case, str(exc), "StoreError", outcome)
                return outcome
    except Exception:  # anything but the documented error is a crash
        outcome.crash = traceback.format_exc(limit=-3)
        return outcome
    if case.reader not in {"config", "reference"}:
        _judge(case, path, report, db, outcome)
    return outcome


def _config(path: Path, outcome: Outcome) -> None:
    """A configuration is loaded or refused with every problem on a line naming the file."""
    try:
        load_config(path)
    except ConfigError as exc:
        lines = str(exc).splitlines()
        if not lines or not all(line.startswith(f"{path.name}: ") for line in lines):
            outcome.problems.append(f"config message does not name the file: {exc}")


def _reference(path: Path, case: Case, outcome: Outcome) -> None:
    """A reference file is imported or refused with a message naming the file."""
    con = duckdb.connect()
    try:
        import_reference(con, [path])
    except ReferenceFileError as exc:
        if path.name not in str(exc):
            outcome.problems.append(f"reference message does not name the file: {exc}")
        _no_ids(case, str(exc), "error", outcome)
    finally:
        con.close()


def _no_ids(case: Case, text: str, where: str, outcome: Outcome) -> None:
    for value in case.ids:
        if value in text:
            outcome.leaks.append(f"an identifier appears in {where}")
            return


def _judge(case: Case, path: Path, report: IngestReport, db: Path, outcome: Outcome) -> None:
    """Located messages, reconciled counts, rows in the store, no ids, no row or file lost."""
    for x in report.rejections:
        _no_ids(case, f"{x.message} {x.location or ''}", f"a {x.reason} message", outcome)
        if len(x.describe()) > LONGEST_MESSAGE:
            outcome.problems.append(f"{len(x.describe())}-character {x.reason} message")
        if not x.source:
            outcome.problems.append(f"rejection without a source: {x.message}")
        if x.row is None:
            if x.reason not in FILE_LEVEL:
                outcome.problems.append(f"file-level rejection of a row problem: {x.message}")
        elif x.row < 1 or (x.field is None and x.reason not in _NO_FIELD):
            outcome.problems.append(f"row-level rejection without row and field: {x.describe()}")
    for note in report.notes:
        _no_ids(case, note.message, "a note", outcome)
    drawn = {x.reason for x in report.rejections}
    outcome.problems += [f"no {reason} rejection" for reason in sorted(case.reasons - drawn)]
    rows = {(x.source, x.table, x.row) for x in report.rejections if x.row}
    rejected_rows = Counter((source, table) for source, table, _ in rows)
    for c in report.counts:
        if c.read != c.loaded + c.rejected or rejected_rows[(c.source, c.table)] != c.rejected:
            outcome.problems.append(f"counts do not reconcile for {c.source} -> {c.table}")
    _in_store(report, db, outcome)
    _accounted(case, path, report, outcome)


def _in_store(report: IngestReport, db: Path, outcome: Outcome) -> None:
    loaded = Counter[str]()
    for c in report.counts:
        loaded[c.table] += c.loaded
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table, n in loaded.items():
            if not table.startswith("ssd_"):
                continue  # a reader's own table name for rows it rejected itself (903 "header")
            (stored,) = con.execute(f'SELECT count(*) FROM "{table}"').fetchone() or (0,)
            if stored != n:
                outcome.lost.append(f"{table}: report says {n} loaded, store has {stored}")
    finally:
        con.close()


def _accounted(case: Case, path: Path, report: IngestReport, outcome: Outcome) -> None:
    """Every file is read, rejected or noted by name; every counted data row is read."""
    whole = {x.source for x in report.rejections if x.row is None}
    named = whole | {c.source for c in report.counts} | {n.source for n in report.notes}
    if not path.exists():
        if str(path) not in whole:
            outcome.lost.append("a missing input is not reported")
        return
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        within = [file, *(p for p in file.parents if p == path or path in p.parents)]
        if not any(str(p) in named for p in within) and not _hidden(file, path):
            outcome.lost.append(f"{file.relative_to(path.parent)} is neither read nor reported")
    read = Counter[tuple[str, str]]()
    for c in report.counts:
        read[(c.source, c.table)] += c.read
        read[(c.source, "*")] += c.read
    by_name = {f.name: str(f) for f in files}
    given = {(by_name.get(name, name), table): n for (name, table), n in case.expected.items()}
    expected = given or _counted(case.reader, files)
    for (source, table), rows in expected.items():
        if any(str(p) in whole for p in (Path(source), *Path(source).parents)):
            continue  # rejected whole (or its folder was), by name: nothing loaded, and said so
        got = read[(source, table)]
        if got != rows:
            outcome.lost.append(f"{Path(source).name}: {rows} data rows for {table}, read {got}")


def _hidden(file: Path, root: Path) -> bool:
    """Hidden files (``.DS_Store``) may be skipped without a word, as every tool does."""
    return any(part.startswith(".") for part in file.relative_to(root).parts)


def _counted(reader: str, files: list[Path]) -> dict[tuple[str, str], int]:
    """Data rows per file counted here, for readers whose files map rows one to one."""
    out: dict[tuple[str, str], int] = {}
    for file in files:
        if reader in {"canonical", "ssd"} and table_of(file) is not None:
            rows = _table_rows(file)
            if rows is not None:
                out[(str(file), "*")] = rows
        elif reader == "cin_census" and file.suffix == ".xml":
            children = _children(file)
            if children is not None:
                out[(str(file), "ssd_person")] = children
        elif reader == "ssda903" and file.name.startswith("header"):
            rows = _table_rows(file, skip_blank_fields=True)
            if rows is not None:
                out[(str(file), "*")] = rows
    return out


def _table_rows(file: Path, skip_blank_fields: bool = False) -> int | None:
    """Non-empty CSV records after the header; None when the file cannot be read as CSV."""
    try:
        if file.suffix == ".parquet":
            return int(pq.ParquetFile(file).metadata.num_rows)
        data = gzip.decompress(file.read_bytes()) if file.suffix == ".gz" else file.read_bytes()
        records = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    except (OSError, EOFError, UnicodeDecodeError, csv.Error, ValueError):
        return None
    body = [r for r in records[1:] if r]
    if skip_blank_fields:
        body = [r for r in body if any(v.strip() for v in r)]
    return len(body)


def _children(file: Path) -> int | None:
    try:
        root = ElementTree.parse(file).getroot()
    except Exception:  # any refusal (entities, bad XML) must be a whole-file rejection
        return None
    return len(root.findall("./Children/Child"))
