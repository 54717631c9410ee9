"""Councils against their group, worked by hand on three to five councils per indicator."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from csc_scorecard.assess.regional import (
    ALL_COUNCILS,
    BEST_FIRST,
    COLUMNS,
    VALUE_ASCENDING,
    read_groups,
    regional_frame,
)
from csc_scorecard.engine.catalogue import Aggregate, Counting, Indicator, Polarity, Shape, Unit
from csc_scorecard.engine.compute import RESULT_SCHEMA
from csc_scorecard.engine.periods import Period, PeriodKind

END = date(2025, 3, 31)


def indicator(
    ident: str, unit: Unit, polarity: Polarity, aggregate: Aggregate = Aggregate.SUM
) -> Indicator:
    return Indicator(
        id=ident,
        title=ident,
        definition="test",
        source="test",
        unit=unit,
        counting=Counting.EVENT,
        polarity=polarity,
        periods=(PeriodKind.ROLLING_12M,),
        shape=Shape.EVENT,
        domain="test",
        aggregate=aggregate,
    )


PCT_HIGH = indicator("pct_high", Unit.PERCENT, Polarity.HIGH_GOOD)
PCT_LOW = indicator("pct_low", Unit.PERCENT, Polarity.LOW_GOOD)
PCT_NONE = indicator("pct_none", Unit.PERCENT, Polarity.NONE)
RATE = indicator("rate", Unit.RATE_PER_10K, Polarity.NONE)
COUNT = indicator("count", Unit.COUNT, Polarity.NONE)
HIGHEST = indicator("highest", Unit.COUNT, Polarity.LOW_GOOD, Aggregate.MAX)
AVERAGE = indicator("average", Unit.AVERAGE, Polarity.LOW_GOOD)
ALL = (PCT_HIGH, PCT_LOW, PCT_NONE, RATE, COUNT, HIGHEST, AVERAGE)

Row = tuple[str, float | None, float | None, float | None]


def results(ident: str, rows: list[Row], kind: PeriodKind = PeriodKind.ROLLING_12M) -> pl.DataFrame:
    """Whole-council results: (council, numerator, denominator, value) each."""
    period = Period.of(kind, END)
    table = [
        (la, ident, kind.value, period.start, END, None, None, num, den, value)
        for la, num, den, value in rows
    ]
    return pl.DataFrame(table, schema=RESULT_SCHEMA, orient="row")


def compare(frame: pl.DataFrame, groups: pl.DataFrame | None = None) -> pl.DataFrame:
    return regional_frame(frame, groups, ALL)


def by_council(frame: pl.DataFrame, column: str) -> dict[str, object]:
    return dict(zip(frame["la_code"], frame[column], strict=True))


def test_percent_group_is_summed_parts_not_the_mean_of_councils() -> None:
    """9/10, 30/40, 10/50: the group is 49 of 100 = 49%; the councils' mean is 61.7%."""
    rows: list[Row] = [("A", 9, 10, 90.0), ("B", 30, 40, 75.0), ("C", 10, 50, 20.0)]
    frame = compare(results("pct_high", rows))
    assert frame.columns == list(COLUMNS)
    assert set(frame["group"]) == {ALL_COUNCILS}
    assert frame["group_value"].unique().to_list() == [pytest.approx(49.0)]
    assert frame["group_numerator"][0] == 49 and frame["group_denominator"][0] == 100
    assert frame["councils_mean"][0] == pytest.approx(185 / 3)
    assert frame["councils_with_figure"][0] == 3


def test_rate_group_sums_counts_and_populations_and_annualises() -> None:
    """Six months: 100 in 10,000 children (200 a year per 10,000) and 300 in 20,000 (300);
    the group is 400 in 30,000 over six months, 266.7 a year; the mean would say 250."""
    rows: list[Row] = [("A", 100, 10_000, 200.0), ("B", 300, 20_000, 300.0)]
    frame = compare(results("rate", rows, PeriodKind.ROLLING_6M))
    assert frame["group_value"][0] == pytest.approx(400 / 30_000 * 10_000 * 2)
    assert frame["councils_mean"][0] == pytest.approx(250.0)


def test_counts_add_up_averages_divide_summed_parts_and_highest_is_the_max() -> None:
    """Counts 5 + 7 + 9 = 21. Averages 120 children / 2 IROs = 60 and 300 / 3 = 100: the group
    is 420 / 5 = 84, not 80. The highest caseload of the group is the highest of its councils."""
    frame = compare(
        pl.concat(
            [
                results("count", [("A", 5, None, 5.0), ("B", 7, None, 7.0), ("C", 9, None, 9.0)]),
                results("average", [("A", 120, 2, 60.0), ("B", 300, 3, 100.0)]),
                results("highest", [("A", 12, None, 12.0), ("B", 31, None, 31.0)]),
            ]
        )
    )
    group = dict(zip(frame["indicator_id"], frame["group_value"], strict=False))
    assert group == {"count": 21.0, "average": pytest.approx(84.0), "highest": 31.0}


