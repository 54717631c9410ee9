"""Every published run is recorded, lists in ``history`` and can be compared with ``diff``."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from typer.testing import CliRunner

from csc_scorecard import history
from csc_scorecard.cli import build_app
from csc_scorecard.engine.compute import RESULT_SCHEMA
from csc_scorecard.history import HistoryError, RunKind, list_runs, record_run, run_results, utc_now
from csc_scorecard.history_diff import diff_runs
from csc_scorecard.ingest import ingest
from csc_scorecard.synth import synthesise_store

INDICATORS = ("cin_rate_per_10k", "cin_plans_count")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small council's data folder and a store loaded from it (copied by each test)."""
    folder = tmp_path_factory.mktemp("council")
    council = synthesise_store(folder, children=3_000, years=2, end_month=date(2026, 3, 31))
    return council.data, council.path


@pytest.fixture
def store(built: tuple[Path, Path], tmp_path: Path) -> Path:
    return Path(shutil.copy(built[1], tmp_path / "store.duckdb"))


def _cli(*arguments: str) -> str:
    result = CliRunner().invoke(build_app(), list(arguments), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


def _compute(store: Path, out: Path, *extra: str) -> None:
    picked = [a for i in INDICATORS for a in ("--indicator", i)]
    _cli("compute", "--db", str(store), "--out", str(out), "--all-months", *picked, *extra)


def test_compute_records_its_run_and_figures_and_no_record_does_not(
    store: Path, tmp_path: Path
) -> None:
    _compute(store, tmp_path / "dry.csv", "--no-record")
    assert list_runs(store) == []
    _compute(store, tmp_path / "results.csv")
    (run,) = list_runs(store)
    assert run.kind is RunKind.COMPUTE
    assert run.month == date(2026, 3, 31)
    assert run.package_version
    assert len(run.ingest_runs) == 1
    assert {Path(i.path).name for i in run.inputs} >= {"ssd_person.csv", "ssd_contacts.csv"}
    assert run.options["indicator"] == list(INDICATORS)
    published = pl.read_csv(tmp_path / "results.csv", try_parse_dates=True)
    recorded = run_results(store, run.run_id)
    assert run.figures == recorded.height == published.height
    assert_frame_equal(recorded, published, check_dtypes=False)
    assert run.run_id[:12] in _cli("history", "--db", str(store))


def test_diff_of_two_runs_on_the_same_inputs_finds_nothing(store: Path, tmp_path: Path) -> None:
    _compute(store, tmp_path / "first.csv")
    _compute(store, tmp_path / "second.csv")
    first, second = (r.run_id for r in list_runs(store))
    found = diff_runs(store, first[:8], second)
    assert (found.changed, found.only_old, found.only_new) == ((), 0, 0)
    assert not (found.inputs or found.config_keys or found.options or found.unexplained)
    assert "0 figures changed" in _cli("diff", first, second, "--db", str(store))


def test_diff_names_the_changed_input_and_the_changed_figures(
    built: tuple[Path, Path], store: Path, tmp_path: Path
) -> None:
    _compute(store, tmp_path / "before.csv")
    data = tmp_path / "data"
    shutil.copytree(built[0], data)
    plans = pl.read_csv(data / "ssd_cin_plans.csv", infer_schema=False)
    plans.head(plans.height // 2).write_csv(data / "ssd_cin_plans.csv")
    ingest([data], store)
    _compute(store, tmp_path / "after.csv")
    first, second = (r.run_id for r in list_runs(store))

    found = diff_runs(store, first, second)

    changed_paths = {Path(c.path).name for c in found.inputs}
    assert "ssd_cin_plans.csv" in changed_paths
    assert {c.indicator_id for c in found.changed} == {"cin_plans_count"}
    fewer = [c for c in found.changed if c.new[0] is not None and c.old[0] is not None]
    assert all(c.new[0] <= c.old[0] for c in fewer)  # type: ignore[operator]
    shown = _cli("diff", first, second, "--db", str(store))
    assert "ssd_cin_plans.csv" in shown
    assert "cin_plans_count" in shown


def test_diff_names_changed_configuration_keys_and_code_version(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    figures = pl.DataFrame(
        [
            {
                "la_code": "Z01",
                "indicator_id": "x",
                "period_kind": "month",
                "period_end": date(2026, 3, 31),
            }
        ],
        schema=RESULT_SCHEMA,
    )
    config = tmp_path / "council.toml"
    ids = []
    for target, version in (("50.0", "1.0"), ("60.0", "1.1")):
        config.write_text(f'[council]\nla_code = "Z01"\n[indicators.x]\ntarget = {target}\n')
        monkeypatch.setattr(history, "package_version", lambda v=version: v)
        ids.append(
            record_run(
                store,
                kind=RunKind.REPORT,
                results=figures,
                started_utc=utc_now(),
                month=date(2026, 3, 31),
                options={},
                config=config,
            )
        )
    found = diff_runs(store, *ids)
    assert found.config_keys == ("indicators.x.target",)
    assert found.code_changed
    assert (found.old.package_version, found.new.package_version) == ("1.0", "1.1")
    assert found.changed == ()


def test_report_records_its_configuration(store: Path, tmp_path: Path) -> None:
    _cli("report", "scorecard", "--db", str(store), "--out", str(tmp_path), "--format", "html")
    (run,) = list_runs(store)
    assert run.kind is RunKind.REPORT
    assert run.config is not None
    assert "shipped example" in run.config.path
    assert "[council]" in run.config.text
    assert run.figures > 0


def test_an_unknown_or_ambiguous_run_is_refused(store: Path) -> None:
    with pytest.raises(HistoryError, match="at least"):
        diff_runs(store, "ab", "cd")
    result = CliRunner().invoke(build_app(), ["diff", "abcd", "ef01", "--db", str(store)])
    assert result.exit_code == 2
    assert "no recorded run" in result.output
