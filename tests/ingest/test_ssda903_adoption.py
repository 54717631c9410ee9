"""SSDA903 adoption: one permanence row per child and decision, whichever files hold it.

AD1 (children adopted) and PlacedAdoption both give the date of the decision that the child
should be placed for adoption (DATE_INT, DATE_PLACED). The reader joins them on the child and
that date: the AD1 row is loaded with the PlacedAdoption row's fields, and the PlacedAdoption
row is reported as merged into it, so each file's rows still reconcile. Ids are synthetic.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from csc_scorecard.ingest import Reason, ingest
from csc_scorecard.ingest.report import IngestReport

Write = Callable[..., Path]
Query = Callable[[str], list[tuple[object, ...]]]
HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
)
AD1 = "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR"
PLACED = "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED"
PERMANENCE = (
    "SELECT perm_person_id, perm_adm_decision_date::TEXT, perm_matched_date::TEXT, "
    "perm_decision_reversed_date::TEXT, perm_decision_reversed_reason, "
    "perm_placed_for_adoption_date::TEXT, perm_permanence_order_date::TEXT "
    "FROM ssd_permanence ORDER BY 1, 2"
)


def _counts(report: IngestReport, table: str) -> dict[str, tuple[int, int, int]]:
    """(read, loaded, rejected) of ``table`` by source file name."""
    return {
        Path(c.source).name: (c.read, c.loaded, c.rejected)
        for c in report.counts
        if c.table == table
    }


def test_a_decision_in_both_files_is_one_row_with_both_files_fields(
    write: Write, db: Path, query: Query
) -> None:
    """C1: a decision reversed in 2022, then one that ended in adoption (in AD1 and
    PlacedAdoption); C2: a decision in PlacedAdoption only; C3: one in AD1 only."""
    write(
        "header.csv",
        HEADER,
        "C1,1,01/05/2019,WBRI,,,",
        "C2,2,01/06/2020,WBRI,,,",
        "C3,1,01/07/2018,WBRI,,,",
    )
    write(
        "episodes.csv",
        EPISODES,
        "C1,01/01/2021,S,C2,N1,U6,PR1,01/09/2022,X1,,,,",
        "C1,01/09/2022,U,E1,N1,A6,PR1,15/03/2023,E11,,,,",
        "C2,01/02/2022,S,C1,N1,U6,PR1,,,,,,",
        "C3,01/03/2020,S,C2,N1,U4,PR1,10/01/2023,E12,,,,",
    )
    write(
        "ad1.csv",
        AD1,
        "C1,01/05/2019,01/06/2022,15/08/2022,0,1,M,L0",
        "C3,01/07/2018,01/03/2021,01/06/2021,1,2,MF,L11",
    )
    folder = write(
        "placed_adoption.csv",
        PLACED,
        "C1,01/05/2019,01/03/2021,01/01/2022,RD1",
        "C1,01/05/2019,01/06/2022,,",
        "C2,01/06/2020,01/05/2022,01/02/2023,RD4",
    ).parent
    report = ingest([folder], db, la_code="201")

    assert query(PERMANENCE) == [
        # The reversed decision keeps none of the adoption that followed a later decision.
        ("C1", "2021-03-01", None, "2022-01-01", "RD1", None, None),
        # AD1's matched date; placed (A6) and adopted (E11) from the episodes after it.
        ("C1", "2022-06-01", "2022-08-15", None, None, "2022-09-01", "2023-03-15"),
        ("C2", "2022-05-01", None, "2023-02-01", "RD4", None, None),
        ("C3", "2021-03-01", "2021-06-01", None, None, None, "2023-01-10"),
    ]
    [merged] = [x for x in report.rejections if x.table == "ssd_permanence"]
    assert (Path(merged.source).name, merged.row, merged.field, merged.reason) == (
        "placed_adoption.csv",
        2,
        "DATE_PLACED",
        Reason.DUPLICATE_KEY,
    )
    assert "AD1 row 1 of ad1.csv" in merged.message and "C1" not in merged.message
    assert _counts(report, "ssd_permanence") == {
        "ad1.csv": (2, 2, 0),
        "placed_adoption.csv": (3, 2, 1),
    }
    assert report.rows_read == report.rows_loaded + report.rows_rejected


@pytest.mark.parametrize("placed_again_in_2023", [False, True])
def test_a_decision_returned_in_earlier_years_merges_into_the_adoption_return(
    write: Write, db: Path, query: Query, placed_again_in_2023: bool
) -> None:
    """The 2022 return holds the open decision; the 2023 return the adoption (AD1), and
    perhaps the decision again. The latest PlacedAdoption row merges into the AD1 row."""
    write("header.csv", HEADER, "C1,1,01/05/2019,WBRI,,,", folder="in/2022")
    write("episodes.csv", EPISODES, "C1,01/01/2021,S,C2,N1,U6,PR1,,,,,,", folder="in/2022")
    write("placed_adoption.csv", PLACED, "C1,01/05/2019,01/06/2021,,", folder="in/2022")
    write("header.csv", HEADER, "C1,1,01/05/2019,WBRI,,,", folder="in/2023")
    write(
        "episodes.csv",
        EPISODES,
        "C1,01/01/2021,S,C2,N1,U6,PR1,01/09/2021,X1,,,,",
        "C1,01/09/2021,U,E1,N1,A6,PR1,15/03/2023,E11,,,,",
        folder="in/2023",
    )
    write("ad1.csv", AD1, "C1,01/05/2019,01/06/2021,01/08/2021,0,1,M,L0", folder="in/2023")
    if placed_again_in_2023:
        write("placed_adoption.csv", PLACED, "C1,01/05/2019,01/06/2021,,", folder="in/2023")
    report = ingest([Path(write("x.txt", "").parent)], db, la_code="201")

    assert query(PERMANENCE) == [
        ("C1", "2021-06-01", "2021-08-01", None, None, "2021-09-01", "2023-03-15")
    ]
    permanence = [x for x in report.rejections if x.table == "ssd_permanence"]
    by_year = {Path(x.source).parent.name: x.message for x in permanence}
    if placed_again_in_2023:
        assert "superseded" in by_year["2022"]
        assert "AD1 row 1 of ad1.csv" in by_year["2023"]
    else:
        assert list(by_year) == ["2022"] and "AD1 row 1 of ad1.csv" in by_year["2022"]
    assert all(x.reason is Reason.DUPLICATE_KEY for x in permanence)
    assert report.rows_read == report.rows_loaded + report.rows_rejected


def test_a_second_copy_in_one_file_is_still_a_duplicate(
    write: Write, db: Path, query: Query
) -> None:
    """One AD1 row pairs with one PlacedAdoption row; the copy left over is the validator's."""
    write("header.csv", HEADER, "C1,1,01/05/2019,WBRI,,,")
    write("ad1.csv", AD1, "C1,01/05/2019,01/06/2021,01/08/2021,0,1,M,L0")
    folder = write(
        "placed_adoption.csv",
        PLACED,
        "C1,01/05/2019,01/06/2021,,",
        "C1,01/05/2019,01/06/2021,,",
    ).parent
    report = ingest([folder], db, la_code="201")

    assert query("SELECT COUNT(*) FROM ssd_permanence") == [(1,)]
    found = sorted((x.row, x.reason, x.message[:22]) for x in report.rejections)
    assert found == [
        (1, Reason.DUPLICATE_KEY, "the same child and ado"),
        (2, Reason.DUPLICATE_KEY, "same key (la_code, per"),
    ]
    assert _counts(report, "ssd_permanence") == {
        "ad1.csv": (1, 1, 0),
        "placed_adoption.csv": (2, 0, 2),
    }