def test_ranks_follow_polarity_and_ties_share_the_better_rank() -> None:
    rows: list[Row] = [("A", 9, 10, 90.0), ("B", 3, 4, 75.0), ("C", 6, 8, 75.0), ("D", 1, 5, 20.0)]
    frame = compare(pl.concat([results(i, rows) for i in ("pct_high", "pct_low", "pct_none")]))
    ranks = {i: by_council(frame.filter(pl.col("indicator_id") == i), "rank") for i in
             ("pct_high", "pct_low", "pct_none")}  # fmt: skip
    assert ranks["pct_high"] == {"A": 1, "B": 2, "C": 2, "D": 4}
    assert ranks["pct_low"] == {"D": 1, "B": 2, "C": 2, "A": 4}
    assert ranks["pct_none"] == {"D": 1, "B": 2, "C": 2, "A": 4}
    order = dict(zip(frame["indicator_id"], frame["rank_order"], strict=False))
    assert order == {"pct_high": BEST_FIRST, "pct_low": BEST_FIRST, "pct_none": VALUE_ASCENDING}


def test_quartiles_are_type_7_and_bands_follow_the_lait_boundaries() -> None:
    """10..50: Q1 = 20 and Q3 = 40 exactly. At Q1 is Lower; at Q3 is still In range."""
    rows: list[Row] = [
        (la, v, 100, v) for la, v in zip("ABCDE", (10.0, 20, 30, 40, 50), strict=True)
    ]
    frame = compare(results("pct_high", rows))
    first = frame.row(0, named=True)
    assert (first["lower_quartile"], first["median"], first["upper_quartile"]) == (20, 30, 40)
    bands = by_council(frame, "quartile_band")
    assert bands == {"A": "Lower", "B": "Lower", "C": "In range", "D": "In range", "E": "Higher"}


def test_quartiles_interpolate_between_councils() -> None:
    """1, 2, 3, 4: type 7 puts Q1 at 1 + 0.25 x 3 = 1.75 and Q3 at 3.25 (other methods differ)."""
    rows: list[Row] = [(la, v, 100, v) for la, v in zip("ABCD", (1.0, 2, 3, 4), strict=True)]
    first = compare(results("pct_high", rows)).row(0, named=True)
    assert (first["lower_quartile"], first["upper_quartile"]) == (1.75, 3.25)


def test_councils_without_a_figure_are_left_out_of_every_aggregate() -> None:
    """C has nothing in its denominator; D has referrals but no population, so its count must
    not reach the group's numerator either."""
    rows: list[Row] = [
        ("A", 100, 10_000, 100.0),
        ("B", 300, 10_000, 300.0),
        ("C", 0, 0, None),
        ("D", 50, None, None),
    ]
    frame = compare(results("rate", rows))
    first = frame.row(0, named=True)
    assert first["group_value"] == pytest.approx(200.0)
    assert (first["group_numerator"], first["group_denominator"]) == (400, 20_000)
    assert first["councils_with_figure"] == 2 and first["councils_mean"] == 200
    assert by_council(frame, "rank") == {"A": 1, "B": 2, "C": None, "D": None}
    assert by_council(frame, "quartile_band")["C"] is None


def test_a_ratio_without_its_parts_has_no_group_figure() -> None:
    """A hand-entered percentage with no numerator: a sum over part of the group would mislead."""
    rows: list[Row] = [("A", 9, 10, 90.0), ("B", None, None, 60.0)]
    first = compare(results("pct_high", rows)).row(0, named=True)
    assert first["group_value"] is None
    assert first["councils_mean"] == 75.0


def test_named_groups_compare_within_each_group() -> None:
    """A is in both groups; D in none (left out)."""
    rows: list[Row] = [("A", 9, 10, 90.0), ("B", 3, 4, 75.0), ("C", 1, 5, 20.0), ("D", 1, 1, 100.0)]
    groups = pl.DataFrame(
        {"la_code": ["A", "B", "A", "C"], "group": ["North", "North", "South", "South"]}
    )
    frame = compare(results("pct_high", rows), groups)
    assert "D" not in frame["la_code"].to_list()
    north = frame.filter(pl.col("group") == "North")
    assert north["group_value"][0] == pytest.approx(12 / 14 * 100)
    south = frame.filter(pl.col("group") == "South")
    assert by_council(south, "rank") == {"A": 1, "C": 2}


def test_breakdown_rows_and_unknown_indicators_are_not_compared() -> None:
    base = results("pct_high", [("A", 9, 10, 90.0)])
    team = base.with_columns(breakdown=pl.lit("team"), breakdown_value=pl.lit("North"))
    other = results("not_in_catalogue", [("A", 1, 1, 100.0)])
    frame = compare(pl.concat([base, team, other]))
    assert frame.height == 1 and frame["indicator_id"][0] == "pct_high"


def test_groups_from_toml_and_csv(tmp_path: Path) -> None:
    toml = tmp_path / "groups.toml"
    toml.write_text('[groups]\n"RIG North West" = ["Z01", " Z02 "]\nRegion = ["Z01"]\n')
    csv = tmp_path / "groups.csv"
    csv.write_text("la_code,group\nZ01,RIG North West\nZ02,RIG North West\nZ01,Region\n")
    expected = [("Z01", "RIG North West"), ("Z02", "RIG North West"), ("Z01", "Region")]
    assert read_groups(toml).rows() == expected
    assert read_groups(csv).rows() == expected


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("g.toml", "[groups]\nNorth = []\nSouth = [1]\n", "group 'North'.*entry 1"),
        ("g.toml", "title = 'x'\n", r"\[groups\] table"),
        ("g.csv", "la_code,region\nZ01,North\n", "missing column.*group"),
        ("g.csv", "la_code,group\nZ01,North\n,South\n", "line.*3"),
        ("g.json", "{}", "must be .toml or .csv"),
    ],
)
def test_bad_groups_files_name_every_problem(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ValueError, match=message):
        read_groups(path)
