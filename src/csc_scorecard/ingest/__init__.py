"""Read council inputs, validate every row against the canonical model, and load the store."""

from csc_scorecard.ingest.registry import readers
from csc_scorecard.ingest.report import IngestReport, Reason, Rejection, TableCount
from csc_scorecard.ingest.run import Phase, Progress, StoreError, ingest

__all__ = [
    "IngestReport",
    "Phase",
    "Progress",
    "Reason",
    "Rejection",
    "StoreError",
    "TableCount",
    "ingest",
    "readers",
]
