"""Missing and away episodes and return home interviews, worked by hand.

Care (SSDA903 episodes; placements with distance from home):
  P  C2 from 2023-01-01, open, team North; placed 25 miles away.
  Q  C2 2023-06-01 to 2024-01-15 (E4A), team North; placed 5 miles away.
  R  V4 short break from 2023-01-01: not looked after for these measures.
  S  never looked after.
  T  C2 from 2024-02-01, open, team South; placement distance not recorded.
  U  C2 from 2023-05-01, open, team South; never missing.
Episodes (type, start, end, hours, RHI offered date, accepted):
  m8 Q M 2023-12-31 -> 2024-01-01  11.5h  offered 2024-01-05 (4 days: late)  no
  m4 Q M 2024-01-15 -> 2024-01-16  12h    offered, no date                   no
        (Q's care ceased on 2024-01-15: not looked after at the start)
  m1 P M 2024-01-31 -> 2024-02-01  20h    offered 2024-02-04 (3 days: in time) yes
  m2 P M 2024-02-01 -> 2024-02-01  6h     offered 2024-02-05 (4 days: late)  no
  m3 P A 2024-02-10 -> 2024-02-10  3h     (away, not missing)
  m7 T M 2024-02-01 -> 2024-02-02  2h     offered 2024-02-03                 yes
        (T's first day in care counts as looked after)
  m5 R M 2024-02-20 -> 2024-02-21  30h    not offered
  m6 S M 2024-03-31 -> still missing, hours unknown

Missing episodes (M, by start): Dec 1 (m8); Jan 2 (m1 m4); Feb 3 (m2 m5 m7); Mar 1 (m6);
  Jan-Mar 6; FY 2023-24 7. Children: Feb P R T = 3; Jan-Mar P Q R S T = 5; FY 5.
In care at the start: m8 m1 m2 m7 -> Dec 1, Jan 1, Feb 2, FY 4; children FY P Q T = 3
  (North P Q, South T). Placed over 20 miles: m1 m2 (P) -> FY 2 episodes, 1 child.
Looked after during the period (R excluded): FY P Q T U = 4, missing P Q T = 75%, away P = 25%;
  Dec P Q U, missing Q = 1/3; Jan P Q U, missing P (m4 not in care) = 1/3; Feb P T U, missing
  P T = 2/3, away P = 1/3.
RHI (M, by return date): Jan returns m8 m4 (Q): offered 1/1, in 72h 0/1, engaged 0/1.
  Feb returns m1 m2 (P) m7 (T) m5 (R): offered P T = 2/3; of P T in 72h P (m1) T = 2/2;
  engaged P T = 2/2. Jan-Mar: offered Q P T of Q P R T = 3/4, in 72h P T = 2/3, engaged 2/3.
Under 12 hours (M with hours, by start): Dec m8 1/1; Jan m1 m4 (12h is not under) 0/2;
  Feb m2 m7 of m2 m5 m7 = 2/3; Mar m6 has no hours: no figure; Jan-Mar 2/5.
"""

from __future__ import annotations

import pytest
from conftest import TinyStore, d

IDS = [
    "cla_missing_pct",
    "cla_away_pct",
    "missing_episodes_count",
    "missing_children_count",
    "cic_missing_episodes_count",
    "cic_missing_children_count",
    "cic_missing_20miles_episodes_count",
    "cic_missing_20miles_children_count",
    "rhi_offered_pct",
    "rhi_offered_72h_pct",
    "rhi_engaged_pct",
    "missing_under_12h_pct",
]


