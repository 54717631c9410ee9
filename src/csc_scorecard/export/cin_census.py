"""Write one council's CIN census XML for one reporting year from the canonical tables.

Scope follows the census: every child with a referral (CIN episode) open at any point in the year
(referred on or before 31 March and not closed before 1 April), and within each episode the
assessments, CIN plans, section 47 enquiries and child protection plans open at any point in the
year, conferences and plan reviews held in the year. Records are placed in their episode by
referral id, or, without one, in the child's episode open on the record's start date.

Items the canonical model does not hold (UPN, factors at assessment, pre-proceedings) are not
written, so a DfE validator will ask for the UPN; the file is meant for round-trip checks and
for sharing a council's own history, not as a COLLECT return.
"""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from csc_scorecard.export.cin_census_xml import CensusXml, Header
from csc_scorecard.model import table_by_name
from csc_scorecard.model.schema import LA_CODE

Source = Mapping[str, pl.DataFrame] | duckdb.DuckDBPyConnection
"""The canonical tables: frames by table name (typed or text), or a store connection."""

_TABLES = (
    "ssd_person",
    "ssd_disability",
    "ssd_cin_episodes",
    "ssd_cin_assessments",
    "ssd_cin_plans",
    "ssd_s47_enquiry",
    "ssd_initial_cp_conference",
    "ssd_cp_plans",
    "ssd_cp_reviews",
)
# table: (person column, referral column, start date, end date or None for a point event)
_EVENTS = {
    "ssd_cin_assessments": (
        "cina_person_id",
        "cina_referral_id",
        "cina_assessment_start_date",
        "cina_assessment_auth_date",
    ),
    "ssd_cin_plans": (
        "cinp_person_id",
        "cinp_referral_id",
        "cinp_cin_plan_start_date",
        "cinp_cin_plan_end_date",
    ),
    "ssd_s47_enquiry": (
        "s47e_person_id",
        "s47e_referral_id",
        "s47e_s47_start_date",
        "s47e_s47_end_date",
    ),
    "ssd_initial_cp_conference": ("icpc_person_id", "icpc_referral_id", "icpc_icpc_date", None),
    "ssd_cp_plans": (
        "cppl_person_id",
        "cppl_referral_id",
        "cppl_cp_plan_start_date",
        "cppl_cp_plan_end_date",
    ),
}
_EPISODE = "__episode"


@dataclass(frozen=True)
class CensusWritten:
    """What ``export_cin_census`` wrote."""

    path: Path
    children: int
    episodes: int


def export_cin_census(
    source: Source,
    la_code: str,
    census_year: int,
    path: Path,
    *,
    generated: datetime | None = None,
) -> CensusWritten:
    """Write the CIN census for ``la_code`` and reporting year ``census_year`` to ``path``.

    Args:
        source: the canonical tables (frames by name, or a store connection).
        la_code: the council's 3-digit LA code (the Header's LEA).
        census_year: the reporting year, e.g. 2024 for 1 April 2023 to 31 March 2024.
        path: the XML file to write; it is replaced atomically and created owner-only.
        generated: the Header's DateTime; now (UTC) when not given.
    """
    first, last = f"{census_year - 1}-04-01", f"{census_year}-03-31"
    frames = {t: _load(source, t, la_code) for t in _TABLES}
    episodes = frames["ssd_cin_episodes"].filter(
        _in_year("cine_referral_date", "cine_close_date", first, last)
    )
    placed = {
        table: _place(frames[table], episodes, columns, first, last)
        for table, columns in _EVENTS.items()
    }
    reviews = frames["ssd_cp_reviews"].filter(
        _in_year("cppr_cp_review_date", None, first, last)
        & pl.col("cppr_cp_plan_id").is_in(placed["ssd_cp_plans"]["cppl_cp_plan_id"].implode())
    )
    people = episodes["cine_person_id"].unique().sort()
    children = frames["ssd_person"].filter(pl.col("pers_person_id").is_in(people.implode()))
    header = Header(la_code, census_year, (generated or datetime.now(UTC)).replace(tzinfo=None))
    xml = CensusXml(
        header,
        children=_by(children, "pers_person_id"),
        disabilities=_by(frames["ssd_disability"], "disa_person_id"),
        episodes=_by(episodes, "cine_person_id"),
        events={t: _by(f, _EPISODE) for t, f in placed.items()},
        reviews=_by(reviews, "cppr_cp_plan_id"),
    )
    _write_atomically(path, xml, list(people))
    return CensusWritten(path, people.len(), episodes.height)


