"""Writers that turn the canonical tables back into statutory return formats."""

from csc_scorecard.export.cin_census import CensusWritten, export_cin_census

__all__ = ["CensusWritten", "export_cin_census"]
