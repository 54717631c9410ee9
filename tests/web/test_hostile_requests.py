"""Hostile requests: path traversal in downloads and injection through every parameter are
refused without a server error, and never reach the store or the file system."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from web.conftest import log_in, new_client

TRAVERSALS = [
    "/download/scorecard.../../../etc/passwd",
    "/download/scorecard.%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/download/scorecard.pdf/../../../../etc/passwd",
    "/download/scorecard.xlsx%00.html",
    "/download/..%2f..%2fstore.duckdb",
]

INJECTIONS = [
    "referrals_count' OR '1'='1",
    "referrals_count; DROP TABLE ssd_person; --",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "referrals_count%00",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_a_download_path_outside_the_reports_is_refused(app: FastAPI, path: str) -> None:
    client = log_in(new_client(app), "ana")
    response = client.get(path)
    assert response.status_code in {400, 404, 422}
    assert "root:" not in response.text


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize(
    "route",
    [
        "/indicators/{}",
        "/api/indicators/{}",
        "/api/indicators/{}/children",
        "/api/indicators/{}/breakdowns",
    ],
)
def test_an_indicator_parameter_is_a_name_not_code(app: FastAPI, route: str, value: str) -> None:
    client = log_in(new_client(app), "ana")
    response = client.get(route.format(value))
    assert response.status_code in {400, 404, 422}
    assert "<script>alert(1)</script>" not in response.text
    # The store is intact: the page of a real indicator still loads.
    assert client.get("/api/indicators/referrals_count").status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "month=2024-13",
        "month=2024-11' OR 1=1 --",
        "month=<script>",
        "month=../../etc",
        "period_kind=month;DROP",
        "breakdown=team&value=' OR '1'='1",
    ],
)
def test_query_parameters_are_refused_or_ignored_without_an_error(app: FastAPI, query: str) -> None:
    client = log_in(new_client(app), "ana")
    for route in ("/scorecard", "/api/indicators/referrals_count/children"):
        response = client.get(f"{route}?{query}")
        assert response.status_code < 500, (route, query, response.status_code)
        assert "<script>" not in response.text
