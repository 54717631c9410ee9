"""The readers ingest can choose from, built in a function rather than at import time."""

from __future__ import annotations

from csc_scorecard.ingest.annex_a import AnnexAReader
from csc_scorecard.ingest.canonical import CanonicalReader
from csc_scorecard.ingest.cin_census import CinCensusReader
from csc_scorecard.ingest.reader import Reader
from csc_scorecard.ingest.ssd import SsdReader
from csc_scorecard.ingest.ssd_warehouse import SsdWarehouseReader
from csc_scorecard.ingest.ssda903 import Ssda903Reader


def readers() -> tuple[Reader, ...]:
    """Every available reader, in the order ``detect`` is tried.

    Built-in readers are plain ``Reader`` implementations, exactly what an extension provides;
    CIN census XML, SSDA903 and Annex A readers join this tuple as they are written.
    """
    return (
        SsdReader(),  # before canonical: an SSD export is canonical-named files without la_code
        CanonicalReader(),
        CinCensusReader(),
        Ssda903Reader(),
        AnnexAReader(),
        SsdWarehouseReader(),
    )


def reader_named(name: str) -> Reader:
    """The reader whose ``name`` is ``name`` (the ``--format`` value)."""
    for reader in readers():
        if reader.name == name:
            return reader
    known = ", ".join(r.name for r in readers())
    raise ValueError(f"unknown format {name!r}; known formats: {known}")
