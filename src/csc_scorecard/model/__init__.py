"""The canonical child-level data model, modelled on the Standard Safeguarding Dataset (SSD)."""

from csc_scorecard.model.schema import Column, ColumnType, Table
from csc_scorecard.model.tables import TABLES, table_by_name

__all__ = ["TABLES", "Column", "ColumnType", "Table", "table_by_name"]
