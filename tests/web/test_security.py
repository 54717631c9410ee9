"""Sessions, CSRF, throttling, headers and the audit log."""

from __future__ import annotations

import duckdb
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from csc_scorecard.web.audit import entries
from csc_scorecard.web.gate import Mode
from csc_scorecard.web.roles import Role
from csc_scorecard.web.sessions import IDLE, Sessions
from csc_scorecard.web.state import COOKIE
from csc_scorecard.web.throttle import WINDOW, LoginThrottle
from csc_scorecard.web.users import add_user, create_users_table
from web.conftest import PASSWORD, csrf_of, log_in, new_client

INDICATOR = "assessments_45wd_pct"


def test_login_without_the_forms_token_is_refused(client: TestClient) -> None:
    client.get("/login")
    response = client.post("/login", data={"name": "ana", "password": PASSWORD, "csrf": "forged"})
    assert response.status_code == 403
    assert client.get("/scorecard").status_code == 303


def test_commentary_without_the_sessions_token_is_refused(app: FastAPI) -> None:
    with new_client(app) as client:
        log_in(client, "ana")
        form = {"month": "2024-11", "text": "Forged."}
        assert client.post(f"/indicators/{INDICATOR}/commentary", data=form).status_code == 403
        form["csrf"] = "not the token"
        assert client.post(f"/indicators/{INDICATOR}/commentary", data=form).status_code == 403


def test_session_id_changes_at_login_and_the_old_one_is_dead(client: TestClient) -> None:
    client.get("/login")
    before = client.cookies[COOKIE]
    log_in(client, "ana")
    after = client.cookies[COOKIE]
    assert after != before
    with new_client(client.app) as other:  # type: ignore[arg-type]
        other.cookies.set(COOKIE, before)
        assert other.get("/scorecard").status_code == 303


def test_logout_ends_the_session_on_the_server(client: TestClient) -> None:
    log_in(client, "ana")
    cookie = client.cookies[COOKIE]
    page = client.get("/scorecard").text
    assert client.post("/logout", data={"csrf": csrf_of(page)}).status_code == 303
    with new_client(client.app) as other:  # type: ignore[arg-type]
        other.cookies.set(COOKIE, cookie)
        assert other.get("/scorecard").status_code == 303


def test_a_forged_signature_is_not_a_session(client: TestClient) -> None:
    log_in(client, "ana")
    session_id, _ = client.cookies[COOKIE].rsplit(".", 1)
    with new_client(client.app) as other:  # type: ignore[arg-type]
        other.cookies.set(COOKIE, f"{session_id}.{'0' * 64}")
        assert other.get("/scorecard").status_code == 303


def test_cookie_is_secure_httponly_strict(client: TestClient) -> None:
    header = client.get("/login").headers["set-cookie"]
    assert all(part in header for part in ("Secure", "HttpOnly", "SameSite=strict", "Path=/"))


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/login").headers
    policy = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_failed_logins_lock_the_account(client: TestClient) -> None:
    for _ in range(5):
        token = csrf_of(client.get("/login").text)
        wrong = {"name": "locked", "password": "wrong password!", "csrf": token}
        assert client.post("/login", data=wrong).status_code == 400
    token = csrf_of(client.get("/login").text)
    right = {"name": "locked", "password": PASSWORD, "csrf": token}
    assert client.post("/login", data=right).status_code == 429


def test_throttle_per_client_and_window() -> None:
    now = [0.0]
    throttle = LoginThrottle(lambda: now[0], per_account=3, per_client=4)
    for name in ("a", "b", "c", "d"):
        throttle.failed(name, "10.0.0.1")
    assert not throttle.allowed("e", "10.0.0.1")
    assert throttle.allowed("e", "10.0.0.2")
    now[0] = WINDOW + 1
    assert throttle.allowed("e", "10.0.0.1")


def test_sessions_expire_when_idle() -> None:
    now = [0.0]
    sessions = Sessions(lambda: now[0])
    cookie = sessions.cookie(sessions.start())
    assert sessions.find(cookie) is not None
    now[0] = IDLE + 1
    assert sessions.find(cookie) is None


def test_child_lists_and_edits_are_audited(app: FastAPI) -> None:
    with new_client(app) as client:
        log_in(client, "ana")
        client.get(f"/api/indicators/{INDICATOR}/children?kind=month&month=2024-11")
        page = client.get(f"/indicators/{INDICATOR}").text
        form = {"month": "2024-11", "text": "Audited text.", "csrf": csrf_of(page)}
        assert client.post(f"/indicators/{INDICATOR}/commentary", data=form).status_code == 303
    with app.state.csc.dashboard.gate.connect(Mode.READ) as con:
        log = entries(con)
    done = {(e.user, e.action.value, e.detail.split(":")[0]) for e in log}
    assert ("ana", "viewed children behind a figure", f"{INDICATOR} month 2024-11") in done
    assert ("ana", "edited commentary", f"{INDICATOR} 2024-11 (replace)") in done


@pytest.mark.parametrize("password", ["short", ""])
def test_short_passwords_are_refused(password: str) -> None:
    con = duckdb.connect()
    create_users_table(con)
    with pytest.raises(ValueError, match="at least"):
        add_user(con, "someone", Role.VIEWER, password)
