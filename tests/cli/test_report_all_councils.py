"""``csc-scorecard report --all-councils``: a report per council of a store, from one computation,
each in its own folder and the same file as the report made for that council alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from csc_scorecard.cli import build_app
from csc_scorecard.history import list_runs
from csc_scorecard.store.database import open_store

COUNCILS = ["Z01", "Z02"]
CONFIG = (
    '[council]\nname = "{name}"\nla_code = "{code}"\nons_code = "E06999002"\nregion = "London"\n'
)


@pytest.fixture(scope="module")
def store(synthetic_store: Callable[..., Path]) -> Path:
    """Two years of two councils (Z01, Z02; 3,000 children in all) to November 2024."""
    return synthetic_store(children=3_000, councils=len(COUNCILS))


@pytest.fixture
def configs(tmp_path: Path) -> Path:
    """A folder of both councils' own configurations."""
    folder = tmp_path / "councils"
    folder.mkdir()
    for code, name in (("Z01", "Zedborough"), ("Z02", "Testshire")):
        text = CONFIG.format(name=name, code=code)
        (folder / f"{name.lower()}.toml").write_text(text, encoding="utf-8")
    return folder


def _run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(build_app(), list(arguments), terminal_width=200)
    return result.exit_code, " ".join(result.output.split())


def test_a_pack_per_council_each_the_pack_made_for_it_alone(
    store: Path, configs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "every"
    code, output = _run(
        "report", "--type", "pack", "--all-councils", "--db", str(store), "--out", str(out),
        "--config", str(configs), "--format", "xlsx,html", "--no-record",
    )  # fmt: skip
    assert code == 0, output
    assert "example" not in output  # each council has its own file
    assert "Report pack, 2 councils (Data as at end of November 2024)" in output
    assert sorted(p.name for p in out.iterdir()) == COUNCILS
    written = sorted(p.name for p in (out / "Z01").iterdir())
    assert written == [
        "dashboard.html",
        "improvement.html",
        "improvement.xlsx",
        "practice_report.html",
        "scorecard.html",
        "scorecard.xlsx",
    ]
    assert sorted(p.name for p in (out / "Z02").iterdir()) == written
    assert not list(out.rglob("*.tmp"))  # each file renamed into place whole
    # Each council's files are the files a pack for that council alone writes: the HTML is
    # byte for byte the same (nothing in it depends on how the figures were computed).
    for council, name in (("Z01", "zedborough.toml"), ("Z02", "testshire.toml")):
        folder = tmp_path / f"alone-{council}"
        code, output = _run(
            "report", "--type", "pack", "--db", str(store), "--out", str(folder),
            "--config", str(configs / name), "--format", "html", "--no-record",
        )  # fmt: skip
        assert code == 0, output
        for page in ("scorecard.html", "practice_report.html", "dashboard.html"):
            mine = (out / council / page).read_text("utf-8")
            assert mine == (folder / page).read_text("utf-8"), (council, page)
    z01, z02 = ((out / c / "scorecard.html").read_text("utf-8") for c in COUNCILS)
    assert "Zedborough" in z01 and "Testshire" in z02 and z01 != z02


def test_each_councils_scorecard_is_recorded_as_its_own_run(
    store: Path, configs: Path, tmp_path: Path
) -> None:
    before = len(list_runs(store))
    code, output = _run(
        "report", "--type", "scorecard", "--all-councils", "--db", str(store),
        "--out", str(tmp_path / "cards"), "--format", "xlsx",
        "--config", str(configs / "testshire.toml"),
    )  # fmt: skip
    assert code == 0, output
    assert output.count("recorded as run") == len(COUNCILS)
    assert "shipped example configuration (seed 000's targets) for 1 of 2 councils: Z01" in output
    assert len(list_runs(store)) == before + len(COUNCILS)
    for council in COUNCILS:
        assert (tmp_path / "cards" / council / "scorecard.xlsx").is_file()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--out", "one/card.pdf"), "--all-councils writes a folder per council into --out"),
        (("--config", "{zed}"), "the store holds no children of council Z09 (it holds Z01, Z02)"),
        (("--config", "{empty}"), "is a folder with no .toml configuration files"),
    ],
)
def test_what_cannot_be_written_for_every_council_is_refused_before_anything_is(
    store: Path, tmp_path: Path, arguments: tuple[str, str], message: str
) -> None:
    zed = tmp_path / "z09.toml"
    zed.write_text(CONFIG.format(name="Nowhere", code="Z09"), encoding="utf-8")
    (tmp_path / "empty").mkdir()
    option, value = arguments
    value = value.format(zed=zed, empty=tmp_path / "empty")
    out = tmp_path / "out"
    chosen = (option, value) if option == "--out" else (option, value, "--out", str(out))
    code, output = _run(
        "report", "--type", "scorecard", "--all-councils", "--db", str(store), "--no-record",
        *chosen,
    )  # fmt: skip
    assert code == 2, output
    assert message in output
    assert not out.exists()


def test_a_store_with_no_councils_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    open_store(empty).close()
    code, output = _run(
        "report", "--type", "pack", "--all-councils", "--db", str(empty),
        "--out", str(tmp_path / "out"), "--no-record",
    )  # fmt: skip
    assert code == 2, output
    assert "holds no councils" in output
    assert not (tmp_path / "out").exists()
