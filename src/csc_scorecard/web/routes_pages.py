"""Pages that show aggregates: the scorecard, an indicator, data quality, accounts.

Each handler checks the caller's permission, asks the snapshot or the library for what to show
and renders it; what a page holds is decided in :mod:`csc_scorecard.web.indicator_page` and the
render layer, never here.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse

from csc_scorecard.assess.rag import Rag
from csc_scorecard.quality import summarise
from csc_scorecard.render.style import fill_colour, ink_colour
from csc_scorecard.web.audit import entries
from csc_scorecard.web.gate import Mode
from csc_scorecard.web.indicator_page import indicator_view
from csc_scorecard.web.roles import Permission
from csc_scorecard.web.state import Caller, indicator_of, month_of, require, snapshot, state
from csc_scorecard.web.users import list_users
from csc_scorecard.web.views import commentary_text, extra_breakdowns

router = APIRouter()
Anyone = Annotated[Caller, Depends(require())]


def page(request: Request, who: Caller, template: str, **context: Any) -> Response:
    """Render ``template`` with what every page needs (the caller, the CSRF token)."""
    base = {"user": who.user, "csrf": who.session.csrf}
    return state(request).templates.TemplateResponse(request, template, base | context)


@router.get("/")
def home(_: Anyone) -> Response:
    """The scorecard is the front page."""
    return RedirectResponse("/scorecard", 303)


@router.get("/scorecard")
def scorecard(request: Request, who: Anyone, month: str | None = None) -> Response:
    """The month's scorecard; viewers get it from withheld figures."""
    found = snapshot(request)
    at = month_of(found, month)
    public = not who.user.may(Permission.UNSUPPRESSED)
    report = state(request).dashboard.month(found, at, public=public)
    links = [[row.indicator for row in s.rows] for s in found.layout.section]
    return page(
        request, who, "scorecard.html.j2", report=report, links=links, month=at,
        months=found.months, public=public, suppression=found.rule.footnote,
    )  # fmt: skip


@router.get("/indicators/{indicator_id}")
def indicator(
    request: Request, who: Anyone, indicator_id: str, month: str | None = None
) -> Response:
    """An indicator's figures, series, SPC, benchmarks, breakdowns and commentary."""
    found = snapshot(request)
    chosen, at = indicator_of(indicator_id), month_of(found, month)
    public = not who.user.may(Permission.UNSUPPRESSED)
    view = indicator_view(
        found,
        chosen,
        at,
        public=public,
        drill=who.user.may(Permission.CHILDREN),
        extra=extra_breakdowns(request, who, found, chosen, at),
        commentary=commentary_text(request, found, at, public),
    )
    return page(
        request, who, "indicator.html.j2", view=view, public=public,
        suppression=found.rule.footnote,
    )  # fmt: skip


@router.get("/quality")
def quality(
    request: Request, who: Annotated[Caller, Depends(require(Permission.QUALITY))]
) -> Response:
    """What ingest rejected and the completeness checks."""
    gate = state(request).dashboard.gate
    with gate.hold(Mode.READ):
        summary = summarise(gate.db)
    return page(request, who, "quality.html.j2", summary=summary)


@router.get("/users")
def users(request: Request, who: Annotated[Caller, Depends(require(Permission.USERS))]) -> Response:
    """Accounts and the latest audit entries."""
    with state(request).dashboard.gate.connect(Mode.READ) as con:
        accounts, log = list_users(con), entries(con)
    return page(request, who, "users.html.j2", accounts=accounts, log=log)


@router.get("/rag.css")
def rag_css() -> Response:
    """Judgement colours from the render layer's palette (one palette for reports and pages)."""
    rules = [
        f".fill-{rag.value}{{background:{fill_colour(rag)};color:{ink_colour(rag)}}}"
        f".ink-{rag.value}{{color:{ink_colour(rag)}}}"
        for rag in (Rag.GREEN, Rag.AMBER, Rag.RED)
    ]
    return Response("\n".join(rules), media_type="text/css")
