"""A child in both a CIN census and an SSDA903 return is one child: merged, not a duplicate.

Hand-made returns (synthetic ids C1, C2): a census for the year to 31 March 2024 (LEA 201) and
a 903 folder for a year (``2024/`` or ``2025/``) holding a Header and an Episodes table.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from tests.ingest.test_cin_census import census, child
from typer.testing import CliRunner

from csc_scorecard.cli import build_app
from csc_scorecard.ingest import Reason, ingest
from csc_scorecard.ingest.report import IngestReport

Query = Callable[[str], list[tuple[object, ...]]]
HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,URN"
LA = "201"


def _cin(tmp_path: Path, *children: str, year: int = 2024) -> Path:
    path = tmp_path / "cin" / f"cin_{year}.xml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(census(*children, year=year, lea=LA), encoding="utf-8")
    return path


def _903(tmp_path: Path, *headers: str, year: int = 2025) -> Path:
    """A 903 return for ``year`` whose every child has one open episode."""
    folder = tmp_path / "903" / str(year)
    folder.mkdir(parents=True)
    (folder / "header.csv").write_text("\n".join([HEADER, *headers]) + "\n", encoding="utf-8")
    children = sorted({h.split(",")[0] for h in headers})
    episodes = [f"{c},01/06/2023,S,V2,N1,U6,PR1,,,," for c in children]
    (folder / "episodes.csv").write_text("\n".join([EPISODES, *episodes]) + "\n", "utf-8")
    return folder.parent


def _person_counts(report: IngestReport) -> dict[str, tuple[int, int, int, int]]:
    """(read, loaded, rejected, merged) of ``ssd_person`` by file name."""
    return {
        Path(c.source).name: (c.read, c.loaded, c.rejected, c.merged)
        for c in report.counts
        if c.table == "ssd_person"
    }


def test_a_child_in_both_returns_is_loaded_once(tmp_path: Path, db: Path, query: Query) -> None:
    cin = _cin(tmp_path, child("C1"), child("C2"))
    ssda903 = _903(tmp_path, "C1,1,01/01/2012,WBRI,,,")
    report = ingest([cin, ssda903], db, la_code=LA)
    assert report.rejections == ()
    assert report.conflicts == ()
    # The 903 (year to March 2025) is the later return: its row is kept, the census's merged.
    assert _person_counts(report) == {"cin_2024.xml": (2, 1, 0, 1), "header.csv": (1, 1, 0, 0)}
    assert all(c.read == c.loaded + c.rejected + c.merged for c in report.counts)
    assert (report.rows_read, report.rows_loaded, report.rows_merged) == (
        report.rows_loaded + report.rows_rejected + report.rows_merged,
        report.rows_read - report.rows_merged,
        1,
    )
    assert query("SELECT pers_person_id, pers_sex FROM ssd_person ORDER BY 1") == [
        ("C1", "M"),
        ("C2", "M"),
    ]
    assert query("SELECT count(*) FROM ssd_cla_episodes") == [(1,)]
    assert query("SELECT count(*) FROM ssd_cin_episodes") == [(2,)]


def test_missing_values_are_filled_and_conflicts_reported(
    tmp_path: Path, db: Path, query: Query
) -> None:
    """The later 903 wins a disagreement; what it lacks comes from the census; both are said."""
    cin = _cin(tmp_path, child("C1"))  # born 2012-01-01, M, WBRI
    ssda903 = _903(tmp_path, "C1,2,01/01/2012,,,,")  # F, no ethnicity
    report = ingest([cin, ssda903], db, la_code=LA)
    assert report.rejections == ()
    assert query("SELECT pers_sex, pers_ethnicity, pers_dob::TEXT FROM ssd_person") == [
        ("F", "WBRI", "2012-01-01")
    ]
    [conflict] = report.conflicts
    assert conflict.field == "pers_sex"
    assert (Path(conflict.kept_source).name, conflict.kept_value) == ("header.csv", "'F'")
    assert (Path(conflict.other_source).name, conflict.other_value) == ("cin_2024.xml", "'M'")
    assert conflict.other_location == "Child[1]"
    assert "later return" in conflict.why
    line = conflict.describe()
    assert "header.csv" in line
    assert "cin_2024.xml" in line
    assert "pers_sex" in line
    assert "C1" not in line


def test_on_the_same_date_the_census_is_preferred(tmp_path: Path, db: Path, query: Query) -> None:
    cin = _cin(tmp_path, child("C1"))
    ssda903 = _903(tmp_path, "C1,1,01/01/2012,WIRI,,,", year=2024)
    report = ingest([ssda903, cin], db, la_code=LA)
    assert query("SELECT pers_ethnicity FROM ssd_person") == [("WBRI",)]
    [conflict] = report.conflicts
    assert (conflict.field, conflict.kept_value, conflict.other_value) == (
        "pers_ethnicity",
        "'WBRI'",
        "'WIRI'",
    )
    assert "cin_census is preferred to ssda903" in conflict.why
    assert _person_counts(report) == {"header.csv": (1, 0, 0, 1), "cin_2024.xml": (1, 1, 0, 0)}


def test_a_duplicate_within_one_return_is_still_rejected(
    tmp_path: Path, db: Path, query: Query
) -> None:
    cin = _cin(tmp_path, child("C1"))
    ssda903 = _903(tmp_path, "C1,1,01/01/2012,WBRI,,,", "C1,1,01/01/2012,WBRI,,,")
    report = ingest([cin, ssda903], db, la_code=LA)
    [rejection] = [r for r in report.rejections if r.table == "ssd_person"]
    assert (Path(rejection.source).name, rejection.row, rejection.reason) == (
        "header.csv",
        2,
        Reason.DUPLICATE_KEY,
    )
    assert "same key" in rejection.message
    assert "row 1" in rejection.message
    assert "cin_2024" not in rejection.message  # the first row is the 903's own
    assert _person_counts(report) == {"cin_2024.xml": (1, 0, 0, 1), "header.csv": (2, 1, 1, 0)}
    assert query("SELECT count(*) FROM ssd_person") == [(1,)]


def test_a_row_with_its_own_problem_is_rejected_and_the_other_loaded(
    tmp_path: Path, db: Path, query: Query
) -> None:
    cin = _cin(tmp_path, child("C1"))
    ssda903 = _903(tmp_path, "C1,1,01/01/2012,XXXX,,,")  # an unknown ethnicity code
    report = ingest([cin, ssda903], db, la_code=LA)
    [rejection] = [r for r in report.rejections if r.table == "ssd_person"]
    assert (Path(rejection.source).name, rejection.reason) == ("header.csv", Reason.UNKNOWN_CODE)
    assert _person_counts(report) == {"cin_2024.xml": (1, 1, 0, 0), "header.csv": (1, 0, 1, 0)}
    assert query("SELECT pers_ethnicity FROM ssd_person") == [("WBRI",)]


def test_a_merge_never_puts_death_before_birth(tmp_path: Path, db: Path, query: Query) -> None:
    """The census's death date does not fit the later 903's date of birth: it is not used."""
    died = child("C1").replace("<Sex>", "<PersonDeathDate>2020-01-01</PersonDeathDate><Sex>")
    cin = _cin(tmp_path, died)  # born 2012-01-01
    ssda903 = _903(tmp_path, "C1,1,01/01/2021,WBRI,,,")
    report = ingest([cin, ssda903], db, la_code=LA)
    assert query("SELECT pers_dob::TEXT, pers_death_date::TEXT FROM ssd_person") == [
        ("2021-01-01", None)
    ]
    fields = {c.field: c for c in report.conflicts}
    assert set(fields) == {"pers_dob", "pers_death_date"}
    assert fields["pers_death_date"].kept_value == "no value"
    assert "could not both be true" in fields["pers_death_date"].why


def test_two_councils_returns_are_not_merged(tmp_path: Path, db: Path) -> None:
    """The merge key includes the council: the same id in another council is another child."""
    cin = _cin(tmp_path, child("C1"))
    folder = _903(tmp_path, "C1,1,01/01/2012,WBRI,,,")
    report = ingest([cin, folder], db, la_code="202")
    assert report.rows_merged == 0
    assert {c.loaded for c in report.counts if c.table == "ssd_person"} == {1}


def test_the_cli_shows_merged_rows_and_writes_the_conflicts(tmp_path: Path) -> None:
    cin = _cin(tmp_path, child("C1"), child("C2"))
    ssda903 = _903(tmp_path, "C1,2,01/01/2012,WBRI,,,")
    db = tmp_path / "out" / "store.duckdb"
    db.parent.mkdir()
    result = CliRunner().invoke(
        build_app(),
        ["ingest", str(cin), str(ssda903), "--db", str(db), "--la-code", LA],
        env={"COLUMNS": "250"},
    )
    assert result.exit_code == 0, result.output
    assert "merged" in result.output
    assert "read = loaded + rejected + merged" in result.output
    assert "warning: ssd_person.pers_sex differs for the same child" in result.output
    assert "C1" not in result.output
    with (db.parent / "store.conflicts.csv").open(encoding="utf-8") as f:
        [written] = list(csv.DictReader(f))
    assert (written["field"], written["kept_value"], written["other_value"]) == (
        "pers_sex",
        "'F'",
        "'M'",
    )
    result = CliRunner().invoke(build_app(), ["ingest", str(cin), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "read = loaded + rejected + merged" not in result.output
    with (db.parent / "store.conflicts.csv").open(encoding="utf-8") as f:
        assert list(csv.DictReader(f)) == []  # the earlier run's list is not left to mislead


def test_the_stored_run_log_counts_merged_rows(tmp_path: Path, db: Path, query: Query) -> None:
    """Per file and table the log reconciles read = loaded + rejected + merged, as the report.

    Census: C1 and C2, each with a referral. 903: C1 twice (the second a duplicate) with one
    episode. The 903's C1 is kept (the later return), the census's merged into it.
    """
    cin = _cin(tmp_path, child("C1"), child("C2"))
    ssda903 = _903(tmp_path, "C1,1,01/01/2012,WBRI,,,", "C1,1,01/01/2012,WBRI,,,")
    ingest([cin, ssda903], db, la_code=LA)
    logged = query(
        "SELECT c.source, c.table_name, c.read, c.loaded, c.rejected, c.merged "
        "FROM (SELECT unnest(counts) AS c FROM csc_ingest_runs)"
    )
    assert sorted((Path(str(s)).name, *rest) for s, *rest in logged) == [
        ("cin_2024.xml", "ssd_cin_episodes", 2, 2, 0, 0),
        ("cin_2024.xml", "ssd_person", 2, 1, 0, 1),
        ("episodes.csv", "ssd_cla_episodes", 1, 1, 0, 0),
        ("episodes.csv", "ssd_cla_placement", 1, 1, 0, 0),
        ("header.csv", "ssd_person", 2, 1, 1, 0),
    ]
    assert query("SELECT rows_read, rows_loaded, rows_rejected FROM csc_ingest_runs") == [(8, 6, 1)]
