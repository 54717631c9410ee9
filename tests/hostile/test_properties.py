"""Properties that must hold for any input, not only the corpus's: found by Hypothesis.

(a) Canonical files of random rows, some corrupted on purpose (a bad or impossible date, an
unknown code, a blank required value, a repeated key), go through the real reader, validator and
store. Whatever the mix, the counts reconcile, every row the test left clean is in the store with
exactly the values written, and every corrupted row (or row naming a rejected child) is rejected
with a located rejection. (b) Period arithmetic: for any month end and kind, a period is a run of
whole, contiguous months inside [start, end], of the right length, on financial-year boundaries,
and ``period_months_frame`` maps it to exactly those months.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csc_scorecard.engine.periods import (
    Period,
    PeriodKind,
    month_end,
    month_ends,
    period_months_frame,
    periods_ending,
)
from csc_scorecard.ingest import IngestReport, ingest
from csc_scorecard.store.database import open_store

LA = "201"
PERSON = ["la_code", "pers_person_id", "pers_sex", "pers_dob"]
EPISODE = ["la_code", "cine_referral_id", "cine_person_id", "cine_referral_date", "cine_close_date"]
BAD_DATES = ("2023-02-30", "31/04/2024", "soon", "45292", "2024/01/02", "2099-01-01")
"""Dates no row may carry: impossible, not a date, an Excel serial, or after the run."""

Corruption = str  # "", "date", "code", "blank" or "duplicate"
CORRUPTIONS = st.sampled_from(["", "", "", "date", "code", "blank", "duplicate"])


@dataclass(frozen=True)
class Row:
    """A row as the test means it (typed) and as written (text), and whether it was spoiled."""

    values: tuple[object, ...]
    text: list[str]
    spoiled: bool


@pytest.fixture(scope="module")
def template() -> Iterator[Path]:
    """An empty store, copied per example rather than created (creating every table is slow)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "empty.duckdb"
        open_store(path).close()
        yield path


def _written(d: date, uk: bool) -> str:
    return d.strftime("%d/%m/%Y") if uk else d.isoformat()


@st.composite
def _people(draw: st.DrawFn) -> list[Row]:
    n = draw(st.integers(1, 12))
    rows: list[Row] = []
    for i in range(n):
        dob = draw(st.dates(date(2005, 1, 1), date(2020, 12, 31)))
        sex = draw(st.sampled_from(["M", "F"]))
        text = [LA, f"C{i:03d}", sex, _written(dob, draw(st.booleans()))]
        spoil = draw(CORRUPTIONS)
        earlier = [r for r in rows if r.text[0] == LA and r.text[1].strip()]  # a whole key
        if spoil == "date":
            text[3] = draw(st.sampled_from(BAD_DATES))
        elif spoil == "code":
            text[2] = draw(st.sampled_from(["Q", "male", "9"]))
        elif spoil == "blank":
            text[draw(st.sampled_from([0, 1]))] = draw(st.sampled_from(["", "  "]))
        elif spoil == "duplicate" and earlier:
            text[1] = draw(st.sampled_from(earlier)).text[1]
        else:
            spoil = ""
        rows.append(Row((LA, f"C{i:03d}", sex, dob), text, spoiled=bool(spoil)))
    return rows


@st.composite
def _episodes(draw: st.DrawFn, people: int) -> list[Row]:
    n = draw(st.integers(0, 12))
    rows: list[Row] = []
    for i in range(n):
        child = f"C{draw(st.integers(0, people - 1)):03d}"
        referred = draw(st.dates(date(2021, 1, 1), date(2024, 12, 31)))
        closed = draw(st.one_of(st.none(), st.dates(referred, date(2025, 6, 30))))
        uk = draw(st.booleans())
        text = [LA, f"R{i:03d}", child, _written(referred, uk)]
        text.append("" if closed is None else _written(closed, uk))
        spoil = draw(CORRUPTIONS)
        if spoil == "date":
            text[draw(st.sampled_from([3, 4]))] = draw(st.sampled_from(BAD_DATES))
        elif spoil == "code":  # no code list in these columns: close before referral instead
            text[4] = _written(date(2020, 12, 31), uk)
        elif spoil == "blank":
            text[draw(st.sampled_from([1, 2, 3]))] = ""
        elif spoil == "duplicate" and rows:
            text[1] = draw(st.sampled_from(rows)).text[1]
        else:
            spoil = ""
        values = (LA, f"R{i:03d}", child, referred, closed)
        rows.append(Row(values, text, spoiled=bool(spoil)))
    return rows


