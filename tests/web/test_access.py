"""Every role against every route: refused what it must not see, however the URL is reached."""

from __future__ import annotations

import polars as pl
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.catalogue.entry import Counting
from csc_scorecard.narrative.numbers import NO_FIGURE
from csc_scorecard.render.suppression import WITHHELD
from web.conftest import csrf_of, log_in, new_client

INDICATOR = "assessments_45wd_pct"
DRILL = "kind=rolling_12m&month=2024-11"
ALLOWED = {
    "/scorecard": {"admin", "ana", "mandy", "vic"},
    "/scorecard?month=2024-10": {"admin", "ana", "mandy", "vic"},
    f"/indicators/{INDICATOR}": {"admin", "ana", "mandy", "vic"},
    f"/api/indicators/{INDICATOR}": {"admin", "ana", "mandy", "vic"},
    f"/indicators/{INDICATOR}/children?{DRILL}": {"admin", "ana"},
    f"/api/indicators/{INDICATOR}/children?{DRILL}": {"admin", "ana"},
    f"/api/indicators/{INDICATOR}/breakdowns": {"admin", "ana", "mandy"},
    "/quality": {"admin", "ana", "mandy"},
    "/download/scorecard.html": {"admin", "ana", "mandy"},
    "/users": {"admin"},
}


@pytest.mark.parametrize("route", sorted(ALLOWED))
def test_each_role_gets_only_what_it_may(route: str, each_role: tuple[str, TestClient]) -> None:
    name, client = each_role
    expected = 200 if name in ALLOWED[route] else 403
    assert client.get(route).status_code == expected


@pytest.mark.parametrize("route", sorted(ALLOWED))
def test_nobody_logged_in_is_sent_to_the_login_form(route: str, client: TestClient) -> None:
    response = client.get(route)
    if route.startswith("/api/"):
        assert response.status_code == 401
    else:
        assert (response.status_code, response.headers["location"]) == (303, "/login")


def test_a_manager_granted_drill_through_sees_children(app: FastAPI) -> None:
    with new_client(app) as client:
        log_in(client, "grant")
        assert client.get(f"/api/indicators/{INDICATOR}/children?{DRILL}").status_code == 200


def test_commentary_only_by_analysts_and_admins(each_role: tuple[str, TestClient]) -> None:
    name, client = each_role
    page = client.get(f"/indicators/{INDICATOR}").text
    has_form = "Save commentary" in page
    assert has_form is (name in {"admin", "ana"})
    response = client.post(
        f"/indicators/{INDICATOR}/commentary",
        data={"month": "2024-11", "text": "Checked.", "csrf": csrf_of(page)},
    )
    assert response.status_code == (303 if name in {"admin", "ana"} else 403)


def _small_figure(app: FastAPI) -> tuple[str, float]:
    """An indicator counting children whose whole-council figure this month has a numerator
    from 1 to the council's threshold (staff and audit figures identify no child)."""
    found = app.state.csc.dashboard.current()
    catalogue = load_catalogue()
    results = found.results.filter(
        pl.col("period_end") == pl.col("period_end").max(),
        pl.col("breakdown").is_null() | (pl.col("breakdown") == ""),
        pl.col("numerator").is_between(1, found.rule.threshold),
    ).sort("indicator_id")
    small = [
        row
        for row in results.iter_rows(named=True)
        if catalogue[row["indicator_id"]].counting not in {Counting.STAFF, Counting.AUDIT}
    ]
    assert small, "the synthetic council has no small figure to suppress"
    return small[0]["indicator_id"], small[0]["numerator"]


def test_viewers_see_small_numbers_withheld(app: FastAPI) -> None:
    indicator, numerator = _small_figure(app)
    mark = app.state.csc.dashboard.current().rule.mark
    seen = {}
    for name in ("vic", "ana"):
        with new_client(app) as client:
            log_in(client, name)
            seen[name] = client.get(f"/api/indicators/{indicator}").json()["figures"]
    assert any(f["numerator"] == mark for f in seen["vic"])
    assert f"{numerator:,.0f}" in {f["numerator"] for f in seen["ana"]}
    assert all(f["numerator"] not in {mark, WITHHELD} for f in seen["ana"])


def test_the_viewers_scorecard_shows_the_marker_where_a_figure_is_withheld(app: FastAPI) -> None:
    found = app.state.csc.dashboard.current()
    month = found.months[0]
    cells = {}
    for public in (True, False):
        report = app.state.csc.dashboard.month(found, month, public=public)
        cells[public] = [cell.text for s in report.sections for row in s.rows for cell in row[3:5]]
    marked = [i for i, text in enumerate(cells[True]) if text in {found.rule.mark, WITHHELD}]
    assert marked, "the synthetic council's scorecard has no withheld figure"
    assert all(cells[False][i] not in {found.rule.mark, WITHHELD, NO_FIGURE} for i in marked)
    with new_client(app) as client:
        log_in(client, "vic")
        page = client.get("/scorecard").text
    assert found.rule.footnote.split(":")[0] in page


def test_viewer_pages_carry_no_breakdowns_or_child_links(each_role: tuple[str, TestClient]) -> None:
    name, client = each_role
    page = client.get(f"/indicators/{INDICATOR}").text
    assert ("List children" in page) is (name in {"admin", "ana"})
    assert ("By service" in page) is (name != "vic")
