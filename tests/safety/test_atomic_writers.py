"""Every output is written whole or not at all: a write that fails leaves the previous file.

Each writer is made to fail at its last step (moving the finished file into place, which only a
writer going through ``files.atomic_path`` has): the previous file must still be there, intact,
with no temporary file left beside it. A writer that wrote straight into place would already
have truncated the previous file. The demo writes through these same writers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from csc_scorecard.cli import build_app
from csc_scorecard.ingest.report import Reason, Rejection, write_rejections_csv
from csc_scorecard.render.from_store import scorecard_from_store
from csc_scorecard.render.layout import load_layout
from csc_scorecard.render.model import Report
from csc_scorecard.render.publish import Format, write_scorecard

PREVIOUS = b"the previous file\n"
SNAPSHOT_AT_MARCH = ("--period-kind", "snapshot", "--month", "2026-03")


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder in which moving any file into place fails, as on a full disk."""
    folder = tmp_path / "out"
    folder.mkdir()
    moved = Path.replace

    def refuse(self: Path, target: str | Path) -> Path:
        if Path(target).parent == folder:
            raise OSError("No space left on device (simulated)")
        return moved(self, target)

    monkeypatch.setattr(Path, "replace", refuse)
    return folder


def _previous(path: Path) -> Path:
    path.write_bytes(PREVIOUS)
    return path


def _left_alone(path: Path) -> None:
    assert path.read_bytes() == PREVIOUS
    assert [p.name for p in path.parent.iterdir()] == [path.name]


@pytest.mark.parametrize(
    ("name", "arguments"),
    [
        ("results.csv", ["compute", "--no-record", "--indicator", "cin_rate_per_10k"]),
        ("results.json", ["compute", "--no-record", "--indicator", "cin_rate_per_10k"]),
        (
            "rows.csv",
            ["explain", "--indicator", "cin_rate_per_10k", *SNAPSHOT_AT_MARCH],
        ),
        ("quality.csv", ["quality", "--as-at", "2026-04-01"]),
    ],
)
def test_command_outputs_are_written_whole_or_not_at_all(
    store: Path, out: Path, name: str, arguments: list[str]
) -> None:
    target = _previous(out / name)
    result = CliRunner().invoke(build_app(), [*arguments, "--db", str(store), "--out", str(target)])
    assert result.exit_code != 0
    _left_alone(target)


@pytest.fixture(scope="module")
def scorecard(store: Path) -> Report:
    return scorecard_from_store(store, layout=load_layout()).report


@pytest.mark.parametrize("chosen", list(Format))
def test_reports_are_written_whole_or_not_at_all(
    scorecard: Report, out: Path, chosen: Format
) -> None:
    target = _previous(out / f"scorecard.{chosen.value}")
    with pytest.raises(OSError, match="simulated"):
        write_scorecard(scorecard, out, [chosen])
    _left_alone(target)


def test_the_rejects_csv_is_written_whole_or_not_at_all(out: Path) -> None:
    target = _previous(out / "store.rejects.csv")
    rejection = Rejection(
        "contacts.csv", "ssd_contacts", 3, "cont_contact_date", Reason.IMPOSSIBLE_DATE, "not a date"
    )
    with pytest.raises(OSError, match="simulated"):
        write_rejections_csv([rejection], target)
    _left_alone(target)
