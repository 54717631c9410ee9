"""Every role against every route: refused what it must not see, however the URL is reached."""

from __future__ import annotations

import polars as pl
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

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
    """An indicator whose whole-council rolling figure this month counts 1 to 4 children."""
    results = app.state.csc.dashboard.current().results
    small = results.filter(
        pl.col("period_end") == pl.col("period_end").max(),
        pl.col("breakdown").is_null() | (pl.col("breakdown") == ""),
        pl.col("numerator").is_between(1, 4),
    ).sort("indicator_id")
    assert not small.is_empty(), "the synthetic council has no small figure to suppress"
    row = small.row(0, named=True)
    return row["indicator_id"], row["numerator"]


def test_viewers_see_small_numbers_withheld(app: FastAPI) -> None:
    indicator, numerator = _small_figure(app)
    seen = {}
    for name in ("vic", "ana"):
        with new_client(app) as client:
            log_in(client, name)
            seen[name] = client.get(f"/api/indicators/{indicator}").json()["figures"]
    assert any(f["numerator"] == "[c]" for f in seen["vic"])
    assert f"{numerator:,.0f}" in {f["numerator"] for f in seen["ana"]}
    assert all(f["numerator"] != "[c]" for f in seen["ana"])


def test_viewer_pages_carry_no_breakdowns_or_child_links(each_role: tuple[str, TestClient]) -> None:
    name, client = each_role
    page = client.get(f"/indicators/{INDICATOR}").text
    assert ("List children" in page) is (name in {"admin", "ana"})
    assert ("By service" in page) is (name != "vic")
