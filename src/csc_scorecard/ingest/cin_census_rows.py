"""Row buffers and value conventions shared by the CIN census reader and writer.

Rows are gathered as tuples and turned into compact polars frames every ``CHUNK`` rows, so a file
of millions of events never holds millions of Python dicts at once.
"""

from __future__ import annotations

import hashlib
import re

import polars as pl

from csc_scorecard.ingest.reader import LOCATION, ROW

CHUNK = 10_000

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


class TableRows:
    """Text rows per canonical table, with each row's record number and element path."""

    def __init__(self) -> None:
        self._buffers: dict[str, list[tuple[object, ...]]] = {t: [] for t in COLUMNS}
        self._chunks: dict[str, list[pl.DataFrame]] = {t: [] for t in COLUMNS}
        self._counts: dict[str, int] = dict.fromkeys(COLUMNS, 0)

    def count(self, table: str) -> int:
        """Rows added to ``table`` so far."""
        return self._counts[table]

    def add(self, table: str, location: str, values: tuple[str | None, ...]) -> None:
        """Add one row: ``values`` in ``COLUMNS[table]`` order, found at ``location``."""
        self._counts[table] += 1
        buffer = self._buffers[table]
        buffer.append((*values, self._counts[table], location))
        if len(buffer) >= CHUNK:
            self._flush(table)

    def _flush(self, table: str) -> None:
        """Turn the buffered rows into a frame, column by column (polars builds a column of
        Python strings several times faster than it splits rows into columns)."""
        schema = dict.fromkeys(COLUMNS[table], pl.String) | {ROW: pl.Int64, LOCATION: pl.String}
        columns = zip(*self._buffers[table], strict=True)
        named = zip(schema.items(), columns, strict=True)
        series = [pl.Series(name, values, dtype) for (name, dtype), values in named]
        self._chunks[table].append(pl.DataFrame(series))
        self._buffers[table] = []

    def flush(self) -> None:
        """Turn every buffered row into frames: done when a file is read, because rows left
        as Python tuples take about six times the memory of the same rows in a frame."""
        for table in COLUMNS:
            if self._buffers[table]:
                self._flush(table)

    def frames(self) -> dict[str, pl.DataFrame]:
        """Every table that received rows, as one frame each."""
        self.flush()
        out = {}
        for table in COLUMNS:
            if self._chunks[table]:
                out[table] = pl.concat(self._chunks[table], rechunk=False)
        return out
