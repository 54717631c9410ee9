"""``csc-scorecard report --type ...`` (and the older ``report scorecard``) on a small store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import openpyxl
import pytest
from typer.testing import CliRunner

from csc_scorecard.cli import build_app


@pytest.fixture(scope="module")
def store(synthetic_store: Callable[..., Path]) -> Path:
    """Two years of a council of 3,000 children to November 2024 (council Z01)."""
    return synthetic_store(children=3_000)


def _run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(build_app(), list(arguments))
    return result.exit_code, " ".join(result.output.split())


def test_writes_the_scorecard_with_the_example_configuration(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = _run(
        "report",
        "--type",
        "scorecard",
        "--db",
        str(store),
        "--out",
        str(out),
        "--format",
        "xlsx,html",
    )
    assert code == 0, output
    assert "using the shipped example configuration" in output and "council Z01" in output
    assert "Scorecard (Data as at end of November 2024)" in output
    assert sorted(p.name for p in out.iterdir()) == ["scorecard.html", "scorecard.xlsx"]
    book = openpyxl.load_workbook(out / "scorecard.xlsx")
    assert book.sheetnames == [
        "Scorecard",
        "Assessments by service",
        "s47 by service",
        "Notes",
        "Data Source",
        "Data quality",
    ]
    assert book["Scorecard"]["A2"].value == "Data as at end of November 2024"
    assert book["Data quality"]["A3"].value == "Ingest rejected no rows."  # a synthetic council
    page = (out / "scorecard.html").read_text("utf-8")
    assert "Data as at end of November 2024" in page
    assert '<h2 id="data-quality">Data quality</h2>' in page


def test_an_earlier_month_and_the_councils_own_configuration(store: Path, tmp_path: Path) -> None:
    config = tmp_path / "council.toml"
    config.write_text(
        '[council]\nname = "Testshire"\nla_code = "Z01"\nons_code = "E06999001"\n'
        'region = "London"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, output = _run(
        "report",
        "--type=scorecard",
        "--db",
        str(store),
        "--config",
        str(config),
        "--month",
        "2024-09",
        "--out",
        str(out),
        "--format",
        "html",
    )
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
        "report", "--type", "scorecard", "--db", str(store), "--out", str(tmp_path), *arguments
    )
    assert code == 2
    assert message in output


def test_the_older_spelling_names_the_report_as_an_argument(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = _run(
        "report", "scorecard", "--db", str(store), "--out", str(out), "--format", "html"
    )
    assert code == 0, output
    assert [p.name for p in out.iterdir()] == ["scorecard.html"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ("--type", "dashboard", "--format", "xlsx"),
            "the dashboard is written as html or pdf, not xlsx",
        ),
        (
            ("--type", "practice", "--format", "html,xlsx"),
            "the practice report is written as html or pdf, not xlsx",
        ),
        (
            ("--type", "dashboard", "--out", "pack/dash.xlsx"),
            "the dashboard is written as html or pdf, not xlsx",
        ),
        (("--type", "scorecard", "--out", "card.pdf", "--format", "html"), "is one .pdf file"),
        (("--type", "scorecard", "--format", ""), "--format takes a list"),
        (
            (
                "--type",
                "chart",
            ),
            "Invalid value for '--type'",
        ),
        ((), "say which report: --type scorecard, practice, dashboard, improvement or pack"),
        (
            ("--type", "pack", "--layout", "mine.toml"),
            "the report pack is written into a folder, from the shipped layouts",
        ),
        (("--type", "pack", "--out", "pack/card.pdf"), "--layout and a one-file --out are for"),
        (
            ("dashboard", "--type", "scorecard"),
            "--type scorecard and the report named dashboard disagree",
        ),
        (("--type", "scorecard", "--month", "2024-13"), "2024-13"),
    ],
)
def test_refused_combinations_say_why_and_exit_2(
    store: Path, tmp_path: Path, arguments: tuple[str, ...], message: str
) -> None:
    code, output = _run("report", "--db", str(store), *arguments)
    assert code == 2, output
    assert message in output


def test_out_names_one_file(store: Path, tmp_path: Path) -> None:
    card = tmp_path / "pack" / "november.html"
    code, output = _run("report", "--type", "improvement", "--db", str(store), "--out", str(card))
    assert code == 0, output
    assert [p.name for p in card.parent.iterdir()] == ["november.html"]
    assert "Improvement action plan measures" in card.read_text("utf-8")


def test_writes_the_practice_report_for_a_quarter(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "practice"
    code, output = _run(
        "report",
        "--type",
        "practice",
        "--db",
        str(store),
        "--month",
        "2024-09",
        "--out",
        str(out),
    )
    assert code == 0, output
    assert "Performance & Practice Report (September 2024, Quarter 2 2024-25 (Jul-Sep))" in output
    assert (out / "practice_report.pdf").stat().st_size > 0
    page = (out / "practice_report.html").read_text("utf-8")
    assert page.count('<section class="topic"') == 24
    assert "Q2 2024-25 Performance Summary" in page


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--format", "xlsx"), "the practice report is written as html or pdf, not xlsx"),
        (("--layout", "missing.toml"), "missing.toml: file not found"),
    ],
)
def test_practice_report_mistakes_are_reported(
    store: Path, tmp_path: Path, arguments: tuple[str, ...], message: str
) -> None:
    code, output = _run(
        "report", "--type", "practice", "--db", str(store), "--out", str(tmp_path), *arguments
    )
    assert code == 2
    assert message in output


def _person_ids(store: Path) -> set[str]:
    """Every child identifier anywhere in the store."""
    con = duckdb.connect(str(store), read_only=True)
    try:
        columns = con.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE column_name LIKE '%person_id' AND table_schema = 'main'"
        ).fetchall()
        found: set[str] = set()
        for table, column in columns:
            rows = con.execute(f'SELECT DISTINCT "{column}" FROM "{table}"').fetchall()
            found |= {str(value) for (value,) in rows if value is not None}
    finally:
        con.close()
    return found


def test_the_dashboard_shows_no_child_identifier(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = _run("report", "--type", "dashboard", "--db", str(store), "--out", str(out))
    assert code == 0, output
    assert "Performance Dashboard (Data as at end of November 2024)" in output
    assert sorted(p.name for p in out.iterdir()) == ["dashboard.html", "dashboard.pdf"]
    page = (out / "dashboard.html").read_text("utf-8")
    ids = _person_ids(store)
    assert ids and not [i for i in ids if i in page]
    assert str(store) not in page  # a published page names no internal path
    for category in (
        "Contacts and referrals",
        "Children in need",
        "Child protection",
        "Cared for children",
        "Workforce",
    ):
        assert category in page


def test_the_dashboard_refuses_a_spreadsheet(store: Path, tmp_path: Path) -> None:
    code, output = _run(
        "report",
        "--type",
        "dashboard",
        "--db",
        str(store),
        "--out",
        str(tmp_path),
        "--format",
        "xlsx",
    )
    assert code == 2 and "html or pdf" in output


def test_writes_the_improvement_scorecard_for_an_earlier_month(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = _run(
        "report",
        "--type",
        "improvement",
        "--db",
        str(store),
        "--out",
        str(out),
        "--month",
        "2024-10",
        "--format",
        "xlsx,html",
    )
    assert code == 0, output
    assert "2024-25: data to the end of October 2024" in output
    book = openpyxl.load_workbook(out / "improvement.xlsx")
    sheet = book["Scorecard"]
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Q1" in texts and "1.1" in texts and "11.4" in texts
    assert "Improvement action plan measures, 2024-25" in (out / "improvement.html").read_text(
        "utf-8"
    )


def test_the_pack_writes_every_report_as_each_is_written_alone(store: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    code, output = _run(
        "report", "--type", "pack", "--db", str(store), "--out", str(pack), "--format", "html"
    )
    assert code == 0, output
    assert "Recorded as run" in output
    assert "Report pack (Data as at end of November 2024)" in output
    names = ["dashboard.html", "improvement.html", "practice_report.html", "scorecard.html"]
    assert sorted(p.name for p in pack.iterdir()) == names
    for kind in ("scorecard", "practice", "dashboard", "improvement"):
        alone = tmp_path / kind
        code, output = _run(
            "report", "--type", kind, "--db", str(store), "--out", str(alone), "--format", "html"
        )
        assert code == 0, output
        [page] = alone.iterdir()
        assert page.read_text("utf-8") == (pack / page.name).read_text("utf-8"), kind


def test_the_pack_writes_each_report_only_in_formats_it_has(store: Path, tmp_path: Path) -> None:
    code, output = _run(
        "report", "--type", "pack", "--db", str(store), "--out", str(tmp_path), "--format", "xlsx",
        "--no-record",
    )  # fmt: skip
    assert code == 0, output
    assert "Recorded" not in output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["improvement.xlsx", "scorecard.xlsx"]
