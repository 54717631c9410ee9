"""A report's data-quality appendix: what ingest rejected, and the gaps in what it loaded.

It lays out :class:`~csc_scorecard.quality.QualitySummary`, the summary ``csc-scorecard
quality`` prints, so the report and the command cannot disagree. Reports are read by scrutiny
members, not only analysts, so only counts by table, field and reason reach them: never a
reject's message (it may quote what the row held), and nothing about any one child.
"""

from __future__ import annotations

from csc_scorecard.engine.catalogue.entry import Unit
from csc_scorecard.quality import QualitySummary
from csc_scorecard.render import cells
from csc_scorecard.render.model import Align, Appendix, Column, Section

TITLE = "Data quality"
NO_REJECTS = "Ingest rejected no rows."
NO_TABLE = "(whole file)"
"""The table shown for a file refused before any of its rows was read."""
NO_FIELD = "(whole row or file)"
"""The field shown for a problem with no one field (a row out of place, a file not read)."""


def quality_appendix(summary: QualitySummary) -> Appendix:
    """The appendix for one council's summary (``summarise(..., la_code=...)``), with its
    completeness checks as at the end of the reporting month."""
    rejected = sum(r.count for r in summary.rejects)
    text = [
        _runs(summary),
        (
            f"Ingest rejected {rejected:,} row(s): the first table counts them by table and "
            "reason, the second the commonest problems by field."
            if rejected
            else NO_REJECTS
        ),
        f"Completeness checks are as at {summary.as_at:%d %B %Y}; rows rejected are not in "
        "the figures of this report, rows with gaps are.",
    ]
    sections = (
        _section(
            "Rejected rows by table and reason",
            (("Table", "indicator", 30), ("Reason", "analysis", 24)),
            [((r.table or NO_TABLE, r.reason), r.count) for r in summary.rejects],
        ),
        _section(
            "Commonest problems by field",
            (("Table", "indicator", 30), ("Field", "analysis", 36), ("Reason", "analysis", 24)),
            [
                ((f.table or NO_TABLE, f.field or NO_FIELD, f.reason), f.count)
                for f in summary.fields
            ],
        ),
        _checks(summary),
        _section(
            "Rows loaded",
            (("Table", "indicator", 30),),
            [((t.table,), t.rows) for t in summary.loaded],
        ),
    )
    return Appendix(TITLE, tuple(text), tuple(s for s in sections if s.rows))


def _runs(summary: QualitySummary) -> str:
    if summary.last_run_utc is None:
        return "The store records no ingest run."
    return (
        f"{summary.runs} ingest run(s) loaded the store; the last finished at "
        f"{summary.last_run_utc:%d %B %Y %H:%M} UTC."
    )


def _section(
    title: str,
    columns: tuple[tuple[str, str, float], ...],
    rows: list[tuple[tuple[str, ...], int]],
) -> Section:
    """A table of text columns (title, style key, width) and a last column counting rows."""
    heads = tuple(Column(name, key, width=width) for name, key, width in columns)
    count = Column("Rows", "figure", width=10, align=Align.RIGHT)
    body = tuple(
        (*(cells.text(t) for t in texts), cells.figure(float(n), Unit.COUNT)) for texts, n in rows
    )
    return Section(title, (*heads, count), body)


def _checks(summary: QualitySummary) -> Section:
    columns = (
        Column("Check", "indicator", width=70),
        Column("Rows", "figure", width=10, align=Align.RIGHT),
        Column("Of", "figure", width=10, align=Align.RIGHT),
        Column("Share", "figure", width=10, align=Align.RIGHT),
    )
    rows = tuple(
        (
            cells.text(c.title),
            cells.figure(float(c.count), Unit.COUNT),
            cells.figure(float(c.out_of), Unit.COUNT),
            cells.figure(None if c.share is None else 100 * c.share, Unit.PERCENT),
        )
        for c in summary.checks
    )
    return Section("Completeness checks", columns, rows)
