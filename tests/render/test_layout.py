"""Layouts: the shipped scorecard reproduces seed 000's rows; mistakes are all reported at once."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from csc_scorecard.render.layout import LayoutError, SectionKind, load_layout

SEED_INDICATORS = Path(__file__).parents[3] / "shared" / "reference" / "seed-indicators.csv"


def test_the_shipped_layout_numbers_seed_000s_26_rows() -> None:
    layout = load_layout()
    rows = [(row.no, row.indicator) for section in layout.section for row in section.rows]
    assert [no for no, _ in rows] == list(range(1, 27))
    assert [s.kind for s in layout.section] == [SectionKind.ROLLING, SectionKind.CHAT]
    assert dict(rows)[4] == "assessments_45wd_pct"
    assert dict(rows)[26] == "care_leavers_19_21_eet_pct"
    assert [(b.title, b.indicator, b.by) for b in layout.breakdown] == [
        ("Assessments by service", "assessments_45wd_pct", "service"),
        ("s47 by service", "s47_enquiries_count", "service"),
    ]


@pytest.mark.skipif(not SEED_INDICATORS.exists(), reason="shared reference files not present")
def test_each_row_is_the_seed_row_its_indicator_came_from() -> None:
    with SEED_INDICATORS.open(encoding="utf-8") as file:
        sources = {row["id"]: row["sources"] for row in csv.DictReader(file)}
    for section in load_layout().section:
        for row in section.rows:
            assert f"000#{row.no}" in sources[row.indicator], row.indicator


def _load(tmp_path: Path, text: str) -> LayoutError:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LayoutError) as caught:
        load_layout(path)
    return caught.value


def test_every_mistake_is_named_with_its_place(tmp_path: Path) -> None:
    error = _load(
        tmp_path,
        """
title = "Scorecard for {mnth}"
[[section]]
title = "Top"
kind = "rolling"
rows = [
    { no = 1, indicator = "referals_rate_per_10k" },
    { no = 1, indicator = "re_referrals_12m_pct" },
]
[[breakdown]]
title = "s47 by ethnicity"
indicator = "s47_enquiries_count"
by = "ethnicity"
periods = ["snapshot"]
""",
    )
    assert error.issues == (
        "section.0.rows.0.indicator: 'referals_rate_per_10k' is not a catalogue indicator id; "
        "did you mean referrals_rate_per_10k?",
        "section.0.rows.1.no: number 1 is already used by referals_rate_per_10k",
        "breakdown.0.by: s47_enquiries_count is not broken down by 'ethnicity' "
        "(it offers team, service)",
        "breakdown.0.periods: s47_enquiries_count has no snapshot figure",
        "title: unknown placeholder {mnth}; text may use {month}, {published_year}, {year_ago}",
    )
    assert str(error).startswith("mine.toml: section.0.rows.0.indicator")


def test_structure_mistakes(tmp_path: Path) -> None:
    error = _load(
        tmp_path,
        """
title = "Scorecard"
colour = "red"
[[section]]
title = "Top"
kind = "weekly"
rows = [{ indicator = "referrals_rate_per_10k" }]
""",
    )
    assert "colour: is not a known key" in error.issues
    assert "section.0.rows.0.no: is required" in error.issues
    assert any(i.startswith("section.0.kind: Input should be 'rolling' or 'chat'")
               for i in error.issues)  # fmt: skip


def test_unreadable_files(tmp_path: Path) -> None:
    assert _load(tmp_path, "title = ").issues[0].startswith("not valid TOML")
    with pytest.raises(LayoutError, match=r"nowhere\.toml: file not found"):
        load_layout(tmp_path / "nowhere.toml")
