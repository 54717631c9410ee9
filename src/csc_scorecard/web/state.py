"""The app's shared state and the checks every route makes: who is asking, may they, and did
the form come from our own page (CSRF).

Routes declare what they need with :func:`require`; a missing session sends a page to the
login form and a JSON call a 401, a missing permission gives 403 whichever way the route was
reached (a link, a typed URL or a script).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fastapi import HTTPException, Request
from fastapi.templating import Jinja2Templates

from csc_scorecard.engine.catalogue import Indicator, load_catalogue
from csc_scorecard.engine.periods import parse_month
from csc_scorecard.web.cache import Dashboard
from csc_scorecard.web.roles import Permission
from csc_scorecard.web.sessions import Session, Sessions
from csc_scorecard.web.snapshot import Snapshot
from csc_scorecard.web.throttle import LoginThrottle
from csc_scorecard.web.users import User

COOKIE = "__Host-csc-session"
"""The ``__Host-`` prefix makes browsers insist on Secure, path ``/`` and no Domain."""


@dataclass(frozen=True)
class AppState:
    """What every request handler shares."""

    dashboard: Dashboard
    sessions: Sessions
    throttle: LoginThrottle
    templates: Jinja2Templates


class LoginRequiredError(Exception):
    """No live, logged-in session: pages redirect to the login form."""


@dataclass(frozen=True)
class Caller:
    """The logged-in caller of a route."""

    session: Session
    user: User


def state(request: Request) -> AppState:
    """The app's state."""
    found: AppState = request.app.state.csc
    return found


def session_of(request: Request) -> Session | None:
    """The live session the request's cookie names, if any."""
    return state(request).sessions.find(request.cookies.get(COOKIE))


def caller(request: Request) -> Caller:
    """The logged-in caller.

    Raises:
        LoginRequiredError: without a logged-in session.
    """
    session = session_of(request)
    if session is None or session.user is None:
        raise LoginRequiredError
    return Caller(session, session.user)


def require(permission: Permission | None = None) -> Callable[[Request], Caller]:
    """A dependency: the logged-in caller, who must hold ``permission`` (when given)."""

    def check(request: Request) -> Caller:
        found = caller(request)
        if permission is not None and not found.user.may(permission):
            raise HTTPException(403, f"Your role may not {permission.value}.")
        return found

    return check


def check_csrf(session: Session, token: str) -> None:
    """Refuse a form whose token is not the session's.

    Raises:
        HTTPException: 403 when the token is missing or wrong.
    """
    if not hmac.compare_digest(session.csrf.encode(), token.encode()):
        raise HTTPException(403, "The form has expired or did not come from this site.")


def templates() -> Jinja2Templates:
    """The page templates (HTML-escaped by default), with the permissions to test against."""
    found = Jinja2Templates(directory=Path(__file__).with_name("templates"))
    found.env.globals["Permission"] = Permission
    return found


class NotReadyError(Exception):
    """The first snapshot is still computing (or failed): pages show a "computing" page."""


def snapshot(request: Request) -> Snapshot:
    """The current snapshot.

    Raises:
        NotReadyError: while the first one is computing.
    """
    found = state(request).dashboard.current()
    if found is None:
        raise NotReadyError
    return found


def month_of(found: Snapshot, text: str | None) -> date:
    """The month asked for (``YYYY-MM``), default the latest.

    Raises:
        HTTPException: 404 for a month with no figures or not a month at all.
    """
    if not text:
        return found.months[0]
    try:
        month = parse_month(text)
    except ValueError:
        raise HTTPException(404, "No such month.") from None
    if month not in found.months:
        raise HTTPException(404, "No figures for that month.")
    return month


def indicator_of(indicator_id: str) -> Indicator:
    """The catalogue entry.

    Raises:
        HTTPException: 404 for an unknown id.
    """
    try:
        return load_catalogue()[indicator_id]
    except KeyError:
        raise HTTPException(404, "No such indicator.") from None
