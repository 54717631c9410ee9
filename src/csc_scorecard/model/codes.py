"""Code lists, kept as data in ``code_lists.toml`` and parsed once into frozen values."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

Entry = str | Mapping[str, str | int]
"""A code's description, or, for a code the DfE added or withdrew, a table of its
``description`` with ``valid_from`` and/or ``valid_to`` (reporting years: 2025 = year to 31 March
2025)."""
_YEARS = ("valid_from", "valid_to")


@dataclass(frozen=True)
class CodeList:
    """A named list of valid codes with their descriptions (and years, where the DfE set them)."""

    name: str
    description: str
    source: str
    codes: dict[str, Entry]

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def years(self, code: str) -> tuple[int | None, int | None]:
        """The first and last reporting years ``code`` applies to; None where it has no limit."""
        entry = self.codes[code]
        if isinstance(entry, str):
            return None, None
        first, last = (entry.get(k) for k in _YEARS)
        return (first if isinstance(first, int) else None, last if isinstance(last, int) else None)

    def span(self, code: str) -> str:
        """The collection years ``code`` applies to in words ("from 2024-25", "up to 2024-25",
        "from 2022-23 to 2024-25"); empty where the DfE set none."""
        first, last = self.years(code)
        words = [f"from {collection_year(first)}"] if first is not None else []
        if last is not None:
            words.append(f"{'to' if words else 'up to'} {collection_year(last)}")
        return " ".join(words)


def collection_year(year: int) -> str:
    """Reporting year 2025 (to 31 March 2025) is the collection year ``2024-25``."""
    return f"{year - 1}-{year % 100:02d}"


def parse_code_lists(text: str) -> dict[str, CodeList]:
    """Every code list in ``text`` (the TOML of ``code_lists.toml``), by name.

    Raises:
        ValueError: a dated code lacks its description or years, or its years are not whole
            reporting years in order, so a typo cannot silently switch a code off.
    """
    out = {}
    for name, body in tomllib.loads(text).items():
        codes: dict[str, Entry] = dict(body["codes"])
        for code, entry in codes.items():
            if not isinstance(entry, str):
                _check_dated(f"{name}.{code}", entry)
        out[name] = CodeList(name, body["description"], body["source"], codes)
    return out


def _check_dated(where: str, entry: Mapping[str, object]) -> None:
    if set(entry) - {"description", *_YEARS} or not isinstance(entry.get("description"), str):
        raise ValueError(f"{where}: a dated code has a description and valid_from / valid_to only")
    years = [entry[k] for k in _YEARS if k in entry]
    whole = [y for y in years if isinstance(y, int) and not isinstance(y, bool)]
    if not years or len(whole) != len(years):
        raise ValueError(f"{where}: valid_from / valid_to must be reporting years, e.g. 2025")
    if whole != sorted(whole):
        raise ValueError(f"{where}: valid_from is after valid_to")


@cache
def code_lists() -> dict[str, CodeList]:
    """Every code list, by name."""
    text = resources.files("csc_scorecard.model").joinpath("code_lists.toml").read_text("utf-8")
    return parse_code_lists(text)


def code_list(name: str) -> CodeList:
    """The code list called ``name``."""
    return code_lists()[name]
