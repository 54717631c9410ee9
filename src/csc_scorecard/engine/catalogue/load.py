"""Parse the catalogue files (``catalogue/*.toml``) once into frozen :class:`Indicator` values.

A file holds one domain: a top-level ``domain`` key and an ``[[indicator]]`` table per entry.
Every problem names the file, the entry and the key, so a council adding a local indicator can
fix its entry without reading code.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from typing import Any

from csc_scorecard.engine.catalogue.entry import (
    Aggregate,
    Counting,
    Indicator,
    Polarity,
    Shape,
    Unit,
)
from csc_scorecard.engine.periods import PeriodKind

_ENUMS: dict[str, type[Any]] = {
    "unit": Unit,
    "counting": Counting,
    "polarity": Polarity,
    "shape": Shape,
    "aggregate": Aggregate,
}
_TUPLES = {"periods", "local_codes", "breakdowns"}
_KEYS = {f.name if f.name != "from_" else "from" for f in fields(Indicator)} - {"domain"}
_REQUIRED = {"id", "title", "definition", "source", "unit", "counting", "polarity", "periods"}


class CatalogueError(ValueError):
    """A catalogue entry is malformed; the message names the file, entry and key."""


@dataclass(frozen=True)
class Catalogue:
    """Every declared indicator, in declaration order."""

    indicators: tuple[Indicator, ...]

    def __post_init__(self) -> None:
        ids = [i.id for i in self.indicators]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise CatalogueError(f"indicator ids declared twice: {', '.join(duplicates)}")

    def __getitem__(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(f"no indicator {indicator_id!r} in the catalogue")

    def __iter__(self) -> Any:
        return iter(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    def select(self, ids: Iterable[str] | None) -> tuple[Indicator, ...]:
        """The named indicators (all when ``ids`` is None), failing on an unknown id."""
        return self.indicators if ids is None else tuple(self[i] for i in ids)


def _convert(where: str, key: str, raw: object) -> object:
    if key in _ENUMS:
        try:
            return _ENUMS[key](raw)
        except ValueError:
            allowed = ", ".join(m.value for m in _ENUMS[key])
            raise CatalogueError(f"{where}: {key} = {raw!r} is not one of {allowed}") from None
    if key == "periods":
        if not isinstance(raw, list):
            raise CatalogueError(f"{where}: periods must be a list")
        try:
            return tuple(PeriodKind(p) for p in raw)
        except ValueError:
            allowed = ", ".join(k.value for k in PeriodKind)
            raise CatalogueError(f"{where}: periods {raw!r} must be among {allowed}") from None
    if key in _TUPLES:
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            raise CatalogueError(f"{where}: {key} must be a list of strings")
        return tuple(raw)
    if not isinstance(raw, str):
        raise CatalogueError(f"{where}: {key} must be a string")
    return raw


def _check_shape(where: str, ind: Indicator) -> None:
    """The keys each shape and unit needs are present, and periods suit the shape."""
    needs: dict[Shape, tuple[str, ...]] = {
        Shape.EVENT: ("from_", "date"),
        Shape.SNAPSHOT: ("from_", "start", "end"),
        Shape.MANUAL: (),
    }
    if ind.shape is Shape.SNAPSHOT and ind.date is not None:
        needs[Shape.SNAPSHOT] = ("from_",)
    missing = [k.rstrip("_") for k in needs[ind.shape] if getattr(ind, k) is None]
    if ind.unit is Unit.PERCENT and ind.shape is not Shape.MANUAL and ind.numerator is None:
        missing.append("numerator")
    if ind.unit is Unit.AVERAGE and ind.shape is not Shape.MANUAL and ind.value is None:
        missing.append("value")
    if (ind.weight or ind.numerator_weight) and ind.counts_distinct_units:
        raise CatalogueError(f"{where}: weights apply only to events, which are summed")
    if missing:
        raise CatalogueError(f"{where}: {ind.shape} {ind.unit} needs {', '.join(missing)}")
    snapshot_only = ind.shape is Shape.SNAPSHOT
    wrong = [p for p in ind.periods if (p is PeriodKind.SNAPSHOT) != snapshot_only]
    if wrong and ind.shape is not Shape.MANUAL:
        raise CatalogueError(f"{where}: periods {[p.value for p in wrong]} do not suit {ind.shape}")


def parse_entries(name: str, document: Mapping[str, Any]) -> list[Indicator]:
    """Indicators declared in one parsed catalogue file called ``name``."""
    domain = document.get("domain")
    if not isinstance(domain, str):
        raise CatalogueError(f'{name}: needs a top-level domain = "..."')
    out = []
    for number, raw in enumerate(document.get("indicator", []), start=1):
        where = f"{name} indicator {raw.get('id', f'#{number}')}"
        unknown = sorted(set(raw) - _KEYS)
        if unknown:
            raise CatalogueError(f"{where}: unknown keys {', '.join(unknown)}")
        absent = sorted(_REQUIRED - set(raw))
        if absent:
            raise CatalogueError(f"{where}: missing keys {', '.join(absent)}")
        values = {("from_" if k == "from" else k): _convert(where, k, v) for k, v in raw.items()}
        values.setdefault("shape", Shape.EVENT)
        indicator = Indicator(domain=domain, **values)  # type: ignore[arg-type]
        _check_shape(where, indicator)
        out.append(indicator)
    return out


@cache
def load_catalogue() -> Catalogue:
    """The built-in catalogue, from every ``*.toml`` file beside this module, in name order."""
    folder = resources.files("csc_scorecard.engine.catalogue")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    entries: list[Indicator] = []
    for file in files:
        try:
            document = tomllib.loads(file.read_text("utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise CatalogueError(f"{file.name}: {error}") from None
        entries.extend(parse_entries(file.name, document))
    return Catalogue(tuple(entries))
