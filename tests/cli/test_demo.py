"""``csc-scorecard demo`` end to end on a small council: every indicator has a figure."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from csc_scorecard.cli import build_app
from csc_scorecard.cli.demo import last_complete_quarter_end
from csc_scorecard.engine.catalogue import load_catalogue


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 10, 15), date(2026, 9, 30)),
        (date(2026, 10, 1), date(2026, 9, 30)),
        (date(2026, 9, 30), date(2026, 6, 30)),
        (date(2026, 2, 3), date(2025, 12, 31)),
        (date(2026, 4, 1), date(2026, 3, 31)),
    ],
)
def test_the_default_end_month_is_the_last_complete_quarter_end(
    today: date, expected: date
) -> None:
    assert last_complete_quarter_end(today) == expected


@pytest.mark.slow
def test_demo_gives_every_indicator_a_whole_council_figure(tmp_path: Path) -> None:
    """March ends every period kind (fy included), so each declared kind has a figure there."""
    out = tmp_path / "demo"
    args = ["demo", "--out", str(out), "--children", "5000", "--years", "2"]
    result = CliRunner().invoke(build_app(), [*args, "--end-month", "2026-03"])
    assert result.exit_code == 0, result.output
    assert "0 rejected" in result.output
    assert pl.read_csv(out / "rejects.csv").height == 0
    results = pl.read_csv(out / "results.csv", infer_schema_length=None)
    assert results["period_end"].n_unique() >= 24  # every month end, not only the last
    council = results.filter(
        pl.col("breakdown").is_null() | (pl.col("breakdown") == "all"),
        pl.col("period_end") == "2026-03-31",
    )
    for indicator in load_catalogue():
        figures = council.filter(pl.col("indicator_id") == indicator.id)
        assert set(figures["period_kind"]) == {p.value for p in indicator.periods}, indicator.id
        assert figures["value"].drop_nulls().len() > 0, indicator.id
