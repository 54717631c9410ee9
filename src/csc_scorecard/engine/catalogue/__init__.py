"""The indicator catalogue: every indicator declared once, as data."""

from csc_scorecard.engine.catalogue.entry import (
    Aggregate,
    Counting,
    Indicator,
    Polarity,
    Shape,
    Unit,
)
from csc_scorecard.engine.catalogue.load import Catalogue, CatalogueError, load_catalogue

__all__ = [
    "Aggregate",
    "Catalogue",
    "CatalogueError",
    "Counting",
    "Indicator",
    "Polarity",
    "Shape",
    "Unit",
    "load_catalogue",
]
