"""``csc-scorecard compute --engine``: the same figures from the store, from PostgreSQL holding
the canonical tables, and from Spark on this machine fed the store."""

from __future__ import annotations

import importlib.util
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType

import duckdb
import polars as pl
import pytest
from typer.testing import CliRunner

from csc_scorecard.cli import build_app
from csc_scorecard.store.database import open_store

ARGUMENTS = [
    "compute", "--indicator", "referrals_count", "--all-months", "--by", "team", "--no-record"
]  # fmt: skip
"""A dry run (the history is kept in the store, which the PostgreSQL engine does without)."""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three referrals of one child: 2 April, 10 May and 11 May 2024, teams North, North, South."""
    path = tmp_path_factory.mktemp("store") / "store.duckdb"
    con = open_store(path)
    con.execute("INSERT INTO csc_population VALUES ('Z01', 2023, 20000)")
    con.execute("INSERT INTO ssd_person (la_code, pers_person_id) VALUES ('Z01', 'A')")
    referrals = [("2024-04-02", "North"), ("2024-05-10", "North"), ("2024-05-11", "South")]
    for number, (day, team) in enumerate(referrals, start=1):
        con.execute(
            "INSERT INTO ssd_cin_episodes (la_code, cine_referral_id, cine_person_id, "
            "cine_referral_date, cine_referral_team) VALUES ('Z01', ?, 'A', ?, ?)",
            [f"R{number}", date.fromisoformat(day), team],
        )
    con.close()
    return path


def _compute(db: Path, *engine: str) -> pl.DataFrame:
    result = CliRunner().invoke(build_app(), [*ARGUMENTS, "--db", str(db), *engine])
    assert result.exit_code == 0, result.output
    return pl.read_csv(io.StringIO(result.stdout), try_parse_dates=True)


@pytest.fixture(scope="module")
def on_duckdb(db: Path) -> pl.DataFrame:
    figures = _compute(db)
    assert figures.height > 0
    return figures


def _load_postgres_server() -> ModuleType:
    """The engine tests' throwaway-server helper, loaded by path (tests/engine is no package)."""
    path = Path(__file__).parents[1] / "engine" / "postgres_server.py"
    spec = importlib.util.spec_from_file_location("_cli_postgres_server", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def warehouse(db: Path) -> Iterator[str]:
    """A PostgreSQL URL whose canonical tables hold the store's rows (found through the
    ``search_path`` the URL sets, as a warehouse user's would be)."""
    server = _load_postgres_server()
    try:
        with server.postgres_url() as url:
            tables = server.CanonicalTables(url)
            store = duckdb.connect(str(db), read_only=True)
            with tables.connect() as con, store:
                tables.fill(con, store)
            separator = "&" if "?" in url else "?"
            yield f"{url}{separator}options=-csearch_path%3D{tables.schema}"
            tables.drop()
    except server.PostgresUnavailableError as error:
        pytest.skip(f"no PostgreSQL: {error}")


def test_an_unknown_engine_is_refused(db: Path) -> None:
    result = CliRunner().invoke(build_app(), [*ARGUMENTS, "--db", str(db), "--engine", "oracle"])
    assert result.exit_code == 2
    assert "unknown engine 'oracle'" in " ".join(result.output.split())


@pytest.mark.postgres
def test_postgres_reads_the_canonical_tables_where_they_are(
    db: Path, warehouse: str, on_duckdb: pl.DataFrame
) -> None:
    figures = _compute(db.with_name("absent.duckdb"), "--engine", warehouse)
    assert figures.equals(on_duckdb)


@pytest.mark.postgres
def test_warehouse_figures_without_a_store_are_not_recorded(db: Path, warehouse: str) -> None:
    recorded = [a for a in ARGUMENTS if a != "--no-record"]
    result = CliRunner().invoke(
        build_app(), [*recorded, "--db", str(db.with_name("absent.duckdb")), "--engine", warehouse]
    )
    assert result.exit_code == 0, result.output
    assert "Not recorded in the history: no store at" in " ".join(result.output.split())


@pytest.mark.postgres
def test_an_unreachable_postgres_is_named(db: Path, tmp_path: Path) -> None:
    url = f"postgresql://nobody@/nowhere?host={tmp_path}"
    result = CliRunner().invoke(build_app(), [*ARGUMENTS, "--db", str(db), "--engine", url])
    assert result.exit_code == 2
    assert "cannot connect to PostgreSQL" in " ".join(result.output.split())


def test_spark_computes_on_the_stores_tables(db: Path, on_duckdb: pl.DataFrame) -> None:
    pytest.importorskip("pyspark", reason="pyspark is not installed (the spark extra)")
    from csc_scorecard.engine import spark

    try:
        spark.session()
    except spark.JavaNotFoundError as error:
        pytest.skip(f"no Spark: {error}")
    assert _compute(db, "--engine", "spark").equals(on_duckdb)
