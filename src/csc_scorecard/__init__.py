"""csc-scorecard: children's social care performance reports from child-level data."""

__version__ = "0.1.0"
