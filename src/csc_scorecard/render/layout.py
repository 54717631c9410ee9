"""Report layouts: which indicators a report shows, in what order, numbered and labelled how.

A layout is a TOML file (the shipped ones are package data in ``render/layouts``), so a council
can copy one, reorder, renumber or relabel its rows and change its text without touching code.
Loading checks everything at once and names each problem by its key path, with the closest
catalogue id for a mistyped one, because the person editing the file is not expected to read a
traceback.
"""

from __future__ import annotations

import difflib
import string
import tomllib
from collections.abc import Iterable, Sequence
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from csc_scorecard.engine.catalogue import Indicator, load_catalogue
from csc_scorecard.engine.periods import PeriodKind

SCORECARD = "scorecard.toml"
"""The shipped Performance Scorecard layout (seed 000)."""

PLACEHOLDERS = frozenset({"month", "year_ago", "published_year"})
"""What text in a layout may refer to: ``{month}`` is "November 2024", ``{year_ago}`` the same
month a year earlier, ``{published_year}`` the year of the published statistics ("2023-24")."""


_M = TypeVar("_M", bound=BaseModel)


class SectionKind(StrEnum):
    """How a section compares figures (seed 000's two halves)."""

    ROLLING = "rolling"
    """Rolling 12 and 6 months side by side; direction is 6 months against 12."""
    CHAT = "chat"
    """The latest 6 months (or month-end snapshot) against the same a year earlier."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LayoutRow(_Frozen):
    """One indicator row: its printed number, catalogue id, own wording and footnote mark."""

    no: Annotated[int, Field(ge=1, strict=True)]
    indicator: Annotated[str, Field(min_length=1)]
    label: str | None = None
    mark: str = ""


class LayoutSection(_Frozen):
    """A block of rows under one header."""

    title: Annotated[str, Field(min_length=1)]
    kind: SectionKind
    rows: Annotated[tuple[LayoutRow, ...], Field(min_length=1)]


class BreakdownSheet(_Frozen):
    """A table behind the scorecard: one indicator by one of the dimensions it declares."""

    title: Annotated[str, Field(min_length=1, max_length=31)]
    indicator: Annotated[str, Field(min_length=1)]
    by: Annotated[str, Field(min_length=1)]
    periods: tuple[PeriodKind, ...] = (
        PeriodKind.ROLLING_12M,
        PeriodKind.ROLLING_6M,
        PeriodKind.MONTH,
    )


class Layout(_Frozen):
    """A whole report layout. ``title`` on a breakdown is also its Excel sheet name (31 chars)."""

    title: Annotated[str, Field(min_length=1)]
    intro: tuple[str, ...] = ()
    key_legend: str = ""
    footnotes: tuple[str, ...] = ()
    section: Annotated[tuple[LayoutSection, ...], Field(min_length=1)]
    breakdown: tuple[BreakdownSheet, ...] = ()

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        """The indicators the rows show, in order, without repeats."""
        return tuple(dict.fromkeys(r.indicator for s in self.section for r in s.rows))


class LayoutError(ValueError):
    """The layout cannot be used; ``issues`` holds every problem as ``key path: message``."""

    def __init__(self, source: str, issues: Sequence[str]) -> None:
        self.source = source
        self.issues = tuple(issues)
        super().__init__("\n".join(f"{source}: {issue}" for issue in self.issues))


def load_layout(path: Path | None = None, catalogue: Iterable[Indicator] | None = None) -> Layout:
    """Read and check a layout file (default: the shipped scorecard layout).

    Raises:
        LayoutError: listing every problem: TOML syntax, missing or unknown keys, ids not in
            the catalogue, repeated row numbers, breakdowns or periods the indicator lacks, and
            unknown ``{placeholders}`` in text.
    """
    source, raw = read_layout_toml(path, SCORECARD)
    layout = validated(Layout, raw, source)
    indicators = {i.id: i for i in (catalogue if catalogue is not None else load_catalogue())}
    issues = _catalogue_issues(layout, indicators) + _text_issues(layout)
    if issues:
        raise LayoutError(source, issues)
    return layout


def read_layout_toml(path: Path | None, shipped: str) -> tuple[str, dict[str, Any]]:
    """A layout file's name and parsed TOML; the shipped layout ``shipped`` when no path.

    Raises:
        LayoutError: when the file is missing or not valid TOML.
    """
    if path is None:
        source = shipped
        text = resources.files("csc_scorecard.render.layouts").joinpath(shipped).read_text()
    else:
        source = path.name
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise LayoutError(source, ["file not found"]) from None
    try:
        return source, tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise LayoutError(source, [f"not valid TOML: {error}"]) from None


def validated(model: type[_M], raw: dict[str, Any], source: str) -> _M:
    """``raw`` as a ``model``; every schema problem named by its key path.

    Raises:
        LayoutError: listing missing keys, unknown keys and wrong values.
    """
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise LayoutError(source, [_message(e) for e in error.errors(include_url=False)]) from None


def _message(error: Any) -> str:
    where = ".".join(str(part) for part in error["loc"])
    text = str(error["msg"])
    if error["type"] == "extra_forbidden":
        text = "is not a known key"
    elif error["type"] == "missing":
        text = "is required"
    return f"{where}: {text}"


def unknown_indicator(where: str, indicator_id: str, known: Iterable[str]) -> str:
    """The issue for an id not in the catalogue, with the closest id as a hint."""
    close = difflib.get_close_matches(indicator_id, sorted(known), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]}?" if close else " (see docs/indicators.md)"
    return f"{where}: {indicator_id!r} is not a catalogue indicator id{hint}"


def _catalogue_issues(layout: Layout, indicators: dict[str, Indicator]) -> list[str]:
    issues: list[str] = []
    seen: dict[int, str] = {}
    for s, section in enumerate(layout.section):
        for r, row in enumerate(section.rows):
            where = f"section.{s}.rows.{r}"
            if row.indicator not in indicators:
                issues.append(unknown_indicator(f"{where}.indicator", row.indicator, indicators))
            if row.no in seen:
                issues.append(f"{where}.no: number {row.no} is already used by {seen[row.no]}")
            seen.setdefault(row.no, row.indicator)
    for b, sheet in enumerate(layout.breakdown):
        where = f"breakdown.{b}"
        found = indicators.get(sheet.indicator)
        if found is None:
            issues.append(unknown_indicator(f"{where}.indicator", sheet.indicator, indicators))
            continue
        if sheet.by not in found.breakdowns:
            offered = ", ".join(found.breakdowns) or "no breakdowns"
            issues.append(f"{where}.by: {sheet.indicator} is not broken down by {sheet.by!r} "
                          f"(it offers {offered})")  # fmt: skip
        missing = [k.value for k in sheet.periods if k not in found.periods]
        if missing:
            issues.append(f"{where}.periods: {sheet.indicator} has no {', '.join(missing)} figure")
    return issues


def _text_issues(layout: Layout) -> list[str]:
    texts = [("title", layout.title), ("key_legend", layout.key_legend)]
    texts += [(f"intro.{i}", t) for i, t in enumerate(layout.intro)]
    texts += [(f"footnotes.{i}", t) for i, t in enumerate(layout.footnotes)]
    return placeholder_issues(texts, PLACEHOLDERS)


def placeholder_issues(texts: Iterable[tuple[str, str]], allowed: frozenset[str]) -> list[str]:
    """Unknown or malformed ``{placeholders}`` in each (key path, text)."""
    issues = []
    known = ", ".join(f"{{{p}}}" for p in sorted(allowed))
    for where, text in texts:
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        except ValueError as error:
            issues.append(f"{where}: {error} (write {{{{ and }}}} for a literal brace)")
            continue
        for name in sorted(names - allowed):
            issues.append(f"{where}: unknown placeholder {{{name}}}; text may use {known}")
    return issues