@pytest.fixture
def missing(store: TinyStore) -> TinyStore:
    care = [
        ("P", "2023-01-01", None, None, "C2", "North"),
        ("Q", "2023-06-01", "2024-01-15", "E4A", "C2", "North"),
        ("R", "2023-01-01", None, None, "V4", "South"),
        ("T", "2024-02-01", None, None, "C2", "South"),
        ("U", "2023-05-01", None, None, "C2", "South"),
    ]
    store.add(
        "ssd_cla_episodes",
        *(
            {
                "clae_cla_episode_id": f"E{child}",
                "clae_person_id": child,
                "clae_cla_episode_start_date": d(start),
                "clae_cla_episode_ceased_date": d(end) if end else None,
                "clae_cla_episode_start_reason": "S",
                "clae_cla_episode_ceased_reason": rec,
                "clae_cla_legal_status": legal,
                "clae_cla_team": team,
            }
            for child, start, end, rec, legal, team in care
        ),
    )
    placements = [
        ("P", "2023-01-01", None, 25),
        ("Q", "2023-06-01", "2024-01-15", 5),
        ("T", "2024-02-01", None, None),
    ]
    store.add(
        "ssd_cla_placement",
        *(
            {
                "clap_cla_placement_id": f"PL{child}",
                "clap_person_id": child,
                "clap_cla_placement_start_date": d(start),
                "clap_cla_placement_end_date": d(end) if end else None,
                "clap_cla_placement_type": "U4",
                "clap_cla_placement_distance": miles,
            }
            for child, start, end, miles in placements
        ),
    )
    episodes = [
        ("m8", "Q", "M", "2023-12-31", "2024-01-01", 11.5, True, "2024-01-05", False),
        ("m4", "Q", "M", "2024-01-15", "2024-01-16", 12, True, None, False),
        ("m1", "P", "M", "2024-01-31", "2024-02-01", 20, True, "2024-02-04", True),
        ("m2", "P", "M", "2024-02-01", "2024-02-01", 6, True, "2024-02-05", False),
        ("m3", "P", "A", "2024-02-10", "2024-02-10", 3, None, None, None),
        ("m7", "T", "M", "2024-02-01", "2024-02-02", 2, True, "2024-02-03", True),
        ("m5", "R", "M", "2024-02-20", "2024-02-21", 30, False, None, None),
        ("m6", "S", "M", "2024-03-31", None, None, None, None, None),
    ]
    store.add(
        "ssd_missing",
        *(
            {
                "miss_table_id": eid,
                "miss_person_id": child,
                "miss_missing_episode_type": kind,
                "miss_missing_episode_start_date": d(start),
                "miss_missing_episode_end_date": d(end) if end else None,
                "miss_missing_episode_hours": hours,
                "miss_missing_rhi_offered": offered,
                "miss_missing_rhi_offered_date": d(offered_on) if offered_on else None,
                "miss_missing_rhi_accepted": accepted,
            }
            for eid, child, kind, start, end, hours, offered, offered_on, accepted in episodes
        ),
    )
    store.add(
        "ssd_department",
        {"dept_team_id": "T1", "dept_team_name": "North", "dept_team_parent_name": "CiC"},
        {"dept_team_id": "T2", "dept_team_name": "South", "dept_team_parent_name": "CiC"},
    )
    store.add("ssd_person", *({"pers_person_id": c} for c in "PQRSTU"))
    store.compute(IDS, "2023-04", "2024-03")
    return store


def figures(s: TinyStore, indicator_id: str, kind: str, month: str) -> tuple[float, float, float]:
    row = s.row(indicator_id, kind, month)
    return row["numerator"], row["denominator"], row["value"]


def test_missing_episode_and_children_counts(missing: TinyStore) -> None:
    assert missing.value("missing_episodes_count", "month", "2023-12") == 1
    assert missing.value("missing_episodes_count", "month", "2024-01") == 2
    # Away episode m3 is not a missing episode.
    assert missing.value("missing_episodes_count", "month", "2024-02") == 3
    assert missing.value("missing_episodes_count", "quarter", "2024-03") == 6
    assert missing.value("missing_episodes_count", "fy", "2024-03") == 7
    assert missing.value("missing_children_count", "month", "2024-02") == 3
    assert missing.value("missing_children_count", "quarter", "2024-03") == 5
    # Q went missing twice in the year and counts once.
    assert missing.value("missing_children_count", "fy", "2024-03") == 5
    assert missing.value("missing_episodes_count", "month", "2023-11") == 0


