"""The synthetic council places children only in placement types valid when each placement starts.

H5 and Z1 apply to 2024-25 at the latest (the year to 31 March 2025): a placement starting from
1 April 2025 takes K3 instead of H5 and one of Z11-Z14 instead of Z1.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from csc_scorecard.model.codes import code_list
from csc_scorecard.synth import council_tables
from csc_scorecard.synth.care import current_placement_types


def test_a_withdrawn_code_is_replaced_from_the_first_year_it_is_withdrawn() -> None:
    kind = np.array(["H5", "H5", "Z1", "Z1", "U6", "K2"])
    start = np.array(
        ["2025-03-31", "2025-04-01", "2025-03-31", "2026-01-01", "2026-01-01", "2019-06-01"],
        dtype="datetime64[D]",
    )
    got = current_placement_types(np.random.default_rng(1), kind, start).tolist()
    assert got[:3] == ["H5", "K3", "Z1"]
    assert got[3] in {"Z11", "Z12", "Z13", "Z14"}
    assert got[4:] == ["U6", "K2"]


def test_a_council_spanning_april_2025_uses_each_code_only_in_its_years() -> None:
    placements = council_tables(children=30_000, years=2, end_month=date(2026, 3, 1), seed=7)[
        "ssd_cla_placement"
    ]
    start = pl.col("clap_cla_placement_start_date")
    years = placements.select(
        kind=pl.col("clap_cla_placement_type"),
        year=start.dt.year() + (start.dt.month() > 3).cast(pl.Int32),
    )
    place = code_list("placement_type")

    def valid(kind: str, year: int) -> bool:
        first, last = place.years(kind)
        return (first is None or first <= year) and (last is None or year <= last)

    assert [(k, y) for k, y in years.unique().iter_rows() if not valid(k, y)] == []
    span = dict(
        years.group_by("kind")
        .agg(pl.concat_list(pl.col("year").min(), pl.col("year").max()))
        .iter_rows()
    )
    # H5 up to the year to March 2025, K3 only after: the successor takes H5's place.
    assert span["H5"][1] == 2025 and span["K3"] == [2026, 2026]
    assert any(kind in span for kind in ("Z11", "Z12", "Z13", "Z14"))
