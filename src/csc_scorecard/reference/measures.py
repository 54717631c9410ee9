"""The mapping from catalogue indicators to published DfE measures (``measures.toml``), as data.

Which column of which DfE file is the published form of an indicator is a fact about the DfE's
files, not logic, so it lives in a TOML file a maintainer can correct when the DfE renames a column.
"""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

MEASURES_FILE = "measures.toml"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EesSource(_Frozen):
    """One EES CSV column: the file-name pattern, the value column and the row filters."""

    file: Annotated[str, Field(min_length=1)]
    value: Annotated[str, Field(min_length=1)]
    filters: Mapping[str, str] = Field(default_factory=dict)

    def matches(self, file_name: str) -> bool:
        """True when ``file_name`` is one of this source's files (pattern, ignoring case)."""
        return fnmatch.fnmatch(file_name.lower(), self.file.lower())


class Measure(_Frozen):
    """Where one indicator's published figure is found, in order of preference."""

    ees: tuple[EesSource, ...] = ()
    lait: str | None = None
    note: str = ""


class MeasureMap(_Frozen):
    """Every mapped indicator, by catalogue id."""

    measures: Mapping[str, Measure]

    def ees_sources(self, file_name: str) -> list[tuple[str, EesSource]]:
        """(indicator id, source) for every mapped column of the EES file ``file_name``."""
        return [
            (indicator_id, source)
            for indicator_id, measure in self.measures.items()
            for source in measure.ees
            if source.matches(file_name)
        ]

    def lait_indicators(self) -> dict[str, str]:
        """LAIT measure short name → indicator id."""
        return {m.lait: i for i, m in self.measures.items() if m.lait is not None}


class MeasureMapError(ValueError):
    """``measures.toml`` is malformed; the message names the indicator and key."""


@cache
def load_measures() -> MeasureMap:
    """The packaged mapping, parsed once."""
    text = (
        resources.files("csc_scorecard.reference")
        .joinpath(MEASURES_FILE)
        .read_text(encoding="utf-8")
    )
    return parse_measures(tomllib.loads(text))


def parse_measures(raw: Mapping[str, object]) -> MeasureMap:
    """A mapping from its TOML tables (one per indicator id).

    Raises:
        MeasureMapError: naming each malformed entry and key.
    """
    try:
        return MeasureMap.model_validate({"measures": raw})
    except ValidationError as error:
        lines = [
            f"{MEASURES_FILE}: {'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}"
            for e in error.errors(include_url=False)
        ]
        raise MeasureMapError("\n".join(lines)) from None