def _write(path: Path, header: list[str], rows: list[Row]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(r.text for r in rows)


def _stored(db: Path, sql: str) -> Counter[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return Counter(tuple(r) for r in con.execute(sql).fetchall())
    finally:
        con.close()


def _rejected_rows(report: IngestReport, source: Path) -> set[int]:
    rows: set[int] = set()
    for x in report.rejections:
        if x.source == str(source):
            assert x.row is not None and x.row >= 1, x.describe()
            assert x.field, x.describe()
            rows.add(x.row)
    return rows


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_canonical_rows_are_loaded_or_rejected_never_lost(
    data: st.DataObject, template: Path
) -> None:
    people = data.draw(_people())
    episodes = data.draw(_episodes(len(people)))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "in").mkdir()
        person_file, episode_file = (
            root / "in" / "ssd_person.csv",
            root / "in" / "ssd_cin_episodes.csv",
        )
        _write(person_file, PERSON, people)
        _write(episode_file, EPISODE, episodes)
        db = root / "store.duckdb"
        shutil.copyfile(template, db)
        report = ingest([root / "in"], db)

        for c in report.counts:
            assert c.read == c.loaded + c.rejected
        read = {c.source: c.read for c in report.counts}
        assert read.get(str(person_file), 0) == len(people)
        assert read.get(str(episode_file), 0) == len(episodes)

        loaded_people = [r for r in people if not r.spoiled]
        known = {r.values[1] for r in loaded_people}
        loaded_episodes = [r for r in episodes if not r.spoiled and r.values[2] in known]
        assert _rejected_rows(report, person_file) == {
            i + 1 for i, r in enumerate(people) if r.spoiled
        }
        assert _rejected_rows(report, episode_file) == {
            i + 1 for i, r in enumerate(episodes) if r not in loaded_episodes
        }
        assert _stored(db, f"SELECT {', '.join(PERSON)} FROM ssd_person") == Counter(
            r.values for r in loaded_people
        )
        assert _stored(db, f"SELECT {', '.join(EPISODE)} FROM ssd_cin_episodes") == Counter(
            r.values for r in loaded_episodes
        )


KINDS = st.sampled_from(list(PeriodKind))
MONTH_ENDS = st.dates(date(2000, 1, 1), date(2060, 12, 31)).map(month_end)
ROLLING = {PeriodKind.ROLLING_3M: 3, PeriodKind.ROLLING_6M: 6, PeriodKind.ROLLING_12M: 12}
ROLLING |= {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3}


def _fy_start(d: date) -> date:
    return date(d.year if d.month >= 4 else d.year - 1, 4, 1)


@settings(max_examples=200)
@given(end=MONTH_ENDS, kinds=st.lists(KINDS, min_size=1, max_size=4, unique=True))
def test_periods_are_contiguous_whole_months_on_financial_year_boundaries(
    end: date, kinds: list[PeriodKind]
) -> None:
    for period in periods_ending([end], kinds):
        assert period.end == end
        if period.kind is PeriodKind.SNAPSHOT:
            assert (period.start, period.months) == (end, 0)
            continue
        months = month_ends(period.start, period.end)
        assert period.start.day == 1 and period.start <= period.end
        assert months[-1] == end and len(months) == period.months
        assert all(month_end(m) == m for m in months)
        firsts = [date(m.year, m.month, 1) for m in months]
        assert firsts[0] == period.start
        assert all((b - a).days == a_len for a, b, a_len in _steps(firsts, months))
        if period.kind in ROLLING:
            assert period.months == ROLLING[period.kind]
        if period.kind in {PeriodKind.QUARTER, PeriodKind.FY}:
            assert period.start.month in {4, 7, 10, 1} and end.month in {6, 9, 12, 3}
        if period.kind in {PeriodKind.YTD, PeriodKind.FY}:
            assert period.start == _fy_start(end)
        if period.kind is PeriodKind.FY:
            assert (end.month, period.months) == (3, 12)


def _steps(firsts: list[date], months: list[date]) -> Iterator[tuple[date, date, int]]:
    """Each month's first day, the next month's first day, and the month's length in days."""
    for i in range(len(firsts) - 1):
        yield firsts[i], firsts[i + 1], months[i].day


@settings(max_examples=100)
@given(
    ends=st.lists(MONTH_ENDS, min_size=1, max_size=5, unique=True),
    kinds=st.lists(KINDS, min_size=1, unique=True),
)
def test_period_months_frame_covers_exactly_each_periods_months(
    ends: list[date], kinds: list[PeriodKind]
) -> None:
    periods = periods_ending(sorted(ends), kinds)
    frame = period_months_frame(periods)
    got: dict[tuple[str, date], list[date]] = {}
    for kind, end, month in frame.iter_rows():
        got.setdefault((kind, end), []).append(month)
    expected = {
        (p.kind.value, p.end): [p.end]
        if p.kind is PeriodKind.SNAPSHOT
        else month_ends(p.start, p.end)
        for p in periods
    }
    assert {k: sorted(v) for k, v in got.items()} == expected
    assert frame.height == sum(max(p.months, 1) for p in periods)


@given(end=MONTH_ENDS, kind=KINDS)
def test_a_period_is_rebuilt_from_its_kind_and_end(end: date, kind: PeriodKind) -> None:
    """Period.of refuses only kinds that do not end there, and agrees with periods_ending."""
    ending = periods_ending([end], [kind])
    if not ending:
        with pytest.raises(ValueError, match=r"no .* period ends"):
            Period.of(kind, end)
        assert kind in {PeriodKind.QUARTER, PeriodKind.FY}
    else:
        assert ending == [Period.of(kind, end)]
