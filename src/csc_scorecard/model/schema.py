"""Types that declare the canonical tables: one frozen value per table and per column.

The declarations are the single source of truth for the store's DDL, the ingest validator and the
generated ``docs/data-model.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

LA_CODE = "la_code"
AGE_LIMIT = 25
"""Oldest a child may be, in whole years, at an event: care leavers are supported up to 25, and
a record of someone past their 26th birthday is a wrong date of birth or the wrong person."""


class ColumnType(StrEnum):
    """Logical column types; each engine maps them to its own SQL type."""

    STRING = "string"
    DATE = "date"
    INTEGER = "integer"
    DECIMAL = "decimal"
    BOOLEAN = "boolean"


@dataclass(frozen=True)
class Column:
    """One column of a canonical table.

    Attributes:
        name: SSD column name where SSD has the item, else a documented extension name.
        type: logical type.
        description: what the column holds, in a council analyst's words.
        required: rows with no value here are rejected.
        codes: name of the code list (``model/code_lists.toml``) values must come from.
        ssd: False marks a column this project adds to SSD (listed as an extension in the docs).
        identifier: True for child or worker identifiers, which never appear in logs or messages.
        planned: True for a date that may lie after the run (a due, target or expected date);
            any other date later than the run is refused as a mistake.
        non_negative: True for a count, length or FTE: a value below zero is refused.
    """

    name: str
    type: ColumnType
    description: str
    required: bool = False
    codes: str | None = None
    ssd: bool = True
    identifier: bool = False
    planned: bool = False
    non_negative: bool = False


@dataclass(frozen=True)
class Table:
    """One canonical table.

    Attributes:
        name: SSD table name (``ssd_*``) or an extension table (``csc_*``).
        description: what one row is.
        columns: the columns after ``la_code``, which every table carries first.
        primary_key: key columns, ``la_code`` implied first.
        person_column: column holding the child's id, checked against ``ssd_person``.
        date_order: (earlier, later) column pairs: the later may not precede the earlier.
        birth_date: column holding the child's date of birth, if the row carries it.
        age_event: the date of the event the row records, at which the child may be no older
            than ``AGE_LIMIT``: against the row's ``birth_date``, else the date of birth in
            ``ssd_person`` of the child in ``person_column``. Rows with no event are not checked.
        ssd: False marks a table this project adds to SSD.
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    person_column: str | None = None
    date_order: tuple[tuple[str, str], ...] = ()
    birth_date: str | None = None
    age_event: str | None = None
    ssd: bool = True
    all_columns: tuple[Column, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        la = Column(LA_CODE, ColumnType.STRING, "Council's 3-digit DfE LA code.", required=True)
        object.__setattr__(self, "all_columns", (la, *self.columns))
        names = [c.name for c in self.all_columns]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: duplicate column names")
        ages = (c for c in (self.birth_date, self.age_event) if c is not None)
        for key in (*self.primary_key, *(c for pair in self.date_order for c in pair), *ages):
            if key not in names:
                raise ValueError(f"{self.name}: unknown column {key!r}")
        if self.age_event is not None and self.birth_date is self.person_column is None:
            raise ValueError(f"{self.name}: age_event without a birth_date or person_column")

    @property
    def key(self) -> tuple[str, ...]:
        """The full primary key, council first."""
        return (LA_CODE, *self.primary_key)

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        for col in self.all_columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name} has no column {name!r}")

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.all_columns)
