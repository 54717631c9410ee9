"""The synthetic council generator: valid canonical rows, determinism, England-like calibration."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from csc_scorecard.ingest.run import ingest
from csc_scorecard.model.codes import code_list
from csc_scorecard.model.tables import TABLES
from csc_scorecard.synth import council_tables, synthesise

from .calibration import headline_figures

END = date(2025, 3, 1)


@pytest.fixture(scope="module")
def small() -> dict[str, pl.DataFrame]:
    return council_tables(children=8_000, years=2, end_month=END, seed=7)


def test_every_table_has_rows_and_canonical_columns(small: dict[str, pl.DataFrame]) -> None:
    assert list(small) == [t.name for t in TABLES]
    for table in TABLES:
        frame = small[table.name]
        assert tuple(frame.columns) == table.column_names
        assert frame.height > 0, table.name


def test_rows_meet_the_canonical_schema(small: dict[str, pl.DataFrame]) -> None:
    people = set(small["ssd_person"]["pers_person_id"])
    for table in TABLES:
        frame = small[table.name]
        for column in table.all_columns:
            values = frame[column.name]
            if column.required:
                assert values.null_count() == 0, (table.name, column.name)
            if column.codes:
                assert set(values.drop_nulls()) <= set(code_list(column.codes).codes), column.name
        assert frame.select(table.key).is_duplicated().sum() == 0, table.name
        for earlier, later in table.date_order:
            assert frame.filter(pl.col(later) < pl.col(earlier)).height == 0, (table.name, later)
        if table.person_column:
            assert set(frame[table.person_column]) <= people, table.name


def test_same_seed_same_tables_and_another_seed_differs(small: dict[str, pl.DataFrame]) -> None:
    again = council_tables(children=8_000, years=2, end_month=END, seed=7)
    other = council_tables(children=8_000, years=2, end_month=END, seed=8)
    assert all(small[name].equals(again[name]) for name in small)
    assert not small["ssd_cin_episodes"].equals(other["ssd_cin_episodes"])


def test_dates_stay_inside_the_window(small: dict[str, pl.DataFrame]) -> None:
    last = date(2025, 3, 31)
    for table in TABLES:
        for column in table.columns:
            if column.type == "date" and "due" not in column.name and table.name != "ssd_person":
                latest = small[table.name][column.name].max()
                assert latest is None or latest <= last, (table.name, column.name)


def test_children_are_aged_0_to_17_at_referral(small: dict[str, pl.DataFrame]) -> None:
    ages = (
        small["ssd_cin_episodes"]
        .join(small["ssd_person"], left_on="cine_person_id", right_on="pers_person_id")
        .select(age=(pl.col("cine_referral_date") - pl.col("pers_dob")).dt.total_days() / 365.25)
    )
    assert ages["age"].min() >= 0
    assert ages["age"].max() < 18


def test_autumn_brings_more_referrals_than_august_and_december(
    small: dict[str, pl.DataFrame],
) -> None:
    months = small["ssd_contacts"]["cont_contact_date"].dt.month().value_counts()
    count = dict(zip(months["cont_contact_date"], months["count"], strict=True))
    assert count[10] > count[8] and count[10] > count[12]


def test_files_ingest_with_no_rejected_rows_and_councils_never_share_keys(tmp_path: Path) -> None:
    out = tmp_path / "synth"
    seen: list[tuple[int, int]] = []
    summary = synthesise(
        out,
        children=9_000,
        councils=3,
        years=1,
        end_month=END,
        seed=3,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert sorted(summary.councils) == ["Z01", "Z02", "Z03"]
    assert summary.children == 9_000
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t.name}.csv" for t in TABLES)
    header = (out / "ssd_person.csv").read_text().splitlines()[0]
    assert header == ",".join(TABLES[0].column_names)
    report = ingest([out], tmp_path / "store.duckdb")
    assert report.rows_rejected == 0
    assert report.rows_loaded == sum(summary.rows.values())
    people = pl.read_csv(out / "ssd_person.csv", infer_schema=False)
    assert people["pers_person_id"].is_unique().all()
    assert set(people["la_code"]) == {"Z01", "Z02", "Z03"}


def test_same_arguments_write_identical_files(tmp_path: Path) -> None:
    for name in ("a", "b"):
        synthesise(tmp_path / name, children=3_000, councils=2, years=1, end_month=END, seed=5)
    for table in TABLES:
        first = (tmp_path / "a" / f"{table.name}.csv").read_bytes()
        assert first == (tmp_path / "b" / f"{table.name}.csv").read_bytes(), table.name


# Target and tolerance of each headline figure (England 2024-25 values, DfE published).
TARGETS = {
    "referrals_per_10k": (520, 0.15 * 520),
    "rereferrals_pct": (21, 4),
    "assessments_45wd_pct": (84, 5),
    "s47_per_10k": (190, 0.2 * 190),
    "icpc_per_10k": (60, 0.25 * 60),
    "icpc_15wd_pct": (80, 8),
    "cp_per_10k": (42, 0.2 * 42),
    "cla_per_10k": (70, 0.2 * 70),
}


@pytest.mark.slow
def test_a_default_council_lands_near_england() -> None:
    tables = council_tables(children=50_000, years=2, end_month=END, seed=1)
    figures = headline_figures(tables, date(2024, 4, 1), date(2025, 3, 31))
    for name, (target, tolerance) in TARGETS.items():
        assert abs(figures[name] - target) <= tolerance, (name, round(figures[name], 1))
    assert figures["assessments_per_10k"] == pytest.approx(figures["referrals_per_10k"], rel=0.2)
