"""SSD tables read where they live: a folder of SSD exports, and a PostgreSQL warehouse.

Ids are synthetic (C1, R1). The warehouse tests run on a real throwaway PostgreSQL server.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import psycopg
import pytest
from psycopg import sql

from csc_scorecard.ingest import Reason, ingest
from csc_scorecard.ingest.canonical import CanonicalReader
from csc_scorecard.ingest.ssd import SsdReader
from csc_scorecard.ingest.ssd_warehouse import SsdWarehouseReader, redact_url

Write = Callable[..., Path]
Query = Callable[[str], list[tuple[object, ...]]]
PERSON = "pers_person_id,pers_sex,pers_dob,pers_legacy_id"
REFERRALS = "cine_referral_id,cine_person_id,cine_referral_date,cine_referral_source_desc"


def _export(write: Write) -> Path:
    """An SSD export as SQL Server writes it: date-times, SSD-only columns, an unused table."""
    write("ssd_person.csv", PERSON, "C1,M,2015-01-01 00:00:00.000,L1", "C2,F,2016-02-03,L2")
    write("ssd_cin_episodes.csv", REFERRALS, "R1,C1,2024-04-01 09:30:00,Police")
    write("ssd_address.csv", "addr_table_id,addr_person_id", "A1,C1")
    return write("readme.txt", "exported by the SSD extract").parent


def test_folder_export_loads_with_the_given_council(write: Write, db: Path, query: Query) -> None:
    folder = _export(write)
    assert SsdReader().detect(folder)
    report = ingest([folder], db, la_code="999")
    assert [i.format for i in report.inputs] == ["ssd"] * 4
    assert {(c.table, c.loaded, c.rejected) for c in report.counts} == {
        ("ssd_person", 2, 0),
        ("ssd_cin_episodes", 1, 0),
    }
    assert query(
        "SELECT la_code, pers_person_id, pers_dob::VARCHAR FROM ssd_person ORDER BY 2"
    ) == [
        ("999", "C1", "2015-01-01"),
        ("999", "C2", "2016-02-03"),
    ]
    assert query("SELECT cine_referral_date::VARCHAR FROM ssd_cin_episodes") == [("2024-04-01",)]
    notes = sorted(n.message for n in report.notes)
    assert notes == [
        "ignored 1 column(s) not in ssd_cin_episodes: cine_referral_source_desc",
        "ignored 1 column(s) not in ssd_person: pers_legacy_id",
        "ssd_address is not a table the model uses; not read",
    ]
    [other] = report.rejections
    assert (other.reason, other.row) == (Reason.UNSUPPORTED_FORMAT, None)


def test_export_without_council_code_is_rejected_per_file(write: Write, db: Path) -> None:
    write("ssd_person.csv", PERSON, "C1,M,2015-01-01,L1")
    report = ingest([write("ssd_cin_episodes.csv", REFERRALS).parent], db, format="ssd")
    assert {(x.table, x.reason) for x in report.rejections} == {
        ("ssd_person", Reason.MALFORMED_FILE),
        ("ssd_cin_episodes", Reason.MALFORMED_FILE),
    }
    assert all("--la-code" in x.message for x in report.rejections)


def test_canonical_folder_is_not_taken_for_an_ssd_export(write: Write) -> None:
    folder = write("ssd_person.csv", "la_code,pers_person_id", "999,C1").parent
    assert not SsdReader().detect(folder)
    assert CanonicalReader().detect(folder)


def _load_postgres_server() -> ModuleType:
    """The engine tests' throwaway-server helper, loaded by path (tests/engine is no package)."""
    path = Path(__file__).parents[1] / "engine" / "postgres_server.py"
    spec = importlib.util.spec_from_file_location("_ingest_postgres_server", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def warehouse() -> Iterator[str]:
    """A PostgreSQL URL whose schema ``ssd`` holds SSD tables as a council's warehouse has them."""
    server = _load_postgres_server()
    try:
        with server.postgres_url() as url:
            with psycopg.connect(url, autocommit=True) as con:
                con.execute("DROP SCHEMA IF EXISTS ssd CASCADE")
                con.execute("CREATE SCHEMA ssd")
                for statement in (
                    "CREATE TABLE ssd.ssd_person (pers_person_id VARCHAR(48), pers_sex CHAR(1), "
                    "pers_dob TIMESTAMP, pers_legacy_id TEXT, pers_upn_unknown TEXT)",
                    "INSERT INTO ssd.ssd_person VALUES ('C2', 'F', '2016-02-03 00:00', 'L2', NULL),"
                    " ('C1', 'M', '2015-01-01 00:00', 'L1', NULL), ('C3', 'X', NULL, NULL, NULL)",
                    "CREATE TABLE ssd.ssd_cin_episodes (cine_referral_id INT, cine_person_id "
                    "VARCHAR(48), cine_referral_date DATE, cine_referral_nfa CHAR(1))",
                    "INSERT INTO ssd.ssd_cin_episodes VALUES (1, 'C1', '2024-04-01', 'N'), "
                    "(2, 'C9', '2024-04-02', 'Y')",
                    "CREATE TABLE ssd.ssd_sdq_scores (csdq_table_id TEXT)",
                    "CREATE TABLE ssd.ssd_cp_plans (cppl_cp_plan_id TEXT, cppl_person_id TEXT)",
                ):
                    con.execute(statement.encode())
            yield url
    except server.PostgresUnavailableError as error:
        pytest.skip(f"no PostgreSQL for the warehouse reader: {error}")


@pytest.mark.postgres
def test_warehouse_tables_load_as_an_export_would(warehouse: str, db: Path, query: Query) -> None:
    report = ingest([f"{warehouse}&schema=ssd"], db, format="ssd-warehouse", la_code="999")
    assert [(i.format, i.sha256) for i in report.inputs] == [("ssd-warehouse", "")]
    counts = {(c.table, c.loaded, c.rejected) for c in report.counts}
    assert counts == {("ssd_person", 2, 1), ("ssd_cin_episodes", 1, 1)}
    # Streamed in key order, so row numbers are stable: C3 (sex X) is row 3, C9 is no child.
    assert sorted((x.table, x.row, x.reason) for x in report.rejections if x.row) == [
        ("ssd_cin_episodes", 2, Reason.ORPHAN_CHILD),
        ("ssd_person", 3, Reason.UNKNOWN_CODE),
    ]
    [plans] = [x for x in report.rejections if x.row is None]
    assert plans.table == "ssd_cp_plans" and "cppl_cp_plan_start_date" in plans.message
    assert query("SELECT pers_person_id, pers_dob::VARCHAR FROM ssd_person ORDER BY 1") == [
        ("C1", "2015-01-01"),
        ("C2", "2016-02-03"),
    ]
    assert query("SELECT cine_referral_id, cine_referral_nfa FROM ssd_cin_episodes") == [
        ("1", False)
    ]
    notes = sorted(n.message for n in report.notes)
    assert notes == [
        "ignored 2 column(s) not in ssd_person: pers_legacy_id, pers_upn_unknown",
        "ssd_sdq_scores is not a table the model uses; not read",
    ]


@pytest.mark.postgres
def test_warehouse_url_is_detected_and_schema_can_come_from_options(
    warehouse: str, db: Path
) -> None:
    with psycopg.connect(warehouse, autocommit=True) as con:
        con.execute(sql.SQL("SELECT 1"))
    url = f"{warehouse}&options=-csearch_path%3Dssd"
    report = ingest([url], db, la_code="999")
    assert {c.table for c in report.counts} == {"ssd_person", "ssd_cin_episodes"}


def test_unreachable_warehouse_is_one_rejection(tmp_path: Path, db: Path) -> None:
    url = f"postgresql://someone:secret@/nowhere?host={tmp_path}"
    report = ingest([url], db, format="ssd-warehouse", la_code="999")
    [rejection] = report.rejections
    assert rejection.reason is Reason.MALFORMED_FILE
    assert "secret" not in rejection.source and "secret" not in report.inputs[0].path


def test_warehouse_needs_a_council_code_and_a_url(db: Path, tmp_path: Path) -> None:
    [rejection] = SsdWarehouseReader().read_url("postgresql://u@h/db", None).rejections
    assert "--la-code" in rejection.message
    [rejection] = SsdWarehouseReader().read(tmp_path, "999").rejections
    assert rejection.reason is Reason.UNSUPPORTED_FORMAT
    report = ingest(["mysql://u@h/db"], db, la_code="999")
    assert "no reader reads mysql:// URLs" in report.rejections[0].message


def test_redacted_url_keeps_user_host_and_database() -> None:
    assert redact_url("postgresql://me:pw@db.example:5432/ssd?sslmode=require") == (
        "postgresql://me@db.example:5432/ssd"
    )
