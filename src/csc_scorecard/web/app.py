"""The FastAPI application: state, security headers, error pages and the routes.

Every response carries a strict Content Security Policy (scripts and styles from this site
only, no inline code, no framing), ``nosniff``, no referrer, and ``no-store`` so child-level
pages are not kept in a browser's or proxy's cache.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from csc_scorecard.config import CouncilConfig
from csc_scorecard.render.layout import Layout, load_layout
from csc_scorecard.web.cache import Dashboard
from csc_scorecard.web.gate import StoreGate
from csc_scorecard.web.routes_auth import router as auth_routes
from csc_scorecard.web.routes_data import router as data_routes
from csc_scorecard.web.routes_pages import router as page_routes
from csc_scorecard.web.sessions import Sessions
from csc_scorecard.web.state import (
    AppState,
    LoginRequiredError,
    NotReadyError,
    session_of,
    state,
    templates,
)
from csc_scorecard.web.store_tables import create_app_tables
from csc_scorecard.web.throttle import LoginThrottle

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cache-Control": "no-store",
}


def create_app(
    db: Path,
    *,
    config: CouncilConfig | None = None,
    layout: Layout | None = None,
    throttle: LoginThrottle | None = None,
) -> FastAPI:
    """The dashboard over the store at ``db``; computing starts at once in the background.

    Raises:
        FileNotFoundError: when there is no store at ``db``.
    """
    if not db.is_file():
        raise FileNotFoundError(f"no store at {db}: run csc-scorecard ingest first")
    gate = StoreGate(db)
    create_app_tables(gate)
    dashboard = Dashboard(gate, config, layout or load_layout())
    app = FastAPI(title="csc-scorecard", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.csc = AppState(dashboard, Sessions(), throttle or LoginThrottle(), templates())
    app.mount("/static", StaticFiles(directory=Path(__file__).with_name("static")), "static")
    for router in (auth_routes, page_routes, data_routes):
        app.include_router(router)
    app.middleware("http")(_security_headers)
    app.exception_handler(LoginRequiredError)(_login_required)
    app.exception_handler(HTTPException)(_http_error)
    app.exception_handler(NotReadyError)(_not_ready)
    dashboard.current()
    return app


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    response.headers.update(SECURITY_HEADERS)
    return response


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _login_required(request: Request, _: Exception) -> Response:
    if _is_api(request):
        return JSONResponse({"detail": "Log in first."}, 401)
    return RedirectResponse("/login", 303)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    if _is_api(request):
        return JSONResponse({"detail": error.detail}, error.status_code)
    session = session_of(request)
    return state(request).templates.TemplateResponse(
        request,
        "error.html.j2",
        {"status": error.status_code, "message": error.detail, "user": session and session.user},
        status_code=error.status_code,
    )


async def _not_ready(request: Request, _: Exception) -> Response:
    """The first computation is under way (or failed): say so; the page refreshes itself."""
    error = state(request).dashboard.error
    if _is_api(request):
        return JSONResponse({"detail": error or "Computing: try again shortly."}, 503)
    session = session_of(request)
    return state(request).templates.TemplateResponse(
        request,
        "computing.html.j2",
        {"error": error, "user": session and session.user},
        status_code=503,
        headers={"Retry-After": "5"},
    )