def test_children_in_care_missing(missing: TinyStore) -> None:
    # m4 began the day Q's care ceased; m5 is R's short break; m7 is T's first day in care.
    assert missing.value("cic_missing_episodes_count", "month", "2023-12") == 1
    assert missing.value("cic_missing_episodes_count", "month", "2024-01") == 1
    assert missing.value("cic_missing_episodes_count", "month", "2024-02") == 2
    assert missing.value("cic_missing_episodes_count", "fy", "2024-03") == 4
    assert missing.value("cic_missing_children_count", "month", "2024-01") == 1
    assert missing.value("cic_missing_children_count", "fy", "2024-03") == 3
    north = missing.row("cic_missing_children_count", "fy", "2024-03", "team", "North")
    south = missing.row("cic_missing_children_count", "fy", "2024-03", "team", "South")
    assert (north["value"], south["value"]) == (2, 1)
    # Only P's placement is over 20 miles; T's distance is unknown, Q's is 5 miles.
    assert missing.value("cic_missing_20miles_episodes_count", "fy", "2024-03") == 2
    assert missing.value("cic_missing_20miles_episodes_count", "month", "2024-01") == 1
    assert missing.value("cic_missing_20miles_children_count", "fy", "2024-03") == 1
    assert missing.value("cic_missing_20miles_children_count", "month", "2023-12") == 0


def test_children_looked_after_missing_or_away(missing: TinyStore) -> None:
    assert figures(missing, "cla_missing_pct", "fy", "2024-03") == (3, 4, 75.0)
    assert figures(missing, "cla_away_pct", "fy", "2024-03") == (1, 4, 25.0)
    num, den, value = figures(missing, "cla_missing_pct", "month", "2024-01")
    assert (num, den) == (1, 3)
    assert value == pytest.approx(100 / 3)
    assert figures(missing, "cla_missing_pct", "month", "2023-12")[:2] == (1, 3)
    assert figures(missing, "cla_missing_pct", "month", "2024-02")[:2] == (2, 3)
    assert figures(missing, "cla_away_pct", "month", "2024-02")[:2] == (1, 3)
    # Six months Oct-Mar: P Q T U looked after; P Q T missing.
    assert figures(missing, "cla_missing_pct", "rolling_6m", "2024-03") == (3, 4, 75.0)


def test_return_home_interviews(missing: TinyStore) -> None:
    assert figures(missing, "rhi_offered_pct", "month", "2024-01") == (1, 1, 100.0)
    assert figures(missing, "rhi_offered_72h_pct", "month", "2024-01") == (0, 1, 0.0)
    assert figures(missing, "rhi_engaged_pct", "month", "2024-01") == (0, 1, 0.0)
    num, den, value = figures(missing, "rhi_offered_pct", "month", "2024-02")
    assert (num, den) == (2, 3)
    assert value == pytest.approx(100 * 2 / 3)
    # P's offer 3 days after the return is in time, so P counts though m2's offer was late.
    assert figures(missing, "rhi_offered_72h_pct", "month", "2024-02") == (2, 2, 100.0)
    assert figures(missing, "rhi_engaged_pct", "month", "2024-02") == (2, 2, 100.0)
    assert figures(missing, "rhi_offered_pct", "quarter", "2024-03") == (3, 4, 75.0)
    assert figures(missing, "rhi_offered_72h_pct", "quarter", "2024-03")[:2] == (2, 3)
    assert figures(missing, "rhi_engaged_pct", "quarter", "2024-03")[:2] == (2, 3)
    # m6 has not returned: March has no returns and no figure.
    assert missing.value("rhi_offered_pct", "month", "2024-03") is None


def test_missing_under_12_hours(missing: TinyStore) -> None:
    assert figures(missing, "missing_under_12h_pct", "month", "2023-12") == (1, 1, 100.0)
    # Exactly 12 hours is not under 12 hours.
    assert figures(missing, "missing_under_12h_pct", "month", "2024-01") == (0, 2, 0.0)
    assert figures(missing, "missing_under_12h_pct", "month", "2024-02")[:2] == (2, 3)
    assert missing.value("missing_under_12h_pct", "month", "2024-03") is None
    assert figures(missing, "missing_under_12h_pct", "quarter", "2024-03") == (2, 5, 40.0)
