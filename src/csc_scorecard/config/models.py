"""The council's configuration as frozen values: who the council is and how it judges its figures.

Parsed once from one TOML file (:func:`csc_scorecard.config.load_config`); every later stage reads
these values, never the file. Validators raise plain ``ValueError`` messages written for the person
editing the file ("must be a number"), which the loader prefixes with the file and key path.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator, model_validator
from pydantic.dataclasses import dataclass

from csc_scorecard.engine.catalogue.entry import Polarity

_LA_CODE = re.compile(r"\d{3}|Z\d{2,3}")
_ONS_CODE = re.compile(r"E(06|08|09|10)\d{6}")
_YEAR_LABEL = re.compile(r"(\d{4})-(\d{2})")

RETIRED_LA_CODES: Mapping[str, str] = {
    "835": "Dorset 835 became Dorset 838 in 2019",
    "836": "Poole 836 became part of Bournemouth, Christchurch and Poole 839 in 2019",
    "837": "Bournemouth 837 became part of Bournemouth, Christchurch and Poole 839 in 2019",
    "909": "Cumbria 909 split into Cumberland 942 and Westmorland and Furness 943 in 2023",
    "928": "Northamptonshire 928 split into North 940 and West Northamptonshire 941 in 2021",
}
"""Old DfE codes of councils that no longer exist (definitions-notes section 0)."""


def _number(value: object) -> float:
    """A TOML integer or float (never a boolean, which Python counts as an int)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError("must be a number")
    return float(value)


def _year_label(value: str) -> str:
    match = _YEAR_LABEL.fullmatch(value)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValueError(f"{value!r} is not a reporting year like '2024-25'")
    return value


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass(frozen=True, config=ConfigDict(extra="forbid"))
class ToleranceBand:
    """One tolerance band, e.g. seed 001's ``Good 15-19``: a label and inclusive bounds.

    Either bound may be left out for an open-ended band (``Outstanding <14`` has only ``max``).
    The one band type from the file to the page: a dataclass, so assessment and rendering build
    bands positionally (``ToleranceBand("Good", 15, 19)``) and still get the file's checks.
    """

    label: Annotated[str, Field(min_length=1)]
    min: float | None = None
    max: float | None = None

    @field_validator("min", "max", mode="before")
    @classmethod
    def _bound(cls, value: object) -> float | None:
        return None if value is None else _number(value)

    @model_validator(mode="after")
    def _bounds(self) -> ToleranceBand:
        if self.min is None and self.max is None:
            raise ValueError("a band needs min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min:g} is above max {self.max:g}")
        return self

    def contains(self, value: float) -> bool:
        """True when ``value`` is within the band's bounds (inclusive)."""
        above = self.min is None or value >= self.min
        below = self.max is None or value <= self.max
        return above and below


class IndicatorSettings(_Frozen):
    """The council's choices for one catalogue indicator.

    Attributes:
        target: one target for every year, or targets by reporting year (``"2024-25"``).
        bands: tolerance bands, in the order reports list them; they must not overlap.
        polarity: overrides the catalogue's polarity (which direction is good).
        key: a key indicator (seed 000 marks these and sets targets for all of them).
    """

    target: float | Mapping[str, float] | None = None
    bands: tuple[ToleranceBand, ...] = ()
    polarity: Polarity | None = None
    key: StrictBool = False

    @field_validator("target", mode="before")
    @classmethod
    def _target(cls, value: object) -> float | dict[str, float]:
        if isinstance(value, Mapping):
            if not value:
                raise ValueError("a table of targets by year must name at least one year")
            targets: dict[str, float] = {}
            for year, target in value.items():
                try:
                    targets[_year_label(str(year))] = _number(target)
                except ValueError as error:
                    raise ValueError(f"{year}: {error}") from None
            return targets
        return _number(value)

    @field_validator("bands")
    @classmethod
    def _no_overlap(cls, bands: tuple[ToleranceBand, ...]) -> tuple[ToleranceBand, ...]:
        labels = [b.label for b in bands]
        if len(set(labels)) != len(labels):
            raise ValueError("two bands have the same label")
        for i, first in enumerate(bands):
            for second in bands[i + 1 :]:
                low = max(_lowest(first), _lowest(second))
                high = min(_highest(first), _highest(second))
                if low <= high:
                    raise ValueError(f"bands {first.label!r} and {second.label!r} overlap")
        return bands

    def target_for(self, year: str) -> float | None:
        """The target for a reporting year such as ``2024-25``, if one is set."""
        if isinstance(self.target, Mapping):
            return self.target.get(year)
        return self.target

    def band_for(self, value: float) -> ToleranceBand | None:
        """The band holding ``value``, or None when it falls between or outside the bands."""
        return next((b for b in self.bands if b.contains(value)), None)


