"""The SSDA903 reader: hand-made 903 tables (synthetic ids C1, C2), mistakes, years, the sample."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from csc_scorecard.ingest import Reason, ingest
from csc_scorecard.ingest.ssda903 import Ssda903Reader
from csc_scorecard.ingest.ssda903_files import collection_year

Write = Callable[..., Path]
Query = Callable[[str], list[tuple[object, ...]]]
HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
)
SAMPLE = Path(__file__).parents[2] / ".." / "shared" / "reference" / "samples" / "ssda903_fake_2018"


def _return(write: Write, folder: str = "in") -> Path:
    """A small, valid 2024 return: two children, three episodes, one placement change."""
    write("header.csv", HEADER, "C1,1,01/05/2010,WBRI,,,", "C2,2,29/02/2008,MWBC,,,", folder=folder)
    write(
        "episodes.csv",
        EPISODES,
        "C1,10/04/2023,S,V2,N1,U6,PR1,01/06/2023,X1,,,,",
        "C1,01/06/2023,L,C1,N1,U6,PR1,15/09/2023,X1,CARPL,,,",
        "C1,15/09/2023,P,C1,N1,K2,PR4,,,,,,",
        "C2,01/01/2024,S,V2,N4,U4,PR1,20/02/2024,E4A,,,,",
        folder=folder,
    )
    write(
        "reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE", "C1,01/05/2010,05/05/2023,PN1", folder=folder
    )
    write(
        "missing.csv",
        "CHILD,DOB,MISSING,MIS_START,MIS_END",
        "C1,01/05/2010,M,01/07/2023,02/07/2023",
        folder=folder,
    )
    write("uasc.csv", "CHILD,SEX,DOB,DUC", "C2,2,29/02/2008,28/02/2026", folder=folder)
    write(
        "oc2.csv",
        "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,"
        "HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
        "C1,01/05/2010,,SDQ1,0,,1,1,0,0,,",
        folder=folder,
    )
    write("oc3.csv", "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM", "C2,29/02/2008,YES,F2,D1", folder=folder)
    return (write("ad1.csv", "CHILD,DOB,DATE_INT,DATE_MATCH", folder=folder)).parent


def test_a_valid_return_loads_every_table(write: Write, db: Path, query: Query) -> None:
    report = ingest([_return(write)], db, la_code="201")
    assert report.rejections == ()
    loaded = {c.table: c.loaded for c in report.counts}
    assert loaded == {
        "ssd_person": 2,
        "ssd_cla_episodes": 4,
        "ssd_cla_placement": 3,
        "ssd_cla_reviews": 1,
        "ssd_missing": 1,
        "ssd_immigration_status": 1,
        "ssd_cla_health": 2,
        "ssd_care_leavers": 1,
    }
    assert query("SELECT pers_person_id, pers_sex FROM ssd_person ORDER BY 1") == [
        ("C1", "M"),
        ("C2", "F"),
    ]


def test_placements_join_legal_status_changes_only(write: Write, db: Path, query: Query) -> None:
    ingest([_return(write)], db, la_code="201")
    rows = query(
        "SELECT clap_cla_placement_start_date::TEXT, clap_cla_placement_end_date::TEXT, "
        "clap_cla_placement_type, clap_cla_placement_change_reason FROM ssd_cla_placement "
        "WHERE clap_person_id = 'C1' ORDER BY 1"
    )
    assert rows == [("2023-04-10", "2023-09-15", "U6", "CARPL"), ("2023-09-15", None, "K2", None)]
    [(periods, entered)] = query(
        "SELECT COUNT(DISTINCT clae_cla_id), MIN(clae_entered_care_date)::TEXT "
        "FROM ssd_cla_episodes WHERE clae_person_id = 'C1'"
    )
    assert (periods, entered) == (1, "2023-04-10")


def test_oc2_oc3_and_uasc_are_dated_as_recorded(write: Write, db: Path, query: Query) -> None:
    ingest([_return(write)], db, la_code="201")
    assert query(
        "SELECT clah_health_check_type, clah_health_check_status, clah_health_check_date::TEXT "
        "FROM ssd_cla_health ORDER BY 1"
    ) == [("DENTAL", "C", "2024-03-31"), ("RHA", "O", None)]
    # Born 29 February: in 2023-24 the birthday is 29 February 2024 (a leap year).
    assert query(
        "SELECT clea_care_leaver_latest_contact::TEXT, clea_care_leaver_accommodation, "
        "clea_care_leaver_accom_suitable FROM ssd_care_leavers"
    ) == [("2024-02-29", "D", True)]
    assert query(
        "SELECT immi_immigration_status_start_date::TEXT, immi_immigration_status_end_date::TEXT "
        "FROM ssd_immigration_status"
    ) == [("2024-01-01", "2026-02-28")]


def test_without_la_code_one_clear_rejection(write: Write, db: Path) -> None:
    report = ingest([_return(write)], db, format="ssda903")
    [rejection] = report.rejections
    assert "--la-code" in rejection.message and rejection.row is None
    assert report.counts == ()


@pytest.mark.parametrize(
    ("line", "field", "reason"),
    [
        (
            "C3,31/02/2024,S,C1,N1,U6,PR1,,,,,,",
            "clae_cla_episode_start_date",
            Reason.IMPOSSIBLE_DATE,
        ),
        ("C3,2024/01/05,S,C1,N1,U6,PR1,,,,,,", "clae_cla_episode_start_date", Reason.WRONG_TYPE),
        (
            "C3,05/01/2024,,C1,N1,U6,PR1,,,,,,",
            "clae_cla_episode_start_reason",
            Reason.MISSING_VALUE,
        ),
        ("C3,05/01/2024,S,Q9,N1,U6,PR1,,,,,,", "clae_cla_legal_status", Reason.UNKNOWN_CODE),
        (
            "C3,05/01/2024,S,C1,N1,U6,PR1,01/01/2024,E8,,,,",
            "clae_cla_episode_ceased_date",
            Reason.END_BEFORE_START,
        ),
    ],
)
def test_episode_mistakes_are_rejected_with_row_and_field(
    write: Write, db: Path, line: str, field: str, reason: Reason
) -> None:
    folder = _return(write)
    write(
        "header.csv",
        HEADER,
        "C1,1,01/05/2010,WBRI,,,",
        "C2,2,29/02/2008,MWBC,,,",
        "C3,1,01/01/2012,WBRI,,,",
    )
    with (folder / "episodes.csv").open("a", encoding="utf-8") as f:
        f.write(line + "\n")
    report = ingest([folder], db, la_code="201")
    bad = [x for x in report.rejections if x.table == "ssd_cla_episodes"]
    assert [(x.row, x.field, x.reason) for x in bad] == [(5, field, reason)]
    assert all("C3" not in x.message for x in report.rejections)


def test_duplicate_children_and_unknown_codes(write: Write, db: Path) -> None:
    folder = _return(write)
    write(
        "header.csv",
        HEADER,
        "C1,1,01/05/2010,WBRI,,,",
        "C2,7,29/02/2008,MWBC,,,",
        "C1,1,01/05/2010,WBRI,,,",
    )
    write("oc2.csv", "CHILD,DOB,TEETH_CHECK,HEALTH_ASSESSMENT", "C1,01/05/2010,2,")
    report = ingest([folder], db, la_code="201")
    found = {(x.table, x.row, x.field, x.reason) for x in report.rejections}
    assert ("ssd_person", 3, "pers_person_id", Reason.DUPLICATE_KEY) in found
    assert ("ssd_person", 2, "pers_sex", Reason.UNKNOWN_CODE) in found
    assert ("ssd_cla_health", 1, "TEETH_CHECK", Reason.UNKNOWN_CODE) in found
    assert ("ssd_cla_health", 1, "HEALTH_ASSESSMENT", Reason.MISSING_VALUE) in found


def test_ragged_rows_are_rejected_one_by_one(write: Write, db: Path) -> None:
    folder = _return(write)
    write(
        "reviews.csv",
        "CHILD,DOB,REVIEW,REVIEW_CODE",
        "C1,01/05/2010,05/05/2023,PN1",
        "C1,01/05/2010",
        "C1,01/05/2010,06/06/2023,PN1,X",
        "C1,01/05/2010,07/07/2023,PN2",
    )
    report = ingest([folder], db, la_code="201")
    ragged = [x for x in report.rejections if x.reason is Reason.MALFORMED_FILE]
    assert [(x.row, x.table) for x in ragged] == [(2, "reviews"), (3, "reviews")]
    [reviews] = [c for c in report.counts if c.table == "ssd_cla_reviews"]
    assert (reviews.loaded, reviews.rejected) == (2, 0)


def test_files_it_cannot_use_are_reported(write: Write, db: Path) -> None:
    folder = _return(write)
    write("episodes_2024.csv", "CHILD,DECOM,LS,PLACE")  # no RNE: named like episodes
    write("notes.csv", "CHILD,COMMENT", "C1,hello")
    report = ingest([folder], db, la_code="201")
    file_level = {(Path(x.source).name, x.reason) for x in report.rejections if x.row is None}
    assert file_level == {
        ("notes.csv", Reason.UNSUPPORTED_FORMAT),
        ("episodes_2024.csv", Reason.MALFORMED_FILE),
    }


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("2018/episodes.csv", 2018),
        ("Episodes 2017-18.csv", 2018),
        ("x_2022_2023/oc3.csv", 2023),
        ("header.csv", None),
    ],
)
def test_collection_year_from_names(tmp_path: Path, name: str, year: int | None) -> None:
    assert collection_year(tmp_path / name, tmp_path) == year


def test_later_return_wins_and_open_episode_closes(write: Write, db: Path, query: Query) -> None:
    _return(write, "in/2024")
    write("header.csv", HEADER, "C1,1,01/05/2010,WBRI,,,", folder="in/2025")
    write(
        "episodes.csv",
        EPISODES,
        "C1,15/09/2023,P,C1,N1,K2,PR4,01/05/2024,E4A,,,,",
        folder="in/2025",
    )
    report = ingest([write("x.txt", "").parent.parent / "in"], db, la_code="201")
    superseded = [x for x in report.rejections if x.reason is Reason.DUPLICATE_KEY]
    assert sorted((x.table, Path(x.source).parent.name) for x in superseded) == [
        ("ssd_cla_episodes", "2024"),
        ("ssd_person", "2024"),
    ]
    assert query(
        "SELECT clae_cla_episode_ceased_date::TEXT, clae_cla_episode_ceased_reason "
        "FROM ssd_cla_episodes WHERE clae_cla_episode_start_date = DATE '2023-09-15'"
    ) == [("2024-05-01", "E4A")]
    assert query("SELECT COUNT(*) FROM ssd_cla_placement WHERE clap_person_id = 'C1'") == [(2,)]
    assert report.rows_read == report.rows_loaded + report.rows_rejected


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="shared SSDA903 sample not beside the checkout")
def test_the_sample_return_reconciles(db: Path, query: Query) -> None:
    report = ingest([SAMPLE.resolve()], db, la_code="201")
    per_file = Counter[str]()
    for c in report.counts:
        assert c.read == c.loaded + c.rejected
        if c.table != "ssd_cla_placement":
            per_file[Path(c.source).name] += c.read
    assert per_file["episodes.csv"] == 5050
    assert per_file["header.csv"] == 2675
    assert per_file["reviews.csv"] == 12582
    assert per_file["oc2.csv"] == 2 * 2675  # one RHA and one dental row per child
    # First sample child: female, born 27/03/2008, WROM; first episode 15/02/2016, L, C2.
    assert query(
        "SELECT pers_sex, pers_dob::TEXT, pers_ethnicity FROM ssd_person "
        "WHERE pers_person_id = '566910'"
    ) == [("F", "2008-03-27", "WROM")]
    assert query(
        "SELECT clae_cla_episode_start_reason, clae_cla_legal_status, "
        "clae_cla_episode_ceased_date::TEXT FROM ssd_cla_episodes WHERE clae_person_id = '566910' "
        "ORDER BY clae_cla_episode_start_date"
    ) == [("L", "C2", "2017-08-14"), ("T", "C2", None)]
    assert any("PREV_PERM" in n.message for n in report.notes)


def test_detect(write: Write, tmp_path: Path) -> None:
    folder = _return(write)
    assert Ssda903Reader().detect(folder)
    assert Ssda903Reader().detect(folder / "header.csv")
    plain = write("ssd_person.csv", "la_code,pers_person_id", folder="other")
    assert not Ssda903Reader().detect(plain.parent)
