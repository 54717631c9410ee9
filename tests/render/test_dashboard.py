"""The committee dashboard (seed 002) on hand-made figures for council Z01, September 2024.

Contacts: 3 this month (small) against 40 a year ago. Progressed to assessment: 20 against
25. Re-referrals: 36 of 40 (90.0%; 4 not re-referred, a small complement) against 30 of 100.
Children on a plan: 7 now and 4 a year ago (small), their starts 2 (small) and 9.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from csc_scorecard.assess.council import assess_council
from csc_scorecard.assess.rag import Rag
from csc_scorecard.config.models import CouncilConfig
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.compute import RESULT_SCHEMA
from csc_scorecard.render.dashboard import build_dashboard, last_months, safe_sentences
from csc_scorecard.render.dashboard_html import render_dashboard_html, write_dashboard
from csc_scorecard.render.dashboard_model import Dashboard
from csc_scorecard.render.publish import Format
from csc_scorecard.render.report_layouts import (
    DashboardLayout,
    dashboard_ids,
    load_dashboard_layout,
)
from csc_scorecard.render.suppression import Rule
from csc_scorecard.store.commentary import Commentary

SEP, SEP_2023 = date(2024, 9, 30), date(2023, 9, 30)
LAYOUT = {
    "title": "Performance Dashboard",
    "cover": [
        {"label": "Date of Meeting", "value": "[Date]"},
        {"label": "Subject", "value": "Dashboard: {month}"},
    ],
    "summary": "An overview of the {month} dashboard.",
    "recommendations": ["Members are asked to consider the performance dashboard."],
    "category": [
        {
            "title": "Contacts and referrals",
            "narrative": ["contacts_count", "referrals_count"],
            "figures": [
                {"indicator": "contacts_count", "period": "month", "label": "Contacts"},
                {
                    "indicator": "contacts_to_assessment_count",
                    "period": "month",
                    "label": "To assessment",
                },
                {
                    "indicator": "re_referrals_12m_pct",
                    "period": "rolling_12m",
                    "label": "Re-referrals",
                },
                {"indicator": "referrals_count", "period": "month", "label": "Referrals"},
            ],
        },
        {
            "title": "Child protection",
            "figures": [
                {"indicator": "cp_count", "period": "snapshot", "label": "On a plan"},
                {"indicator": "cp_starts_count", "period": "month", "label": "Started"},
                {"indicator": "cp_ends_count", "period": "month", "label": "Ended"},
            ],
            "sums": [{"total": "cp_count", "parts": ["cp_starts_count", "cp_ends_count"]}],
        },
    ],
}


def _results(row: Callable[..., dict[str, object]]) -> pl.DataFrame:
    rows = [
        row("contacts_count", "month", end, 30 + n) for n, end in enumerate(last_months(SEP, 13))
    ]
    rows = [r for r in rows if r["period_end"] not in (SEP, SEP_2023)]
    rows += [
        row("contacts_count", "month", SEP, 3),
        row("contacts_count", "month", SEP_2023, 40),
        row("contacts_to_assessment_count", "month", SEP, 20),
        row("contacts_to_assessment_count", "month", SEP_2023, 25),
        row("re_referrals_12m_pct", "rolling_12m", SEP, 90.0, (36, 40)),
        row("re_referrals_12m_pct", "rolling_12m", SEP_2023, 30.0, (30, 100)),
        row("referrals_count", "month", SEP, 120),
        row("referrals_count", "month", SEP_2023, 100),
        row("cp_count", "snapshot", SEP, 30),
        row("cp_count", "snapshot", SEP_2023, 28),
        row("cp_starts_count", "month", SEP, 2),
        row("cp_starts_count", "month", SEP_2023, 9),
        row("cp_ends_count", "month", SEP, 28),
        row("cp_ends_count", "month", SEP_2023, 19),
    ]
    return pl.DataFrame(rows, schema=RESULT_SCHEMA)


@pytest.fixture
def dashboard(
    result_row: Callable[..., dict[str, object]], borough_config: Callable[..., CouncilConfig]
) -> Dashboard:
    config = borough_config()
    layout = DashboardLayout.model_validate(LAYOUT)
    results = _results(result_row)
    ids = dashboard_ids(layout)
    assessed = assess_council(
        results, load_catalogue().select(ids), la_code="Z01", month=SEP, config=config
    )
    commentary = {
        "contacts_count": Commentary("Contacts fell to 3 in September. They are volatile."),
        "referrals_count": Commentary("Referrals rose by 20% on last year. More follows."),
    }
    return build_dashboard(
        layout, assessed, results, month=SEP, config=config, commentary=commentary
    )


def _cells(d: Dashboard, category: int, label: str) -> tuple[str, str, str]:
    h = next(h for h in d.categories[category].headlines if h.label == label)
    return h.now.text, h.year_ago.text, h.change.text


def test_a_small_count_shows_c_and_its_change_is_withheld(dashboard: Dashboard) -> None:
    assert _cells(dashboard, 0, "Contacts") == ("c", "40", "*")


def test_figures_not_small_are_shown_with_their_change(dashboard: Dashboard) -> None:
    assert _cells(dashboard, 0, "To assessment") == ("20", "25", "-5")
    referrals = next(h for h in dashboard.categories[0].headlines if h.label == "Referrals")
    assert referrals.change.text == "+20"


def test_a_percentage_with_a_small_complement_is_withheld(dashboard: Dashboard) -> None:
    assert _cells(dashboard, 0, "Re-referrals") == ("*", "30.0%", "*")


def test_secondary_suppression_within_a_sum(dashboard: Dashboard) -> None:
    # On a plan 30 = started 2 + ended 28: with 2 suppressed, 28 would give it away.
    assert _cells(dashboard, 1, "Started")[0] == "c"
    assert _cells(dashboard, 1, "Ended")[0] == "*"
    assert _cells(dashboard, 1, "On a plan")[0] == "30"
    # A year ago nothing is small, so nothing is withheld.
    assert [_cells(dashboard, 1, n)[1] for n in ("On a plan", "Started", "Ended")] == [
        "28",
        "9",
        "19",
    ]


def test_the_narrative_drops_sentences_with_small_numbers(dashboard: Dashboard) -> None:
    assert dashboard.categories[0].narrative == ("Referrals rose by 20% on last year.",)


def test_safe_sentences() -> None:
    rule = Rule(5)
    assert safe_sentences(
        ["3 children.", "A fall of 4.0 points.", "5% more.", "In 2024."], rule
    ) == ["A fall of 4.0 points.", "5% more.", "In 2024."]


def test_a_suppressed_month_is_a_gap_in_the_sparkline(dashboard: Dashboard) -> None:
    contacts = dashboard.categories[0].headlines[0]
    assert (
        contacts.chart.startswith("<svg")
        and 'aria-label="Contacts: the last 13 months"' in contacts.chart
    )
    assert contacts.chart.count("<polyline") == 1  # September is suppressed: no line to it


def test_the_covering_report(dashboard: Dashboard) -> None:
    assert dashboard.cover == (
        ("Date of Meeting", "[Date]"),
        ("Subject", "Dashboard: September 2024"),
    )
    assert dashboard.summary == "An overview of the September 2024 dashboard."
    assert dashboard.columns[1:3] == ("September 2024", "September 2023")
    assert any('"c"' in note for note in dashboard.footnotes)


def test_change_colour_follows_polarity(dashboard: Dashboard) -> None:
    to_assessment = dashboard.categories[0].headlines[1]
    assert to_assessment.change.ink is Rag.NONE  # no good direction for a volume


def test_html_holds_every_category_and_never_a_small_count(
    dashboard: Dashboard, tmp_path: Path
) -> None:
    page = render_dashboard_html(dashboard)
    for category in ("Contacts and referrals", "Child protection"):
        assert category in page
    assert ">3<" not in page and ">2<" not in page and "90.0%" not in page
    written = write_dashboard(dashboard, tmp_path, [Format.HTML])
    assert written[Format.HTML].read_text("utf-8") == page
    with pytest.raises(ValueError, match="html or pdf"):
        write_dashboard(dashboard, tmp_path, [Format.XLSX])


def test_the_shipped_layout_has_the_five_stages_of_the_journey() -> None:
    titles = [c.title for c in load_dashboard_layout().category]
    assert titles == [
        "Contacts and referrals",
        "Children in need",
        "Child protection",
        "Cared for children",
        "Workforce",
    ]