def _load(source: Source, table: str, la_code: str) -> pl.DataFrame:
    """One council's rows of ``table``, every value as text (dates ISO, booleans true/false).

    Frames may omit optional columns; they are added empty.
    """
    if isinstance(source, duckdb.DuckDBPyConnection):
        rel = source.sql(f'SELECT * FROM "{table}" WHERE la_code = ?', params=[la_code])
        read = pl.from_arrow(rel.to_arrow_table())
        assert isinstance(read, pl.DataFrame)
        frame = read
    else:
        empty = pl.DataFrame(schema={LA_CODE: pl.String})
        frame = source.get(table, empty).filter(pl.col(LA_CODE) == la_code)
    missing = [c for c in table_by_name(table).column_names if c not in frame.columns]
    frame = frame.with_columns(pl.lit(None, pl.String).alias(c) for c in missing)
    return frame.with_columns(pl.all().cast(pl.String))


def _date(column: str) -> pl.Expr:
    return pl.col(column).str.to_date("%Y-%m-%d", strict=False)


def _in_year(start: str, end: str | None, first: str, last: str) -> pl.Expr:
    """Started by the year's last day and, for a span, not ended before its first day."""
    begun = _date(start) <= pl.lit(last).str.to_date()
    if end is None:
        return begun & (_date(start) >= pl.lit(first).str.to_date())
    return begun & (pl.col(end).is_null() | (_date(end) >= pl.lit(first).str.to_date()))


def _place(
    frame: pl.DataFrame,
    episodes: pl.DataFrame,
    columns: tuple[str, str, str, str | None],
    first: str,
    last: str,
) -> pl.DataFrame:
    """The in-scope rows of an event table, each with the referral id of its episode.

    The row's own referral id is used when that episode is in scope; otherwise the child's
    episode open on the row's start date (the latest referral, if several are open).
    """
    person, referral, start, end = columns
    rows = frame.filter(_in_year(start, end, first, last)).with_row_index("__i")
    known = episodes.select(pl.col("cine_referral_id").alias(referral))
    linked = rows.join(known, on=referral, how="semi").with_columns(
        pl.col(referral).alias(_EPISODE)
    )
    spans = episodes.select(
        pl.col("cine_person_id").alias(person),
        pl.col("cine_referral_id").alias(_EPISODE),
        _date("cine_referral_date").alias("__from"),
        _date("cine_close_date").alias("__to"),
    )
    by_date = (
        rows.join(linked.select("__i"), on="__i", how="anti")
        .join(spans, on=person)
        .filter(
            (_date(start) >= pl.col("__from"))
            & (pl.col("__to").is_null() | (_date(start) <= pl.col("__to")))
        )
        .sort("__from", descending=True)
        .unique("__i", keep="first", maintain_order=True)
        .drop("__from", "__to")
    )
    return pl.concat([linked, by_date]).sort("__i").drop("__i")


def _by(frame: pl.DataFrame, column: str) -> dict[str, list[dict[str, str | None]]]:
    """Rows grouped by ``column``, in the frame's order."""
    grouped: dict[str, list[dict[str, str | None]]] = defaultdict(list)
    for row in frame.iter_rows(named=True):
        grouped[row[column]].append(row)
    return grouped


def _write_atomically(path: Path, xml: CensusXml, people: list[str]) -> None:
    """Write beside ``path`` and rename over it: readers never see half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for chunk in xml.lines(people):
                out.write(chunk)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
