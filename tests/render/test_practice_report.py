"""The Performance & Practice Report (seed 004) on hand-made figures for council Z01.

Reporting month September 2023 (Quarter 2 2023-24), as seed 004. Two topics:
- ICPC timeliness (target 95%): monthly and year-to-date percentages with numerator /
  denominator, April to September 2023 as seed 004 prints them (10 / 11, 15 / 20, ... and the
  year to date 10 / 11, 25 / 31, ... 76 / 104), and full financial years 2020-21 to 2022-23.
- Children in care (no target shown): a month-end count for 24 months from October 2021
  (300, 301, ... 323), and 272 at March 2021, charted with SPC limits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from pypdf import PdfReader

from csc_scorecard.assess.council import AssessedIndicator, assess_council
from csc_scorecard.config.models import CouncilConfig
from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.compute import RESULT_SCHEMA
from csc_scorecard.engine.periods import month_end, month_ends
from csc_scorecard.render.html import PRACTICE_TEMPLATE, render_html
from csc_scorecard.render.layout import LayoutError
from csc_scorecard.render.model import LineKind, Report, Section
from csc_scorecard.render.practice_layout import PracticeLayout, load_practice_layout
from csc_scorecard.render.practice_report import build_practice_report, quarter_of
from csc_scorecard.render.publish import Format, write_practice_report
from csc_scorecard.render.svg import chart_svg
from csc_scorecard.store.commentary import Commentary

SEP = date(2023, 9, 30)
MONTHLY = [(10, 11), (15, 20), (11, 16), (6, 14), (8, 12), (26, 31)]
YEARS = {2021: (112, 126), 2022: (135, 174), 2023: (116, 156)}
CLA_MONTHS = month_ends(date(2021, 10, 31), SEP)

LAYOUT = """
title = "Children's Social Care Performance & Practice Report"
label = "Scrutiny"

[[topic]]
title = "Initial child protection conferences: timeliness"
summary = "ICPC timeliness"
definition = "ICPCs held within 15 working days of the strategy discussion."

[[topic.columns]]
indicator = "icpc_15wd_pct"
code = "CSC 178"
label = "Monthly"
fraction = true
chart = true

[[topic.columns]]
indicator = "icpc_15wd_pct"
code = "CSC 176"
label = "Year to date"
period = "ytd"
fraction = true

