"""Benchmarks from hand-made published figures: neighbours with gaps, quartile ties, sources."""

from __future__ import annotations

import polars as pl

from csc_scorecard.assess.benchmarks import benchmark_frame, benchmarks_for, with_council_neighbours
from csc_scorecard.assess.facts import QuartileBand
from csc_scorecard.reference.tables import AREAS, NEIGHBOURS, PUBLISHED, SCHEMAS

IND = "re_referrals_12m_pct"


def figures(rows: list[tuple[str, str, float | None]], source: str = "lait:x") -> pl.DataFrame:
    synthetic = source.startswith("synthetic")
    table = [(IND, 2025, code, level, value, source, synthetic) for code, level, value in rows]
    return pl.DataFrame(table, schema=list(SCHEMAS[PUBLISHED]), orient="row").cast(
        SCHEMAS[PUBLISHED]
    )


COUNCILS = [("101", "la", 10.0), ("102", "la", 20.0), ("103", "la", 20.0), ("104", "la", 20.0),
            ("105", "la", 40.0), ("106", "la", None),
            ("E12000001", "region", 25.0), ("E92000001", "england", 22.0)]  # fmt: skip
AREAS_FRAME = pl.DataFrame(
    [(str(c), None, None, "E12000001", "North East", False) for c in range(101, 107)],
    schema=list(SCHEMAS[AREAS]),
    orient="row",
).cast(SCHEMAS[AREAS])


def neighbours(pairs: dict[str, list[str]]) -> pl.DataFrame:
    rows = [(la, i, n, None, "m") for la, ns in pairs.items() for i, n in enumerate(ns, 1)]
    return pl.DataFrame(rows, schema=list(SCHEMAS[NEIGHBOURS]), orient="row").cast(
        SCHEMAS[NEIGHBOURS]
    )


def test_ties_at_the_quartile_boundaries() -> None:
    """Values 10, 20, 20, 20, 40 (106 suppressed, dropped). Type 7: Q1 at 1 + 0.25 x 4 = 2nd = 20,
    Q3 at 1 + 0.75 x 4 = 4th = 20. LAIT's rule: at or below Q1 is Lower, so the three councils
    at 20 are Lower (not In range); 40 > Q3 is Higher; 10 is Lower."""
    frame = benchmark_frame(figures(COUNCILS), AREAS_FRAME, neighbours({}))
    bands = dict(frame.select("la_code", "quartile_band").iter_rows())
    assert bands == {"101": "Lower", "102": "Lower", "103": "Lower", "104": "Lower",
                     "105": "Higher", "106": None}  # fmt: skip


def test_in_range_is_above_q1_up_to_q3() -> None:
    """Values 1, 2, 3, 4, 5: Q1 = 2, Q3 = 4. 3 and 4 are In range (4 = Q3 is not Higher)."""
    rows = [(str(100 + v), "la", float(v)) for v in range(1, 6)]
    frame = benchmark_frame(figures(rows), AREAS_FRAME, neighbours({}))
    b = benchmarks_for(frame, "104", IND, 2025)
    assert (b.lower_quartile, b.upper_quartile, b.quartile_band) == (
        2.0,
        4.0,
        QuartileBand.IN_RANGE,
    )
    assert benchmarks_for(frame, "102", IND, 2025).quartile_band is QuartileBand.LOWER
    assert benchmarks_for(frame, "105", IND, 2025).quartile_band is QuartileBand.HIGHER


def test_neighbours_mean_skips_missing_and_unknown() -> None:
    """101's neighbours: 102 (20), 106 (suppressed), 105 (40), 999 (no such council):
    mean of the two with figures = (20 + 40) / 2 = 30, not weighted, not over four."""
    pairs = {"101": ["102", "106", "105", "999"], "102": ["106"]}
    frame = benchmark_frame(figures(COUNCILS), AREAS_FRAME, neighbours(pairs))
    b = benchmarks_for(frame, "101", IND, 2025)
    assert b.statistical_neighbours == 30.0
    assert (b.region, b.england, b.published_la) == (25.0, 22.0, 10.0)
    row = frame.filter(pl.col("la_code") == "101").row(0, named=True)
    assert row["neighbours_with_figure"] == 2
    assert benchmarks_for(frame, "102", IND, 2025).statistical_neighbours is None
    assert benchmarks_for(frame, "103", IND, 2025).statistical_neighbours is None


def test_council_chooses_its_own_neighbours() -> None:
    model = neighbours({"101": ["102"], "102": ["101"]})
    chosen = with_council_neighbours(model, {"101": ["105", "104"]})
    frame = benchmark_frame(figures(COUNCILS), AREAS_FRAME, chosen)
    assert benchmarks_for(frame, "101", IND, 2025).statistical_neighbours == 30.0
    assert benchmarks_for(frame, "102", IND, 2025).statistical_neighbours == 10.0


def test_ees_preferred_to_lait_unless_suppressed() -> None:
    lait = figures([("101", "la", 11.0), ("102", "la", 21.0)], "lait:x")
    ees = figures([("101", "la", 10.0), ("102", "la", None)], "ees:y")
    frame = benchmark_frame(pl.concat([lait, ees]), AREAS_FRAME, neighbours({}))
    assert benchmarks_for(frame, "101", IND, 2025).published_la == 10.0
    assert benchmarks_for(frame, "102", IND, 2025).published_la == 21.0


def test_synthetic_and_real_never_mixed() -> None:
    real = figures(COUNCILS)
    rows = [("Z01", "la", 100.0), ("Z02", "la", 200.0), ("Z92000001", "england", 150.0)]
    synthetic = figures(rows, "synthetic:engine")
    frame = benchmark_frame(pl.concat([real, synthetic]), AREAS_FRAME, neighbours({}))
    z = benchmarks_for(frame, "Z01", IND, 2025)
    assert z.synthetic and z.england == 150.0
    assert (z.lower_quartile, z.upper_quartile) == (125.0, 175.0)
    assert benchmarks_for(frame, "101", IND, 2025).england == 22.0


def test_nothing_published() -> None:
    frame = benchmark_frame(figures(COUNCILS), AREAS_FRAME, neighbours({}))
    b = benchmarks_for(frame, "101", IND, 2024)
    assert b.year == "2023-24"
    assert b.published_la is None and b.quartile_band is None


def test_suppressed_own_figure_has_no_band() -> None:
    frame = benchmark_frame(figures(COUNCILS), AREAS_FRAME, neighbours({}))
    b = benchmarks_for(frame, "106", IND, 2025)
    assert b.published_la is None and b.quartile_band is None
    assert b.lower_quartile == 20.0
