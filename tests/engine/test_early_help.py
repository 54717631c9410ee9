"""Early help indicators, worked by hand from seven episodes of six children.

Episodes (id, child, family, start, end, end reason, led by, organisation):
  E5 c4 (none)     2023-03-31 2023-04-01 ESC  BSF       open at 31 Mar 2023 only; FY boundary
  E1 c1 F1         2023-04-03 -          -    BSF       open-ended
  E2 c2 F1         2023-04-20 2023-06-30 NEN  BSF       ends on a month end: closed at 30 Jun
  E3 c3 (FAM9 via  2023-05-31 2023-07-01 OUT  external  School: starts on a month end
        ssd_family)
  E4 c1 F1         2023-06-15 -          -    external  School: c1 open to BSF and external
  E7 c6 F2         2023-06-01 2023-09-15 (none) external Health
  E6 c5 (none)     2024-02-29 -          -    (empty external flag: the council's own) leap day

Open at month end (children / families):
            BSF                   external                 share open to BSF
  Mar 2023  c4 / child:c4 = 1/1   0/0                      1 of 1 = 100%
  Apr 2023  c1 c2 / F1 = 2/1      0/0                      2 of 2 = 100%
  May 2023  c1 c2 / F1 = 2/1      c3 / FAM9 = 1/1          2 of 3
  Jun 2023  c1 / F1 = 1/1         c3 c1 c6 / FAM9 F1 F2    c1 of c1 c3 c6 = 1 of 3
  Jul 2023  c1 / F1 = 1/1         c1 c6 / F1 F2 = 2/2      1 of 2 = 50%
  Feb 2024  c1 c5 / F1 child:c5   c1 / F1 = 1/1            2 of 2 = 100%
Assessments started: Mar 2023 E5; Apr E1 E2; May E3; Jun E4 E7; Feb 2024 E6.
Endings: Apr 2023 E5 (ESC); Jun E2 (NEN); Jul E3 (OUT); Sep E7 (none).
"""

from __future__ import annotations

import pytest
from conftest import TinyStore, d

IDS = [
    "bsf_open_children_count",
    "bsf_open_families_count",
    "eh_external_open_children_count",
    "eh_external_open_families_count",
    "bsf_children_share_pct",
    "eha_started_count",
    "eha_external_pct",
    "eh_closed_not_engaged_pct",
]

EPISODES = [
    ("E5", "c4", None, "2023-03-31", "2023-04-01", "ESC", False, "BSF"),
    ("E1", "c1", "F1", "2023-04-03", None, None, False, "BSF"),
    ("E2", "c2", "F1", "2023-04-20", "2023-06-30", "NEN", False, "BSF"),
    ("E3", "c3", None, "2023-05-31", "2023-07-01", "OUT", True, "School"),
    ("E4", "c1", "F1", "2023-06-15", None, None, True, "School"),
    ("E7", "c6", "F2", "2023-06-01", "2023-09-15", None, True, "Health"),
    ("E6", "c5", None, "2024-02-29", None, None, None, "BSF"),
]


@pytest.fixture
def early_help(store: TinyStore) -> TinyStore:
    store.add(
        "ssd_early_help_episodes",
        *(
            {
                "earl_episode_id": eid,
                "earl_person_id": child,
                "earl_family_id": family,
                "earl_episode_start_date": d(start),
                "earl_episode_end_date": d(end) if end else None,
                "earl_episode_end_reason": reason,
                "earl_episode_external": external,
                "earl_episode_organisation": organisation,
            }
            for eid, child, family, start, end, reason, external, organisation in EPISODES
        ),
    )
    store.add(
        "ssd_family", {"fami_table_id": "1", "fami_family_id": "FAM9", "fami_person_id": "c3"}
    )
    store.add("ssd_person", *({"pers_person_id": f"c{i}"} for i in range(1, 7)))
    store.compute(IDS, "2023-03", "2024-03")
    return store


def snapshot(store: TinyStore, indicator_id: str, month: str) -> float | None:
    return store.value(indicator_id, "snapshot", month)


# month: open BSF children, BSF families, external children, external families
OPEN = {
    "2023-03": (1, 1, 0, 0),
    "2023-04": (2, 1, 0, 0),
    "2023-05": (2, 1, 1, 1),
    "2023-06": (1, 1, 3, 3),
    "2023-07": (1, 1, 2, 2),
    "2024-02": (2, 2, 1, 1),
}


@pytest.mark.parametrize("month", sorted(OPEN))
def test_open_at_month_end(early_help: TinyStore, month: str) -> None:
    counts = tuple(
        snapshot(early_help, ident, month)
        for ident in (
            "bsf_open_children_count",
            "bsf_open_families_count",
            "eh_external_open_children_count",
            "eh_external_open_families_count",
        )
    )
    assert counts == OPEN[month]


def test_open_by_organisation(early_help: TinyStore) -> None:
    school = early_help.row(
        "eh_external_open_children_count", "snapshot", "2023-06", "organisation", "School"
    )
    health = early_help.row(
        "eh_external_open_children_count", "snapshot", "2023-06", "organisation", "Health"
    )
    assert (school["value"], health["value"]) == (2, 1)


def test_share_open_to_bsf(early_help: TinyStore) -> None:
    share = "bsf_children_share_pct"
    row = early_help.row(share, "snapshot", "2023-05")
    assert (row["numerator"], row["denominator"]) == (2, 3)
    assert row["value"] == pytest.approx(200 / 3)
    # c1 is open to both: one child in the denominator and in the numerator.
    row = early_help.row(share, "snapshot", "2023-06")
    assert (row["numerator"], row["denominator"]) == (1, 3)
    assert snapshot(early_help, share, "2023-07") == 50.0
    assert snapshot(early_help, share, "2024-02") == 100.0


def test_assessments_started(early_help: TinyStore) -> None:
    started = "eha_started_count"
    assert early_help.value(started, "month", "2023-03") == 1
    assert early_help.value(started, "month", "2023-06") == 2
    assert early_help.value(started, "month", "2023-08") == 0
    # Apr-Jun 2023: E1 E2 E3 E4 E7; c1's two assessments both count.
    assert early_help.value(started, "quarter", "2023-06") == 5
    assert early_help.value(started, "ytd", "2023-06") == 5
    # 2023-24: E5 on 31 March 2023 belongs to the year before; E6 on the leap day is in.
    assert early_help.value(started, "fy", "2024-03") == 6
    external = "eha_external_pct"
    row = early_help.row(external, "quarter", "2023-06")
    assert (row["numerator"], row["denominator"], row["value"]) == (3, 5, 60.0)
    assert early_help.value(external, "fy", "2024-03") == 50.0
    # E6 has no external flag: the council's own.
    assert early_help.value(external, "month", "2024-02") == 0.0
    assert early_help.value(external, "month", "2023-08") is None


def test_closed_not_engaged(early_help: TinyStore) -> None:
    closed = "eh_closed_not_engaged_pct"
    # Apr 2023-Mar 2024: E5 E2 E3 E7 ended, E2 for non-engagement.
    row = early_help.row(closed, "rolling_12m", "2024-03")
    assert (row["numerator"], row["denominator"], row["value"]) == (1, 4, 25.0)
    assert early_help.value(closed, "quarter", "2023-06") == 50.0
    # E7 has no end reason recorded: in the denominator, not the numerator.
    assert early_help.value(closed, "quarter", "2023-09") == 0.0
    assert early_help.value(closed, "month", "2023-05") is None
    by_lead = early_help.row(closed, "rolling_12m", "2024-03", "external", "true")
    assert (by_lead["numerator"], by_lead["denominator"]) == (0, 2)
