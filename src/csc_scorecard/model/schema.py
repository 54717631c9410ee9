"""Types that declare the canonical tables: one frozen value per table and per column.

The declarations are the single source of truth for the store's DDL, the ingest validator and the
generated ``docs/data-model.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

LA_CODE = "la_code"


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
    """

    name: str
    type: ColumnType
    description: str
    required: bool = False
    codes: str | None = None
    ssd: bool = True
    identifier: bool = False


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
        ssd: False marks a table this project adds to SSD.
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    person_column: str | None = None
    date_order: tuple[tuple[str, str], ...] = ()
    ssd: bool = True
    all_columns: tuple[Column, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        la = Column(LA_CODE, ColumnType.STRING, "Council's 3-digit DfE LA code.", required=True)
        object.__setattr__(self, "all_columns", (la, *self.columns))
        names = [c.name for c in self.all_columns]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: duplicate column names")
        for key in (*self.primary_key, *(c for pair in self.date_order for c in pair)):
            if key not in names:
                raise ValueError(f"{self.name}: unknown column {key!r}")

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
