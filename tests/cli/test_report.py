"""``csc-scorecard report scorecard`` on a small synthetic council's store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from csc_scorecard.cli import build_app
from csc_scorecard.demo import catalogue_manual_specs
from csc_scorecard.ingest import ingest
from csc_scorecard.synth import synthesise


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two years of a council of 3,000 children to November 2024 (council Z01)."""
    folder = tmp_path_factory.mktemp("council")
    synthesise(
        folder / "data",
        children=3_000,
        years=2,
        end_month=date(2024, 11, 30),
        manual=catalogue_manual_specs(),
    )
    path = folder / "store.duckdb"
    ingest([folder / "data"], path)
    return path


def _run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(build_app(), list(arguments))
    return result.exit_code, " ".join(result.output.split())


def test_writes_the_scorecard_with_the_example_configuration(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = _run(
        "report", "scorecard", "--db", str(store), "--out", str(out), "--format", "xlsx,html"
    )
    assert code == 0, output
    assert "using the shipped example configuration" in output and "council Z01" in output
    assert "Scorecard for November 2024" in output
    assert sorted(p.name for p in out.iterdir()) == ["scorecard.html", "scorecard.xlsx"]
    book = openpyxl.load_workbook(out / "scorecard.xlsx")
    assert book.sheetnames == [
        "Scorecard",
        "Assessments by service",
        "s47 by service",
        "Notes",
        "Data Source",
    ]
    assert book["Scorecard"]["A2"].value == "Data as at end of November 2024"
    assert "Data as at end of November 2024" in (out / "scorecard.html").read_text("utf-8")


def test_an_earlier_month_and_the_councils_own_configuration(store: Path, tmp_path: Path) -> None:
    config = tmp_path / "council.toml"
    config.write_text(
        '[council]\nname = "Testshire"\nla_code = "Z01"\nons_code = "E06999001"\n'
        'region = "London"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, output = _run(
        "report", "scorecard", "--db", str(store), "--config", str(config), "--month", "2024-09",
        "--out", str(out), "--format", "html",
    )  # fmt: skip
    assert code == 0, output
    assert "example configuration" not in output
    page = (out / "scorecard.html").read_text("utf-8")
    assert "Data as at end of September 2024" in page and "Testshire" in page


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--format", "docx"), "--format takes a list of html, pdf, xlsx; got 'docx'"),
        (("--layout", "missing.toml"), "missing.toml: file not found"),
    ],
)
def test_mistakes_are_reported(
    store: Path, tmp_path: Path, arguments: tuple[str, ...], message: str
) -> None:
    code, output = _run(
        "report", "scorecard", "--db", str(store), "--out", str(tmp_path), *arguments
    )
    assert code == 2
    assert message in output
