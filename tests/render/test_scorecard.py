"""The scorecard builder: which figure goes where, arrows, colours, text (see conftest)."""

from __future__ import annotations

from datetime import date

import pytest

from csc_scorecard.assess.council import AssessedIndicator
from csc_scorecard.assess.rag import Rag
from csc_scorecard.config.models import CouncilConfig
from csc_scorecard.render.layout import Layout
from csc_scorecard.render.model import Cell, Report, Section

NOV = date(2024, 11, 30)


def _texts(row: tuple[Cell, ...]) -> list[str]:
    return [cell.text for cell in row]


def _row(section: Section, number: str) -> tuple[Cell, ...]:
    return next(row for row in section.rows if row[0].text == number)


def test_headers_name_the_periods_and_the_published_year(report: Report) -> None:
    rolling, chat = report.sections
    titles = [c.title for c in rolling.columns]
    assert titles[:8] == [
        "No",
        "Key",
        "Indicator",
        "LA rolling 12m (Dec23 - Nov24)",
        "LA rolling 6m (Jun24 - Nov24)",
        "Direction of travel",
        "Target",
        "Low/High is good",
    ]
    assert titles[8:] == ["LA", "RIG NW", "LA", "SN", "NW", "Eng", "Compared to mid-50% LA",
                          "Analysis"]  # fmt: skip
    assert [c.title for c in chat.columns][3:5] == ["LA Nov 2023 ChAT", "LA Nov 2024 ChAT"]
    assert rolling.groups == (
        ("", 8),
        ("RIG 2024-25 Q1", 2),
        ("Latest published statistics (2023-24)", 4),
        ("", 2),
    )


def test_a_key_indicator_against_its_target(report: Report) -> None:
    row = _row(report.sections[0], "2")
    assert _texts(row)[:-1] == [
        "2",
        "★",
        "Re-referrals within 12 months (%)*",
        "24.1%",
        "22.0%",
        "↓",
        "21.0%",
        "Low",
        "24.0%",
        "22.2%",
        "23.0%",
        "23.0%",
        "20.0%",
        "21.0%",
        "Higher",
    ]
    twelve, six, arrow = row[3], row[4], row[5]
    # 24.1% is more than 5% above a 21% target where low is good: red, said in words too.
    assert (twelve.fill, twelve.note, twelve.number, twelve.suffix) == (
        Rag.RED,
        "red: target missed",
        24.1,
        "%",
    )
    assert six.fill is Rag.NONE
    # Six months below twelve, low is good: an improving fall.
    assert (arrow.ink, arrow.caption, arrow.note) == (Rag.GREEN, "better", "down, improving")
    assert "24.1%" in row[-1].text


def test_no_colour_where_no_good_direction_and_analyst_text_wins(report: Report) -> None:
    row = _row(report.sections[0], "1")
    assert _texts(row)[:8] == ["1", "", row[2].text, "722.2", "726.0", "↑", "-", "-"]
    assert row[2].text.endswith("*")
    assert (row[5].ink, row[5].caption, row[5].note) == (Rag.NONE, "", "up")
    assert row[-1].text == "Referrals fell slightly in November."


def test_monthly_only_figures_are_dated(report: Report) -> None:
    row = _row(report.sections[0], "6")
    assert _texts(row)[3:7] == ["30.0% (Dec 2023)", "28.0% (Nov 2024)", "↓", "20.0%"]
    assert row[4].fill is Rag.RED and row[5].ink is Rag.GREEN


def test_chat_rows_compare_snapshots_a_year_apart(report: Report) -> None:
    row = report.sections[1].rows[0]
    assert _texts(row)[:8] == ["13", "", row[2].text, "464.0", "445.0", "↓", "-", "-"]
    assert row[2].text.endswith("**")


CIN_DRAFT = (
    "At the end of November 2024, the rate was 445.0, a drop of 4% from 464.0 a year earlier."
)
"""Row 13's own figures: 464.0 to 445.0 is -19.0, 4.1% of 464.0."""


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        (None, CIN_DRAFT),
        ("Fewer families stepped up.", "Fewer families stepped up."),
        (" Fewer families stepped up.", f"{CIN_DRAFT} Fewer families stepped up."),
    ],
    ids=["draft", "replaced", "extended"],
)
def test_chat_rows_describe_their_own_figures(
    layout: Layout,
    assessed: tuple[AssessedIndicator, ...],
    config: CouncilConfig,
    written: str | None,
    shown: str,
) -> None:
    """The assessed draft describes rolling figures; a ChAT row's describes the row's, alone or
    ahead of an analyst's extension (``written`` starting with a space extends the draft)."""
    from csc_scorecard.render.scorecard import build_scorecard
    from csc_scorecard.store.commentary import Commentary

    cin = next(a for a in assessed if a.indicator.id == "cin_rate_per_10k")
    commentary: dict[str, Commentary] = {}
    if written is not None:
        text = f"{cin.draft.text}{written}" if written.startswith(" ") else written
        commentary["cin_rate_per_10k"] = Commentary(text, NOV)
    report = build_scorecard(layout, assessed, month=NOV, config=config, commentary=commentary)
    assert report.sections[1].rows[0][-1].text == shown


def test_text_and_footnotes(report: Report) -> None:
    assert report.subtitle == "Data as at end of November 2024"
    assert report.intro == (
        "Latest 6 months to November 2024 against November 2023; published statistics 2023-24.",
    )
    assert report.footnotes[-1].startswith("Published statistics are synthetic")
    assert ("Store", "store.duckdb") in [(r[0].text, r[1].text) for r in report.data_source.rows]


def test_breakdown_sheet_by_service(report: Report) -> None:
    (sheet,) = report.breakdowns
    assert sheet.title == "Re-referrals by service"
    assert [c.title for c in sheet.columns] == ["Service", "Rolling 12m (Dec23 - Nov24)", "Of"]
    assert [_texts(r) for r in sheet.rows] == [
        ["North", "30.0%", "3 of 10"],
        ["South", "23.4%", "9 of 38"],
        ["Whole council", "24.1%", "241 of 1,000"],
    ]


def test_notes_give_definitions_in_row_order(report: Report) -> None:
    assert [r[0].text for r in report.notes.rows] == ["1", "2", "6", "13"]
    assert "(re_referrals_12m_pct)" in report.notes.rows[1][1].text
    assert report.notes.rows[1][2].text


def test_every_row_indicator_must_be_assessed(
    layout: Layout, assessed: tuple[AssessedIndicator, ...], config: CouncilConfig
) -> None:
    from csc_scorecard.render.scorecard import build_scorecard

    with pytest.raises(ValueError, match="not assessed: cin_rate_per_10k"):
        build_scorecard(layout, assessed[:3], month=NOV, config=config)
