"""Child-level lists, commentary edits, downloads and the JSON routes.

A child-level list is computed, audited (who, which figure) and only then shown; the JSON route
serves the same list under the same permission, so a script gets no more than the page.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import duckdb
import polars as pl
from fastapi import APIRouter, Depends, Form, HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from csc_scorecard.engine.catalogue import Indicator
from csc_scorecard.engine.compile import DrillCell
from csc_scorecard.engine.run import explain_store
from csc_scorecard.render.publish import Format, write_scorecard
from csc_scorecard.store.commentary import Mode as CommentaryMode
from csc_scorecard.store.commentary import write_commentary
from csc_scorecard.web.audit import Action, record
from csc_scorecard.web.gate import Mode
from csc_scorecard.web.indicator_page import headline_figures
from csc_scorecard.web.roles import Permission
from csc_scorecard.web.routes_pages import Anyone, page
from csc_scorecard.web.state import (
    Caller,
    check_csrf,
    indicator_of,
    month_of,
    require,
    snapshot,
    state,
)

router = APIRouter()
MAX_SHOWN = 2_000
MEDIA = {
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.HTML: "text/html; charset=utf-8",
    Format.PDF: "application/pdf",
}
Children = Annotated[Caller, Depends(require(Permission.CHILDREN))]


@dataclass(frozen=True)
class CellQuery:
    """Which figure: period kind, month (``YYYY-MM``) and, for a breakdown, its dimension and
    value."""

    kind: str
    month: str
    by: str = ""
    value: str = ""


Cell = Annotated[CellQuery, Depends()]


def _children(
    request: Request, who: Caller, indicator_id: str, q: CellQuery
) -> tuple[Indicator, date, pl.DataFrame]:
    found = snapshot(request)
    chosen, at = indicator_of(indicator_id), month_of(found, q.month)
    cell = DrillCell(found.la_code, q.kind, at.isoformat(), q.by or None, q.value or None)
    dashboard = state(request).dashboard
    try:
        with dashboard.gate.hold(Mode.READ):
            rows = explain_store(dashboard.gate.db, chosen.id, cell)
    except (ValueError, KeyError, duckdb.Error):
        raise HTTPException(404, "There is no list of children behind that figure.") from None
    detail = f"{chosen.id} {q.kind} {at:%Y-%m}" + (f" {q.by}={q.value}" if q.by else "")
    with dashboard.writing() as con:
        record(con, who.user.name, Action.VIEW_CHILDREN, f"{detail}: {rows.height} rows")
    return chosen, at, rows


@router.get("/indicators/{indicator_id}/children")
def children_page(request: Request, who: Children, indicator_id: str, q: Cell) -> Response:
    """The rows (children and events) behind one figure."""
    chosen, at, rows = _children(request, who, indicator_id, q)
    return page(
        request, who, "children.html.j2", indicator=chosen, month=at, cell=q,
        columns=rows.columns, rows=rows.head(MAX_SHOWN).rows(), total=rows.height,
    )  # fmt: skip


@router.get("/api/indicators/{indicator_id}/children")
def children_json(request: Request, who: Children, indicator_id: str, q: Cell) -> dict[str, Any]:
    """The same rows as JSON."""
    chosen, at, rows = _children(request, who, indicator_id, q)
    return {"indicator": chosen.id, "month": f"{at:%Y-%m}", "rows": rows.to_dicts()}


@router.get("/api/indicators/{indicator_id}")
def figures_json(
    request: Request, who: Anyone, indicator_id: str, month: str | None = None
) -> dict[str, Any]:
    """This month's whole-council figures as the caller may see them (withheld for viewers)."""
    found = snapshot(request)
    chosen, at = indicator_of(indicator_id), month_of(found, month)
    public = not who.user.may(Permission.UNSUPPRESSED)
    rows = headline_figures(found.figures(public), chosen, at, drill=False)
    figures = [
        {
            "period": r.label,
            "value": r.value,
            "numerator": r.numerator,
            "denominator": r.denominator,
        }
        for r in rows
    ]
    return {"indicator": chosen.id, "month": f"{at:%Y-%m}", "figures": figures}


@router.get("/api/indicators/{indicator_id}/breakdowns")
def breakdowns_json(
    request: Request,
    _: Annotated[Caller, Depends(require(Permission.BREAKDOWNS))],
    indicator_id: str,
    month: str | None = None,
) -> dict[str, Any]:
    """The month's figures by team and service."""
    found = snapshot(request)
    chosen, at = indicator_of(indicator_id), month_of(found, month)
    rows = found.results.filter(
        pl.col("indicator_id") == chosen.id, pl.col("period_end") == at, pl.col("breakdown") != ""
    )
    return {
        "indicator": chosen.id,
        "month": f"{at:%Y-%m}",
        "rows": rows.drop("period_start", "period_end").to_dicts(),
    }


@router.post("/indicators/{indicator_id}/commentary")
def save_commentary(
    request: Request,
    *,
    who: Annotated[Caller, Depends(require(Permission.COMMENTARY))],
    indicator_id: str,
    month: Annotated[str, Form(max_length=7)],
    text: Annotated[str, Form(min_length=1, max_length=5_000)],
    mode: Annotated[CommentaryMode, Form()] = CommentaryMode.REPLACE,
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Add a version of the commentary for the indicator and month."""
    check_csrf(who.session, csrf)
    found = snapshot(request)
    chosen, at = indicator_of(indicator_id), month_of(found, month)
    dashboard = state(request).dashboard
    with dashboard.writing() as con:
        write_commentary(
            con,
            indicator_id=chosen.id,
            la_code=found.la_code,
            month=at,
            text=text.strip(),
            author=who.user.name,
            mode=mode,
        )
        record(con, who.user.name, Action.EDIT_COMMENTARY, f"{chosen.id} {at:%Y-%m} ({mode.value})")
    dashboard.commentary_changed(at)
    return RedirectResponse(f"/indicators/{chosen.id}?month={at:%Y-%m}#commentary", 303)


@router.get("/download/scorecard.{suffix}")
def download(
    request: Request,
    who: Annotated[Caller, Depends(require(Permission.DOWNLOAD))],
    suffix: Format,
    month: str | None = None,
) -> Response:
    """The scorecard report for the month, written to a temporary folder and sent whole."""
    found = snapshot(request)
    at = month_of(found, month)
    dashboard = state(request).dashboard
    report = dashboard.month(found, at, public=False)
    with tempfile.TemporaryDirectory(prefix="csc-web-") as folder:
        path = write_scorecard(report, Path(folder), [suffix])[suffix]
        content = path.read_bytes()
    with dashboard.writing() as con:
        record(con, who.user.name, Action.DOWNLOAD, f"scorecard {at:%Y-%m} {suffix.value}")
    name = f"scorecard-{found.la_code}-{at:%Y-%m}.{suffix.value}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(content, media_type=MEDIA[suffix], headers=headers)
