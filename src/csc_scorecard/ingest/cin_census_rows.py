"""Row buffers and value conventions shared by the CIN census reader and writer.

Rows are gathered as tuples and, every ``CHUNK`` rows of a table, written out as an Arrow IPC file
in the reader's spill folder, so memory holds at most a chunk per table whatever the size of the
census. Only each row's keys (``KEEP``) stay in memory, which later census years are reconciled
by without reading the rows back.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import polars as pl

from csc_scorecard.ingest.reader import LOCATION, ROW

CHUNK = 4096

COLUMNS: dict[str, tuple[str, ...]] = {
    "ssd_person": (
        "la_code",
        "pers_person_id",
        "pers_sex",
        "pers_ethnicity",
        "pers_dob",
        "pers_expected_dob",
        "pers_death_date",
    ),
    "ssd_disability": ("la_code", "disa_table_id", "disa_person_id", "disa_disability_code"),
    "ssd_cin_episodes": (
        "la_code",
        "cine_referral_id",
        "cine_person_id",
        "cine_referral_date",
        "cine_referral_source_code",
        "cine_cin_primary_need_code",
        "cine_close_date",
        "cine_close_reason",
        "cine_referral_nfa",
    ),
    "ssd_cin_assessments": (
        "la_code",
        "cina_assessment_id",
        "cina_person_id",
        "cina_referral_id",
        "cina_assessment_start_date",
        "cina_assessment_auth_date",
    ),
    "ssd_cin_plans": (
        "la_code",
        "cinp_cin_plan_id",
        "cinp_referral_id",
        "cinp_person_id",
        "cinp_cin_plan_start_date",
        "cinp_cin_plan_end_date",
    ),
    "ssd_s47_enquiry": (
        "la_code",
        "s47e_s47_enquiry_id",
        "s47e_referral_id",
        "s47e_person_id",
        "s47e_s47_start_date",
        "s47e_s47_nfa",
    ),
    "ssd_initial_cp_conference": (
        "la_code",
        "icpc_icpc_id",
        "icpc_s47_enquiry_id",
        "icpc_person_id",
        "icpc_cp_plan_id",
        "icpc_referral_id",
        "icpc_icpc_target_date",
        "icpc_icpc_date",
        "icpc_icpc_outcome_cp_flag",
    ),
    "ssd_cp_plans": (
        "la_code",
        "cppl_cp_plan_id",
        "cppl_referral_id",
        "cppl_icpc_id",
        "cppl_person_id",
        "cppl_cp_plan_start_date",
        "cppl_cp_plan_end_date",
        "cppl_cp_plan_initial_category",
        "cppl_cp_plan_latest_category",
        "cppl_number_of_previous_cpp",
    ),
    "ssd_cp_reviews": (
        "la_code",
        "cppr_cp_review_id",
        "cppr_person_id",
        "cppr_cp_plan_id",
        "cppr_cp_review_date",
    ),
}
"""The canonical columns the census fills, per table, in the order rows are built."""

PERSON_COLUMN: dict[str, str] = {
    table: next(c for c in columns if c.endswith("person_id")) for table, columns in COLUMNS.items()
}

_OLD_SEX = {"1": "M", "2": "F", "0": "U", "9": "U"}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def sex_code(value: str | None) -> str | None:
    """The census ``Sex`` as M/F/U; older returns' ``GenderCurrent`` 1/2/0/9 are mapped.

    Any other value passes through unchanged so the validator reports it as an unknown code.
    """
    return None if value is None else _OLD_SEX.get(value, value)


def census_year(reference_date: str | None, year: str | None) -> int | None:
    """The reporting year (2024 = year to 31 March 2024) a census is for.

    Taken from ``ReferenceDate`` (the census date, 31 March), else from ``Year``.
    """
    match = _ISO_DATE.match(reference_date or "")
    if match:
        return int(match[1]) + (int(match[2]) > 3)
    return int(year) if year and year.isdigit() else None


def event_id(prefix: str, *parts: str) -> str:
    """A short stable id for an event from what identifies it.

    The parts include the child's id, so only a digest is kept: the id never shows through.
    """
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).hexdigest()
    return f"{prefix}-{digest}"


def bool_text(value: object) -> str | None:
    """A census boolean (``true``/``false``) from a canonical boolean."""
    return None if value is None else ("true" if value else "false")


KEEP: dict[str, tuple[str, ...]] = {table: columns[:2] for table, columns in COLUMNS.items()}
"""Columns of each table kept in memory: the council and the row's id, which later census years
supersede it by; for a disability its child (a later year's child supersedes the set), and for
a plan the conference that made it (carried over when a later year returns the plan)."""
KEEP["ssd_disability"] += (PERSON_COLUMN["ssd_disability"],)
KEEP["ssd_cp_plans"] += ("cppl_icpc_id",)


class TableRows:
    """Text rows per canonical table, with each row's record number and element path.

    Rows go to ``folder`` as Arrow IPC files of up to ``CHUNK`` rows (``files``); ``keys`` keeps
    the ``KEEP`` columns of every row, in order, in memory.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._buffers: dict[str, list[tuple[str | None, ...]]] = {t: [] for t in COLUMNS}
        self._locations: dict[str, list[str]] = {t: [] for t in COLUMNS}
        self._files: dict[str, list[Path]] = {t: [] for t in COLUMNS}
        self._keys: dict[str, list[pl.DataFrame]] = {t: [] for t in COLUMNS}
        self._counts: dict[str, int] = dict.fromkeys(COLUMNS, 0)

    def count(self, table: str) -> int:
        """Rows added to ``table`` so far."""
        return self._counts[table] + len(self._buffers[table])

    def add(self, table: str, location: str, values: tuple[str | None, ...]) -> None:
        """Add one row: ``values`` in ``COLUMNS[table]`` order, found at ``location``."""
        buffer = self._buffers[table]
        buffer.append(values)
        self._locations[table].append(location)
        if len(buffer) >= CHUNK:
            self._flush(table)

    def _flush(self, table: str) -> None:
        """Write the buffered rows out as one IPC file, built column by column (polars builds
        a column of Python strings several times faster than it splits rows into columns)."""
        buffer, done = self._buffers[table], self._counts[table]
        columns = zip(*buffer, strict=True)
        series = [pl.Series(n, v, pl.String) for n, v in zip(COLUMNS[table], columns, strict=True)]
        series.append(pl.Series(ROW, range(done + 1, done + 1 + len(buffer)), pl.Int64))
        series.append(pl.Series(LOCATION, self._locations[table], pl.String))
        frame = pl.DataFrame(series)
        self._counts[table] = done + len(buffer)
        self._buffers[table], self._locations[table] = [], []
        files = self._files[table]
        if not files:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = self.folder / f"{table}.{len(files):05d}.arrow"
        frame.write_ipc(path, compression="uncompressed")
        files.append(path)
        self._keys[table].append(frame.select(KEEP[table]))

    def flush(self) -> None:
        """Write out every buffered row: done when a file is read."""
        for table in COLUMNS:
            if self._buffers[table]:
                self._flush(table)

    def tables(self) -> list[str]:
        """Tables that received rows, in ``COLUMNS`` order."""
        self.flush()
        return [t for t in COLUMNS if self._files[t]]

    def files(self, table: str) -> list[Path]:
        """The IPC files holding ``table``'s rows, in row order."""
        self.flush()
        return list(self._files[table])

    def keys(self, table: str) -> pl.DataFrame:
        """The ``KEEP`` columns of every row of ``table``, in row order."""
        self.flush()
        chunks = self._keys[table]
        if not chunks:
            return pl.DataFrame(schema=dict.fromkeys(KEEP[table], pl.String))
        if len(chunks) > 1:
            self._keys[table] = [pl.concat(chunks)]
        return self._keys[table][0]