def _lowest(band: ToleranceBand) -> float:
    return -math.inf if band.min is None else band.min


def _highest(band: ToleranceBand) -> float:
    return math.inf if band.max is None else band.max


class Council(_Frozen):
    """Who the council is: its name, codes, region and chosen comparators.

    Attributes:
        name: as printed on reports.
        la_code: the DfE's old three-digit LA code (``Z`` codes are synthetic councils).
        ons_code: the nine-character ONS code (E06, E08, E09 or E10).
        region: the region as the DfE names it, e.g. ``North West``.
        statistical_neighbours: LA codes replacing the DfE model's ten neighbours; empty to use
            the model imported with ``csc-scorecard reference import``.
    """

    name: Annotated[str, Field(min_length=1)]
    la_code: str
    ons_code: str
    region: Annotated[str, Field(min_length=1)]
    statistical_neighbours: tuple[str, ...] = ()

    @field_validator("la_code")
    @classmethod
    def _la_code(cls, value: str) -> str:
        return _check_la_code(value)

    @field_validator("statistical_neighbours")
    @classmethod
    def _neighbours(cls, codes: tuple[str, ...]) -> tuple[str, ...]:
        for code in codes:
            _check_la_code(code)
        if len(set(codes)) != len(codes):
            raise ValueError("a neighbour is listed twice")
        return codes

    @field_validator("ons_code")
    @classmethod
    def _ons_code(cls, value: str) -> str:
        if not _ONS_CODE.fullmatch(value):
            raise ValueError(
                f"{value!r} is not a council's ONS code (E06, E08, E09 or E10 and six digits)"
            )
        return value

    @model_validator(mode="after")
    def _not_own_neighbour(self) -> Council:
        if self.la_code in self.statistical_neighbours:
            raise ValueError("statistical_neighbours lists the council itself")
        return self


def _check_la_code(value: str) -> str:
    if not _LA_CODE.fullmatch(value):
        raise ValueError(f"{value!r} is not a three-digit DfE LA code such as '343'")
    if value in RETIRED_LA_CODES:
        raise ValueError(f"{value!r} is no longer in use: {RETIRED_LA_CODES[value]}")
    return value


class PublicOutputs(_Frozen):
    """Rules for outputs that leave the council.

    Attributes:
        suppression_threshold: counts from 1 up to this number are suppressed in public
            outputs (the DfE suppresses 1 to 5, shown as ``c``).
    """

    suppression_threshold: Annotated[int, Field(ge=0, strict=True)] = 5


class CouncilConfig(_Frozen):
    """The whole configuration file.

    Attributes:
        council: who the council is.
        population: children aged 0-17 by mid-year (``2024`` = mid-2024), overriding or
            adding to the store's ``csc_population`` for these years.
        indicators: settings by catalogue indicator id.
        public_outputs: small-number suppression.
    """

    council: Council
    population: Mapping[int, int] = Field(default_factory=dict)
    indicators: Mapping[str, IndicatorSettings] = Field(default_factory=dict)
    public_outputs: PublicOutputs = PublicOutputs()

    @field_validator("population", mode="before")
    @classmethod
    def _population(cls, value: object) -> dict[int, int]:
        if not isinstance(value, Mapping):
            raise ValueError('must be a table of children by year, such as { "2024" = 52310 }')
        population: dict[int, int] = {}
        for year, children in value.items():
            if not (isinstance(year, str) and year.isdigit() and len(year) == 4):
                raise ValueError(f'{year!r} is not a year such as "2024"')
            if isinstance(children, bool) or not isinstance(children, int) or children <= 0:
                raise ValueError(f'"{year}": must be a positive whole number of children')
            population[int(year)] = children
        return population
