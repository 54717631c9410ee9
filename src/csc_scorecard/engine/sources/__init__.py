"""Source views: the canonical tables reshaped into the rows indicators count.

Each ``<name>.sql`` file is one SELECT (DuckDB dialect, transpiled for other engines) over the
canonical tables and the engine's helper tables (``csc_calendar``...). Several indicators share a
view; a view may use another (``src_<name>``), so they are created in dependency order.

A view holding at most one row per council, child and month end says so in a comment line,
``-- one row per month end: person_id at as_at`` (the unit column, then the column holding the
month end), so the engine need not de-duplicate a child within a month
(``tests/engine/test_sources.py`` checks the claim on synthetic data).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

_USES = re.compile(r"\bsrc_([a-z0-9_]+)\b")
_MONTH_END_ROWS = re.compile(r"^-- one row per month end: (\w+) at (\w+)$", re.MULTILINE)


@dataclass(frozen=True)
class SourceView:
    """One source view: its name, SQL and the other source views it reads.

    Attributes:
        month_end_rows: ``(unit column, month end column)`` when the view has at most one row
            per council, unit and month end (declared in its SQL), else None.
    """

    name: str
    sql: str
    uses: frozenset[str]
    month_end_rows: tuple[str, str] | None = None

    @property
    def view_name(self) -> str:
        return f"src_{self.name}"


@cache
def source_views() -> tuple[SourceView, ...]:
    """Every source view, ordered so that each comes after the views it uses."""
    folder = resources.files("csc_scorecard.engine.sources")
    found = {}
    for file in folder.iterdir():
        if file.name.endswith(".sql"):
            sql = file.read_text("utf-8")
            name = file.name.removesuffix(".sql")
            declared = _MONTH_END_ROWS.search(sql)
            rows = (declared[1], declared[2]) if declared else None
            found[name] = SourceView(name, sql, frozenset(_USES.findall(sql)) - {name}, rows)
    ordered: list[SourceView] = []
    placed: set[str] = set()

    def place(view: SourceView, trail: tuple[str, ...]) -> None:
        if view.name in placed:
            return
        if view.name in trail:
            raise ValueError(f"source views use each other in a cycle: {' -> '.join(trail)}")
        for used in sorted(view.uses):
            if used not in found:
                raise ValueError(f"source view {view.name} uses unknown src_{used}")
            place(found[used], (*trail, view.name))
        placed.add(view.name)
        ordered.append(view)

    for name in sorted(found):
        place(found[name], ())
    return tuple(ordered)


def source_view(name: str) -> SourceView:
    """The source view of that name.

    Raises:
        KeyError: for a name that is no source view.
    """
    for view in source_views():
        if view.name == name:
            return view
    raise KeyError(f"no source view {name!r}")


def views_for(names: Iterable[str] | None) -> tuple[SourceView, ...]:
    """The named views and every view they use, in creation order (all when ``names`` is None).

    Raises:
        KeyError: for a name that is no source view.
    """
    every = source_views()
    if names is None:
        return every
    by_name = {view.name: view for view in every}
    wanted: set[str] = set()
    pending = list(names)
    while pending:
        name = pending.pop()
        if name in wanted:
            continue
        if name not in by_name:
            raise KeyError(f"no source view {name!r}")
        wanted.add(name)
        pending.extend(by_name[name].uses)
    return tuple(view for view in every if view.name in wanted)
