"""A small synthetic council's store with one account per role, and clients logged in as each."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from csc_scorecard.demo import catalogue_manual_specs
from csc_scorecard.synth import synthesise_store
from csc_scorecard.web.app import create_app
from csc_scorecard.web.roles import Role
from csc_scorecard.web.users import add_user

PASSWORD = "correct horse battery"
ROLES = {"admin": Role.ADMIN, "ana": Role.ANALYST, "mandy": Role.MANAGER, "vic": Role.VIEWER}


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two years of a council of 3,000 children to November 2024, with an account per role
    and a manager granted child-level lists."""
    path = synthesise_store(
        tmp_path_factory.mktemp("web"),
        children=3_000,
        years=2,
        end_month=date(2024, 11, 30),
        manual=catalogue_manual_specs(),
    ).path
    con = duckdb.connect(str(path))
    try:
        for name, role in ROLES.items():
            add_user(con, name, role, PASSWORD)
        add_user(con, "grant", Role.MANAGER, PASSWORD, drill_granted=True)
        add_user(con, "locked", Role.ANALYST, PASSWORD)
    finally:
        con.close()
    return path


@pytest.fixture(scope="session")
def app(store: Path) -> FastAPI:
    """The app, its first computation finished."""
    built = create_app(store)
    assert built.state.csc.dashboard.wait() is not None, built.state.csc.dashboard.error
    return built


def csrf_of(html: str) -> str:
    """The CSRF token a page's form carries."""
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found[1]


def log_in(client: TestClient, name: str, password: str = PASSWORD) -> TestClient:
    """Log ``client`` in through the form."""
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"name": name, "password": password, "csrf": token})
    assert response.status_code == 303, response.text
    return client


def new_client(app: FastAPI) -> TestClient:
    """A client on HTTPS: the session cookie is Secure and would not be sent over HTTP."""
    return TestClient(app, base_url="https://testserver", follow_redirects=False)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A client not logged in."""
    with new_client(app) as found:
        yield found


@pytest.fixture(params=sorted(ROLES))
def each_role(request: pytest.FixtureRequest, app: FastAPI) -> Iterator[tuple[str, TestClient]]:
    """A client logged in as each role in turn."""
    with new_client(app) as found:
        yield request.param, log_in(found, request.param)
