"""Code lists, kept as data in ``code_lists.toml`` and parsed once into frozen values."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class CodeList:
    """A named list of valid codes with their descriptions."""

    name: str
    description: str
    source: str
    codes: dict[str, str]

    def __contains__(self, code: object) -> bool:
        return code in self.codes


@cache
def code_lists() -> dict[str, CodeList]:
    """Every code list, by name."""
    text = resources.files("csc_scorecard.model").joinpath("code_lists.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    return {
        name: CodeList(name, body["description"], body["source"], dict(body["codes"]))
        for name, body in raw.items()
    }


def code_list(name: str) -> CodeList:
    """The code list called ``name``."""
    return code_lists()[name]
