"""Data quality summary: rejects, rows loaded and completeness gaps, worked by hand.

The store holds one council (Z01); ids are synthetic (C1, R1). Checks are as at Friday 28 June
2024. Working days back from then: June 2024 has 20, May 21 (6 and 27 May are bank holidays), and
25, 26, 29 and 30 April make 45, so an assessment started on Wednesday 24 April is 45 working
days old (not over) and one started on Tuesday 23 April is 46 (over).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from csc_scorecard.cli import build_app
from csc_scorecard.quality import summarise
from csc_scorecard.store.database import open_store

AS_AT = date(2024, 6, 28)
ROWS = (
    "INSERT INTO ssd_person (la_code, pers_person_id) VALUES ('Z01', 'C1'), ('Z01', 'C2')",
    # 4 referrals, 3 with no decision date.
    "INSERT INTO ssd_cin_episodes (la_code, cine_referral_id, cine_person_id, cine_referral_date, "
    "cine_referral_decision_date) VALUES ('Z01', 'R1', 'C1', '2024-04-01', '2024-04-02'), "
    "('Z01', 'R2', 'C1', '2024-05-01', NULL), ('Z01', 'R3', 'C2', '2024-05-01', NULL), "
    "('Z01', 'R4', 'C2', '2024-06-01', NULL)",
    # 3 not authorised (46, 45 and 6 working days old), 1 authorised: 1 of 3 over 45.
    "INSERT INTO ssd_cin_assessments (la_code, cina_assessment_id, cina_person_id, "
    "cina_assessment_start_date, cina_assessment_auth_date) VALUES "
    "('Z01', 'A1', 'C1', '2024-04-23', NULL), ('Z01', 'A2', 'C1', '2024-04-24', NULL), "
    "('Z01', 'A3', 'C2', '2024-06-20', NULL), ('Z01', 'A4', 'C2', '2024-01-02', '2024-02-01')",
    # 2 plans: one with only an initial category (has one), one with none.
    "INSERT INTO ssd_cp_plans (la_code, cppl_cp_plan_id, cppl_person_id, cppl_cp_plan_start_date, "
    "cppl_cp_plan_initial_category) VALUES ('Z01', 'P1', 'C1', '2024-01-01', 'NEG'), "
    "('Z01', 'P2', 'C2', '2024-01-01', NULL)",
    # 3 episodes: E1 linked to PL1, E2 covered by C2's open PL2, E3 (C1, 2023) has no placement.
    "INSERT INTO ssd_cla_episodes (la_code, clae_cla_episode_id, clae_person_id, "
    "clae_cla_episode_start_date, clae_cla_episode_start_reason, clae_cla_legal_status, "
    "clae_cla_placement_id) VALUES ('Z01', 'E1', 'C1', '2024-03-01', 'S', 'C2', 'PL1'), "
    "('Z01', 'E2', 'C2', '2024-03-05', 'L', 'C2', NULL), "
    "('Z01', 'E3', 'C1', '2023-01-01', 'S', 'V2', NULL)",
    "INSERT INTO ssd_cla_placement (la_code, clap_cla_placement_id, clap_person_id, "
    "clap_cla_placement_start_date, clap_cla_placement_type) VALUES "
    "('Z01', 'PL1', 'C1', '2024-03-01', 'U4'), ('Z01', 'PL2', 'C2', '2024-02-01', 'U6')",
    # Rejects: two impossible dates, one unknown code, one duplicate.
    "INSERT INTO csc_ingest_rejects VALUES "
    "('r1', 'Z01', 'ref.csv', 'ssd_cin_episodes', 2, 'cine_referral_date', 'impossible_date', "
    "'cine_referral_date is not a real date: ''2024-02-30''', NULL), "
    "('r1', 'Z01', 'ref.csv', 'ssd_cin_episodes', 5, 'cine_referral_date', 'impossible_date', "
    "'cine_referral_date is not a real date: ''2023-02-29''', NULL), "
    "('r1', 'Z01', 'ref.csv', 'ssd_cin_episodes', 7, 'cine_referral_source_code', "
    "'unknown_code', 'cine_referral_source_code ''ZZ'' is not in code list referral_source', NULL),"
    " ('r1', 'Z01', 'ref.csv', 'ssd_cin_episodes', 9, 'cine_referral_id', 'duplicate_key', "
    "'same key (la_code, cine_referral_id) as row 3', NULL)",
    "INSERT INTO csc_ingest_runs VALUES ('r1', TIMESTAMP '2024-06-28 09:00', "
    "TIMESTAMP '2024-06-28 09:01', [], [], 8, 4, 4)",
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.duckdb"
    con = open_store(path)
    for statement in ROWS:
        con.execute(statement)
    con.close()
    return path


def test_summary_counts_rejects_patterns_rows_and_gaps(db: Path) -> None:
    summary = summarise(db, AS_AT)
    assert summary.runs == 1
    assert [(r.table, r.reason, r.count) for r in summary.rejects] == [
        ("ssd_cin_episodes", "impossible_date", 2),
        ("ssd_cin_episodes", "duplicate_key", 1),
        ("ssd_cin_episodes", "unknown_code", 1),
    ]
    assert [(p.field, p.pattern, p.count) for p in summary.problems] == [
        ("cine_referral_date", "cine_referral_date is not a real date: '…'", 2),
        ("cine_referral_id", "same key (la_code, cine_referral_id) as row N", 1),
        ("cine_referral_source_code", "cine_referral_source_code '…' is not in code list "
         "referral_source", 1),
    ]  # fmt: skip
    loaded = {(t.table, t.la_code): t.rows for t in summary.loaded}
    assert loaded[("ssd_cin_episodes", "Z01")] == 4 and loaded[("ssd_person", "Z01")] == 2
    assert {c.check: (c.count, c.out_of) for c in summary.checks} == {
        "referrals_no_decision_date": (3, 4),
        "assessments_unauthorised_over_45_wd": (1, 3),
        "cp_plans_no_category": (1, 2),
        "cla_episodes_no_placement": (1, 3),
    }


def test_command_prints_tables_and_writes_csv(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "quality.csv"
    result = CliRunner().invoke(
        build_app(), ["quality", "--db", str(db), "--out", str(out), "--as-at", "2024-06-28"]
    )
    assert result.exit_code == 0, result.output
    assert "Completeness checks" in result.output and "75.0%" in result.output
    assert "C1" not in result.output and "C2 " not in result.output
    frame = pl.read_csv(out)
    assert frame.group_by("section").len().sort("section").rows() == [
        ("check", 4),
        ("loaded", 6),  # person, referrals, assessments, CP plans, CLA episodes, placements
        ("problem", 3),
        ("rejects", 3),
    ]


def test_command_without_a_store_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(build_app(), ["quality", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "no store" in result.output


def test_empty_store_has_nothing_to_report(tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    open_store(path).close()
    summary = summarise(path, AS_AT)
    assert (summary.runs, summary.rejects, summary.loaded, summary.checks) == (0, (), (), ())
