"""A 903 placement type used outside the years it applies to is refused, located in the return.

K3 is a placement type from 2024-25 (reporting year 2025): an episode placing a child in K3
before April 2024 is refused, one from April 2024 is loaded. Ids are synthetic.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from csc_scorecard.ingest import Reason, ingest

Write = Callable[..., Path]
Query = Callable[[str], list[tuple[object, ...]]]
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
)


def test_k3_before_2024_25_is_refused_naming_the_code_and_year(
    write: Write, db: Path, query: Query
) -> None:
    write("header.csv", "CHILD,SEX,DOB,ETHNIC", "C1,1,01/05/2010,WBRI", "C2,2,01/06/2011,WBRI")
    folder = write(
        "episodes.csv",
        EPISODES,
        "C1,10/01/2024,S,C1,N1,K3,PR1,,,,,,",
        "C2,10/04/2024,S,C1,N1,K3,PR1,,,,,,",
    ).parent
    report = ingest([folder], db, la_code="201")

    [refused] = [x for x in report.rejections if x.table == "ssd_cla_placement"]
    assert (Path(refused.source).name, refused.row, refused.reason) == (
        "episodes.csv",
        1,
        Reason.UNKNOWN_CODE,
    )
    assert refused.message == "placement type 'K3' is valid from 2024-25 (this row is 2023-24)"
    assert refused.field == "clap_cla_placement_type"
    assert query("SELECT clap_person_id, clap_cla_placement_type FROM ssd_cla_placement") == [
        ("C2", "K3")
    ]
    assert query("SELECT COUNT(*) FROM ssd_cla_episodes") == [(2,)]
