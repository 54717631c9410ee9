"""Each rejection reason, located by file, row and field, without quoting identifier values."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest

from csc_scorecard.ingest import IngestReport, Reason, Rejection, ingest
from csc_scorecard.ingest import validate as validate_module
from csc_scorecard.ingest.reader import RawTable
from csc_scorecard.ingest.validate import QUOTE_LIMIT, Validated, validate
from csc_scorecard.model import table_by_name
from csc_scorecard.model.codes import CodeList

Write = Callable[..., Path]

PERSON = "la_code,pers_person_id,pers_sex,pers_dob,pers_death_date"
CIN = "la_code,cine_referral_id,cine_person_id,cine_referral_date,cine_referral_nfa,cine_close_date"


def _only(report: IngestReport, reason: Reason) -> Rejection:
    found = [r for r in report.rejections if r.reason is reason]
    assert len(found) == 1, report.rejections
    return found[0]


def _ingest(db: Path, *paths: Path) -> IngestReport:
    return ingest(list(paths), db)


def _check(r: Rejection, source: Path, row: int, field: str, secret: str = "C00") -> None:
    assert (r.source, r.row, r.field) == (str(source), row, field)
    assert secret not in r.message
    assert secret not in r.describe()


def test_missing_required_value(write: Write, db: Path) -> None:
    write("ssd_person.csv", PERSON, "201,C001,M,2015-01-01,")
    cin = write("ssd_cin_episodes.csv", CIN, "201,R1,C001,,,")
    r = _only(_ingest(db, cin.parent), Reason.MISSING_VALUE)
    _check(r, cin, 1, "cine_referral_date")


def test_wrong_type_quotes_the_value(write: Write, db: Path) -> None:
    write("ssd_person.csv", PERSON, "201,C001,M,2015-01-01,")
    cin = write(
        "ssd_cin_episodes.csv", CIN, "201,R1,C001,2024-01-01,Y,", "201,R2,C001,2024-01-01,maybe,"
    )
    r = _only(_ingest(db, cin.parent), Reason.WRONG_TYPE)
    _check(r, cin, 2, "cine_referral_nfa")
    assert "'maybe'" in r.message


@pytest.mark.parametrize("date", ["2023-02-29", "31/04/2024"])
def test_impossible_date(write: Write, db: Path, date: str) -> None:
    person = write("ssd_person.csv", PERSON, "201,C001,M,2015-01-01,", f"201,C002,F,{date},")
    r = _only(_ingest(db, person), Reason.IMPOSSIBLE_DATE)
    _check(r, person, 2, "pers_dob")


def test_text_in_a_date_column_is_the_wrong_type(write: Write, db: Path) -> None:
    person = write("ssd_person.csv", PERSON, "201,C001,M,soon,")
    _check(_only(_ingest(db, person), Reason.WRONG_TYPE), person, 1, "pers_dob")


def test_unknown_code_quotes_the_code(write: Write, db: Path) -> None:
    person = write("ssd_person.csv", PERSON, "201,C001,Q,2015-01-01,")
    r = _only(_ingest(db, person), Reason.UNKNOWN_CODE)
    _check(r, person, 1, "pers_sex")
    assert "'Q'" in r.message


def test_end_before_start(write: Write, db: Path) -> None:
    person = write("ssd_person.csv", PERSON, "201,C001,M,2015-01-01,2014-12-31")
    r = _only(_ingest(db, person), Reason.END_BEFORE_START)
    _check(r, person, 1, "pers_death_date")
    assert "2014-12-31" in r.message


def test_duplicate_key_names_the_first_row(write: Write, db: Path) -> None:
    person = write(
        "ssd_person.csv",
        PERSON,
        "201,C001,M,2015-01-01,",
        "201,C002,M,2015-01-01,",
        "201,C001,F,2016-01-01,",
        "202,C001,F,2016-01-01,",  # same id in another council: a different child
    )
    report = _ingest(db, person)
    r = _only(report, Reason.DUPLICATE_KEY)
    _check(r, person, 3, "pers_person_id")
    assert "row 1" in r.message
    assert report.rows_loaded == 3


def test_orphan_child(write: Write, db: Path) -> None:
    write("ssd_person.csv", PERSON, "201,C001,M,2015-01-01,")
    cin = write("ssd_cin_episodes.csv", CIN, "201,R1,C001,2024-01-01,,", "201,R2,C002,2024-01-01,,")
    r = _only(_ingest(db, cin.parent), Reason.ORPHAN_CHILD)
    _check(r, cin, 2, "cine_person_id")


def test_a_row_with_several_problems_counts_once(write: Write, db: Path) -> None:
    person = write("ssd_person.csv", PERSON, "201,C001,Q,2015-02-30,", "201,C002,X,soon,2001-01-01")
    report = _ingest(db, person)
    assert [(r.row, r.reason) for r in report.rejections] == [
        (1, Reason.UNKNOWN_CODE),
        (1, Reason.IMPOSSIBLE_DATE),
        (2, Reason.UNKNOWN_CODE),
        (2, Reason.WRONG_TYPE),
    ]
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (2, 0, 2)


def test_values_are_typed_and_booleans_accept_common_spellings() -> None:
    values = ["true", "F", "Yes", "n", "1", "0", "t", "NO"]
    frame = pl.DataFrame(
        {
            "_row": range(1, 9),
            "la_code": ["201"] * 8,
            "cine_referral_id": [f"R{i}" for i in range(8)],
            "cine_person_id": ["C001"] * 8,
            "cine_referral_date": ["2024-01-05", "05/01/2024"] * 4,
            "cine_referral_nfa": values,
        }
    )
    table = table_by_name("ssd_cin_episodes")
    result = validate(table, [RawTable(table.name, "x.csv", frame)])
    assert result.rejections == ()
    assert result.frame.columns == list(table.column_names)
    assert result.frame["cine_referral_nfa"].to_list() == [
        True,
        False,
        True,
        False,
        True,
        False,
        True,
        False,
    ]
    assert result.frame["cine_referral_date"].dtype == pl.Date
    assert result.frame["cine_referral_date"].n_unique() == 1


def test_code_validity_years_are_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    """A code withdrawn after 2024 (year to 31 March 2024) is refused on a later referral."""
    dated = CodeList("primary_need", "", "", {"N1": "Abuse", "N8": {"valid_to": 2024}})  # type: ignore[dict-item]
    monkeypatch.setattr(validate_module, "code_list", lambda name: dated)
    frame = pl.DataFrame(
        {
            "_row": [1, 2],
            "la_code": ["201", "201"],
            "cine_referral_id": ["R1", "R2"],
            "cine_person_id": ["C001", "C001"],
            "cine_referral_date": ["2024-03-31", "2024-04-01"],
            "cine_cin_primary_need_code": ["N8", "N8"],
        }
    )
    table = table_by_name("ssd_cin_episodes")
    result = validate(table, [RawTable(table.name, "x.csv", frame)])
    [r] = result.rejections
    assert (r.row, r.reason, r.field) == (2, Reason.UNKNOWN_CODE, "cine_cin_primary_need_code")
    assert r.message == "primary need 'N8' is valid up to 2023-24 (this row is 2024-25)"


def test_a_million_rows_validate_in_one_vectorised_pass() -> None:
    """No timing asserted: a Python loop over rows would make this test visibly slow."""
    n = 1_000_000
    ids = pl.int_range(0, n, eager=True).cast(pl.String)
    frame = pl.DataFrame(
        {
            "_row": pl.int_range(1, n + 1, eager=True),
            "la_code": ["201"] * n,
            "cine_referral_id": "R" + ids,
            "cine_person_id": "C" + ids,
            "cine_referral_date": ["2024-01-05"] * n,
            "cine_referral_nfa": ["Y"] * n,
            "cine_close_date": ["01/02/2024"] * (n - 1) + ["2023-01-01"],
            "cine_cin_primary_need_code": ["N1"] * n,
        }
    )
    children = pl.DataFrame({"la_code": ["201"] * n, "person_id": "C" + ids})
    table = table_by_name("ssd_cin_episodes")
    result = validate(table, [RawTable(table.name, "big.csv", frame)], children)
    assert result.frame.height == n - 1
    assert [(r.row, r.reason) for r in result.rejections] == [(n, Reason.END_BEFORE_START)]


def _validated(table_name: str, as_at: date | None = None, **columns: list[str]) -> Validated:
    rows = len(next(iter(columns.values())))
    frame = pl.DataFrame({"_row": range(1, rows + 1), "la_code": ["201"] * rows, **columns})
    table = table_by_name(table_name)
    return validate(table, [RawTable(table.name, "x.csv", frame)], as_at=as_at)


def test_a_date_after_the_run_is_refused_unless_the_column_is_planned() -> None:
    result = _validated(
        "ssd_cin_visits",
        as_at=date(2024, 6, 30),
        cinv_cin_visit_id=["V1", "V2", "V3"],
        cinv_person_id=["C001"] * 3,
        cinv_cin_visit_due_date=["2024-07-10", "2024-06-01", "2024-06-20"],
        cinv_cin_visit_date=["", "2024-07-01", "2024-06-30"],
    )
    [r] = result.rejections
    assert (r.row, r.field, r.reason) == (2, "cinv_cin_visit_date", Reason.FUTURE_DATE)
    assert "2024-07-01" in r.message and "2024-06-30" in r.message
    assert result.frame.height == 2


def test_the_run_date_defaults_to_today() -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    result = _validated(
        "ssd_person", pers_person_id=["C001", "C002"], pers_dob=[tomorrow, "2015-01-01"]
    )
    assert [(r.row, r.reason) for r in result.rejections] == [(1, Reason.FUTURE_DATE)]


def test_negative_counts_and_fte_are_refused_zero_is_not() -> None:
    result = _validated(
        "csc_workforce_monthly",
        as_at=date(2024, 6, 30),
        wkf_month_end=["2024-01-31"] * 3,
        wkf_team=["A", "B", "C"],
        wkf_role=["SW"] * 3,
        wkf_vacancies_fte=["-0.5", "0", "-1"],
        wkf_caseload_max=["3", "0", "-2"],
    )
    assert [(r.row, r.field, r.reason) for r in result.rejections] == [
        (1, "wkf_vacancies_fte", Reason.NEGATIVE_VALUE),
        (3, "wkf_vacancies_fte", Reason.NEGATIVE_VALUE),
        (3, "wkf_caseload_max", Reason.NEGATIVE_VALUE),
    ]
    assert "'-0.5'" in result.rejections[0].message
    assert [c.rejected for c in result.counts] == [2]


def test_a_death_past_the_26th_birthday_is_an_implausible_age() -> None:
    result = _validated(
        "ssd_person",
        as_at=date(2024, 6, 30),
        pers_person_id=["C001", "C002"],
        pers_dob=["1990-03-01", "1990-03-01"],
        pers_death_date=["2016-02-29", "2016-03-01"],
    )
    [r] = result.rejections
    assert (r.row, r.field, r.reason) == (2, "pers_dob", Reason.IMPLAUSIBLE_AGE)


def test_an_event_after_the_childs_26th_birthday_is_refused(write: Write, db: Path) -> None:
    write("ssd_person.csv", PERSON, "201,C001,M,1998-05-10,", "201,C002,F,,")
    cin = write(
        "ssd_cin_episodes.csv",
        CIN,
        "201,R1,C001,2024-05-09,,",  # the day before the 26th birthday: aged 25
        "201,R2,C001,2024-05-10,,",  # the 26th birthday
        "201,R3,C002,2024-05-10,,",  # no date of birth: nothing to check
    )
    report = _ingest(db, cin.parent)
    r = _only(report, Reason.IMPLAUSIBLE_AGE)
    _check(r, cin, 2, "cine_referral_date")
    assert "1998-05-10" in r.message
    assert report.rows_rejected == 1


def test_a_row_breaking_several_rules_is_rejected_once() -> None:
    result = _validated(
        "ssd_cp_plans",
        as_at=date(2024, 6, 30),
        cppl_cp_plan_id=["P1"],
        cppl_person_id=["C001"],
        cppl_cp_plan_start_date=["2030-01-01"],
        cppl_number_of_previous_cpp=["-1"],
    )
    reasons = [r.reason for r in result.rejections]
    assert reasons == [Reason.FUTURE_DATE, Reason.NEGATIVE_VALUE]
    assert [(c.read, c.rejected) for c in result.counts] == [(1, 1)]


def test_a_huge_bad_value_is_quoted_clipped_and_an_identifier_never() -> None:
    huge = "2" * (1 << 20)
    result = _validated(
        "ssd_person",
        pers_person_id=["C" + "9" * 100, "C002"],
        pers_dob=[huge, "2015-01-01"],
        pers_sex=["M", "Q" * 1000],
    )
    dob, sex = result.rejections
    assert f"'{'2' * QUOTE_LIMIT}…'" in dob.message
    assert f"'{'Q' * QUOTE_LIMIT}…'" in sex.message
    assert max(len(dob.message), len(sex.message)) < 150
    blank_id = _validated("ssd_person", pers_person_id=["C" * 500], pers_sex=["?"])
    assert all("CCC" not in r.message for r in blank_id.rejections)
