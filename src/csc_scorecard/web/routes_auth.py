"""Logging in and out.

The login form is itself CSRF-protected: visiting it starts an anonymous session whose token
the form carries. A good password replaces that session with a new one (a new id: an id planted
before login is worth nothing after it). Failures are throttled per account and per client.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from csc_scorecard.web.gate import Mode
from csc_scorecard.web.sessions import Session
from csc_scorecard.web.state import COOKIE, check_csrf, session_of, state
from csc_scorecard.web.users import check_password

router = APIRouter()


def _set_cookie(response: Response, request: Request, session: Session) -> None:
    response.set_cookie(
        COOKIE,
        state(request).sessions.cookie(session),
        httponly=True,
        secure=True,
        samesite="strict",
        path="/",
    )


def _form(request: Request, session: Session, error: str = "", status: int = 200) -> Response:
    response = state(request).templates.TemplateResponse(
        request,
        "login.html.j2",
        {"csrf": session.csrf, "error": error, "user": None},
        status_code=status,
    )
    _set_cookie(response, request, session)
    return response


@router.get("/login")
def login_form(request: Request) -> Response:
    """The login form, with a fresh anonymous session carrying its CSRF token."""
    session = session_of(request)
    if session is not None and session.user is not None:
        return RedirectResponse("/scorecard", 303)
    return _form(request, session or state(request).sessions.start())


@router.post("/login")
def login(
    request: Request,
    name: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1000)],
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Check the password; on success start a new session and go to the scorecard."""
    app = state(request)
    session = session_of(request)
    if session is None:
        raise HTTPException(403, "The form has expired: open the login page again.")
    check_csrf(session, csrf)
    client = request.client.host if request.client else "unknown"
    if not app.throttle.allowed(name, client):
        return _form(request, session, "Too many failed attempts. Try again later.", 429)
    with app.dashboard.gate.connect(Mode.READ) as con:
        user = check_password(con, name, password)
    if user is None:
        app.throttle.failed(name, client)
        return _form(request, session, "The name or password is not right.", 400)
    app.throttle.succeeded(name)
    app.sessions.end(session.id)
    response = RedirectResponse("/scorecard", 303)
    _set_cookie(response, request, app.sessions.start(user))
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    """End the session (server side: the old cookie is worthless afterwards)."""
    session = session_of(request)
    if session is not None:
        check_csrf(session, csrf)
        state(request).sessions.end(session.id)
    response = RedirectResponse("/login", 303)
    response.delete_cookie(COOKIE, path="/", secure=True, httponly=True, samesite="strict")
    return response