[[topic]]
title = "Children in care"
summary = "Children in Care"
columns = [{ indicator = "cla_count", code = "CSC 201", chart = true, spc = true, target = false }]
"""


def _row(
    indicator: str, kind: str, end: date, n: float, d: float | None = None
) -> dict[str, object]:
    value = n if d is None else 100 * n / d
    return {
        "la_code": "Z01",
        "indicator_id": indicator,
        "period_kind": kind,
        "period_start": None,
        "period_end": end,
        "breakdown": None,
        "breakdown_value": None,
        "numerator": n if d is not None else None,
        "denominator": d,
        "value": value,
    }


@pytest.fixture
def results() -> pl.DataFrame:
    rows = []
    total = [0, 0]
    for m, (n, d) in enumerate(MONTHLY):
        end = month_end(date(2023, 4 + m, 1))
        total = [total[0] + n, total[1] + d]
        rows += [_row("icpc_15wd_pct", "month", end, n, d)]
        rows += [_row("icpc_15wd_pct", "ytd", end, *total)]
    rows += [_row("icpc_15wd_pct", "fy", date(y, 3, 31), n, d) for y, (n, d) in YEARS.items()]
    rows += [_row("cla_count", "snapshot", end, 300 + i) for i, end in enumerate(CLA_MONTHS)]
    rows.append(_row("cla_count", "snapshot", date(2021, 3, 31), 272))
    return pl.DataFrame(rows, schema=RESULT_SCHEMA)


@pytest.fixture
def config(borough_config: Callable[..., CouncilConfig]) -> CouncilConfig:
    targets = {"icpc_15wd_pct": {"target": 95}, "cla_count": {"target": 250}}
    return borough_config(targets, region="North East")


@pytest.fixture
def layout(tmp_path: Path) -> PracticeLayout:
    path = tmp_path / "practice.toml"
    path.write_text(LAYOUT, encoding="utf-8")
    return load_practice_layout(path)


@pytest.fixture
def assessed(results: pl.DataFrame, config: CouncilConfig) -> tuple[AssessedIndicator, ...]:
    indicators = load_catalogue().select(["icpc_15wd_pct", "cla_count"])
    return assess_council(results, indicators, la_code="Z01", month=SEP, config=config)


@pytest.fixture
def report(
    layout: PracticeLayout,
    assessed: tuple[AssessedIndicator, ...],
    results: pl.DataFrame,
    config: CouncilConfig,
) -> Report:
    written = {"icpc_15wd_pct": Commentary("Late notifications delayed 5 conferences. More.")}
    return build_practice_report(
        layout, assessed, results, month=SEP, config=config, commentary=written
    )


def _texts(section: Section) -> list[list[str]]:
    return [[cell.text for cell in row] for row in section.rows]


def test_cover_names_the_quarter(report: Report) -> None:
    assert quarter_of(SEP) == (2, "Jul-Sep")
    assert quarter_of(date(2023, 11, 30)) == (3, "Oct-Nov")
    assert report.subtitle == "September 2023, Quarter 2 2023-24 (Jul-Sep)"
    assert report.summary_title == "Q2 2023-24 Performance Summary"
    assert report.label == "Scrutiny"


def test_in_month_table_runs_april_to_march_with_future_months_blank(report: Report) -> None:
    in_month = report.topics[0].tables[0]
    rows = _texts(in_month)
    labels = [row[0] for row in rows]
    assert labels[0] == "Target"
    assert labels[1:] == [
        "Apr 2023", "May 2023", "Jun 2023", "Jul 2023", "Aug 2023", "Sep 2023",
        "Oct 2023", "Nov 2023", "Dec 2023", "Jan 2024", "Feb 2024", "Mar 2024",
    ]  # fmt: skip
    assert rows[0][1:] == ["", "95.0%", "", "95.0%"]
    assert rows[1][1:] == ["10 / 11", "90.9%", "10 / 11", "90.9%"]
    assert rows[2][1:] == ["15 / 20", "75.0%", "25 / 31", "80.6%"]
    assert rows[6][1:] == ["26 / 31", "83.9%", "76 / 104", "73.1%"]
    assert all(cell == "" for row in rows[7:] for cell in row[1:])
    titles = [c.title for c in in_month.columns]
    assert titles == ["", "Num / Den", "%", "Num / Den", "%"]
    assert [c.group for c in in_month.columns][1:] == ["CSC 178 Monthly"] * 2 + [
        "CSC 176 Year to date"
    ] * 2


def test_annual_trend_has_four_years_ending_with_the_year_to_date(report: Report) -> None:
    icpc = _texts(report.topics[0].tables[1])
    assert [row[0] for row in icpc] == ["2020-21", "2021-22", "2022-23", "2023-24 Apr-Sep"]
    assert icpc[0][1:3] == ["112 / 126", "88.9%"]
    assert icpc[3][1:] == ["76 / 104", "73.1%", "76 / 104", "73.1%"]
    cla = _texts(report.topics[1].tables[1])
    assert [row[1] for row in cla] == ["272", "305", "317", "323"]


def test_a_snapshot_without_a_shown_target_has_no_target_row(report: Report) -> None:
    rows = _texts(report.topics[1].tables[0])
    assert rows[0][0] == "Apr 2023"
    assert rows[5][1] == "323"


def test_topics_carry_definition_analysis_and_summary(report: Report) -> None:
    icpc, cla = report.topics
    assert icpc.definition == ("ICPCs held within 15 working days of the strategy discussion.",)
    assert icpc.analysis[0].text == "Late notifications delayed 5 conferences. More."
    assert cla.definition[0] == load_catalogue().select(["cla_count"])[0].definition
    assert report.summary[0].lead == "ICPC timeliness"
    assert report.summary[0].text == "Late notifications delayed 5 conferences."


def test_chart_shows_monthly_figures_target_and_spc_limits(
    report: Report, assessed: tuple[AssessedIndicator, ...]
) -> None:
    icpc_chart = report.topics[0].charts[0]
    assert [p.value for p in icpc_chart.points] == pytest.approx([100 * n / d for n, d in MONTHLY])
    assert [(line.kind, line.value) for line in icpc_chart.lines] == [(LineKind.TARGET, 95)]
    svg = chart_svg(icpc_chart, "c1")
    assert re.search(r'<line class="target"[^>]*data-value="95\.0"', svg)
    values = [float(v) for v in re.findall(r'<circle class="point"[^>]*data-value="([^"]+)"', svg)]
    assert values == pytest.approx([100 * n / d for n, d in MONTHLY])
    assert "Latest (Sep 23): 83.9%." in icpc_chart.summary
    assert '<desc id="c1-d">' in svg

    cla_chart = report.topics[1].charts[0]
    assert len(cla_chart.points) == 24
    xmr = next(a for a in assessed if a.indicator.id == "cla_count").assessment
    assert xmr is not None and xmr.spc is not None
    kinds = {line.kind: line.value for line in cla_chart.lines}
    assert LineKind.TARGET not in kinds
    assert kinds[LineKind.CENTRE] == pytest.approx(xmr.spc.chart.centre)
    assert 'class="limit"' in chart_svg(cla_chart, "c2")


def test_the_shipped_layout_follows_seed_004() -> None:
    layout = load_practice_layout()
    assert len(layout.topic) == 24
    assert layout.topic[0].title == "Referrals: timeliness"
    assert [c.code for c in layout.topic[0].columns] == ["CSC 022", "CSC 026"]
    assert layout.topic[-1].title == "Care leavers"


def test_every_layout_mistake_is_named_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        """
title = "Report for {mnth}"
[[topic]]
title = "One"
summary = "One"
colour = "red"
columns = [
    { indicator = "icpc_15wd_pcnt" },
    { indicator = "cla_count", fraction = true, spc = true },
    { indicator = "cla_count", period = "month" },
    { indicator = "icpc_15wd_pct", period = "ytd", chart = true },
    { indicator = "icpc_15wd_pct", period = "quarter" },
]
""",
        encoding="utf-8",
    )
    with pytest.raises(LayoutError) as caught:
        load_practice_layout(path)
    assert "topic.0.colour: is not a known key" in caught.value.issues
    path.write_text(path.read_text().replace('colour = "red"\n', ""), encoding="utf-8")
    with pytest.raises(LayoutError) as caught:
        load_practice_layout(path)
    issues = "\n".join(caught.value.issues)
    assert (
        "topic.0.columns.0.indicator: 'icpc_15wd_pcnt' is not a catalogue indicator id; "
        "did you mean icpc_15wd_pct?" in issues
    )
    assert "topic.0.columns.1.spc: SPC limits are drawn on a chart" in issues
    assert "topic.0.columns.1.fraction: cla_count is not a percentage" in issues
    assert "topic.0.columns.2.period: cla_count has no month figure" in issues
    assert "topic.0.columns.3.chart: a chart shows the in-month or month-end series" in issues
    assert "topic.0.columns.4.period: quarter does not end every month" in issues
    assert "title: unknown placeholder {mnth}" in issues


def test_html_holds_each_topic_table_and_chart(report: Report) -> None:
    page = render_html(report, PRACTICE_TEMPLATE)
    assert "<h1>Children&#39;s Social Care Performance &amp; Practice Report</h1>" in page
    assert page.count('<section class="topic"') == 2
    assert page.count("<dt>Definition</dt>") == 2
    assert page.count("<dt>Performance analysis</dt>") == 2
    assert page.count('<th scope="rowgroup"') == 4
    assert page.count("<svg ") == 2
    assert 'aria-labelledby="chart-1-1-t chart-1-1-d"' in page
    assert "<strong>ICPC timeliness:</strong>" in page
    assert "<script" not in page


def test_pdf_is_written_with_the_title(report: Report, tmp_path: Path) -> None:
    written = write_practice_report(report, tmp_path)
    assert set(written) == {Format.HTML, Format.PDF}
    text = " ".join(page.extract_text() for page in PdfReader(written[Format.PDF]).pages)
    words = " ".join(text.split())
    assert "Performance & Practice Report" in words
    assert "Quarter 2 2023-24" in words
    with pytest.raises(ValueError, match="html or pdf"):
        write_practice_report(report, tmp_path, [Format.XLSX])
