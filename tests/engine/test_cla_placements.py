"""Placements and adoption, worked by hand.

Episodes (child, dob; episode: start RNE legal status placement; '->' end, all ends X1):
  P 2010-01-01: 2022-01-01 S C2 -> 2023-05-01; 2023-05-01 P -> 2023-09-01; 2023-09-01 L (legal
    status only) -> 2023-12-01; 2023-12-01 T into T3 (temporary) -> 2023-12-05; 2023-12-05 P
    (placement 25 miles away in ZZ9) open
  Q 2012-01-01: 2023-03-31 S V2 -> 2024-02-01; 2024-02-01 P (25 miles, in this council) open
  R 2011-01-01: 2023-04-01 S C1 -> 2023-06-01; 2023-06-01 U C2 -> 2024-03-31; 2024-03-31 P
    (exactly 20 miles, ZZ1) open
  T 2012-01-01: 2023-01-01 S C2 -> 2024-02-29; 2024-02-29 P (distance not known, ZZ2) ->
    2024-09-01; 2024-09-01 P open
  U 2010-05-05: 2021-09-30 S C2 -> 2022-03-31; 2022-03-31 P open
  V 2012-01-01: 2021-10-01 S C2 open
  W 2008-03-31 (16 on 31 Mar 2024): 2020-01-01 S C2 open
  X 2011-06-06: 2020-01-01 S C2 (foster) -> 2023-06-01; 2023-06-01 B E1 A5 (placed for
    adoption with the same carers) open
  Y 2012-02-02: 2020-01-01 S C2 -> 2023-01-01; 2023-01-01 P open
  Z 2015-01-01: 2023-01-01 S C2 P1 (placed with parents, full care order) open
  Z2 2015-01-01: 2023-01-01 S C1 P1 (interim care order) open
  S short breaks: 2023-06-01 S V3 -> 2023-06-03; 2023-08-01 S V4 open (excluded)
Looked after at 31 Mar 2024: P Q R T U V W X Y Z Z2 = 11 (S excluded).
Placements in the year 1 Apr 2023 - 31 Mar 2024 (open on 1 Apr + new S/P/T/U/B episodes):
  P 1 + P(May) + P(Dec) = 3 (L is not a move, T3 is temporary); Q 1 + 1 = 2 (started 31 Mar
  2023: the open placement); R 0 + S(1 Apr) + U + P(31 Mar) = 3; T 1 + 1 = 2; X 1 + B = 2;
  others 1 -> 2 of 11.
Year to 28 Feb 2025 runs from 1 Mar 2024: T's 29 Feb 2024 placement is the open one, plus
  September's: 2; R: 1 + P(31 Mar 2024) = 2; P, Q 1 -> 0 of 11.
"""

from __future__ import annotations

import pytest
from conftest import TinyStore, d

IDS = [
    "cla_3plus_placements_pct",
    "cla_long_term_stability_pct",
    "cla_placed_20miles_pct",
    "cla_pwp_care_order_pct",
    "adoption_waiting_count",
    "adoption_placed_count",
    "adoption_disruptions_count",
]

EPISODES = [
    # child, episode, start, rne, legal status, end
    ("P", "P1", "2022-01-01", "S", "C2", "2023-05-01"),
    ("P", "P2", "2023-05-01", "P", "C2", "2023-09-01"),
    ("P", "P3", "2023-09-01", "L", "C2", "2023-12-01"),
    ("P", "P4", "2023-12-01", "T", "C2", "2023-12-05"),
    ("P", "P5", "2023-12-05", "P", "C2", None),
    ("Q", "Q1", "2023-03-31", "S", "V2", "2024-02-01"),
    ("Q", "Q2", "2024-02-01", "P", "V2", None),
    ("R", "R1", "2023-04-01", "S", "C1", "2023-06-01"),
    ("R", "R2", "2023-06-01", "U", "C2", "2024-03-31"),
    ("R", "R3", "2024-03-31", "P", "C2", None),
    ("T", "T1", "2023-01-01", "S", "C2", "2024-02-29"),
    ("T", "T2", "2024-02-29", "P", "C2", "2024-09-01"),
    ("T", "T3", "2024-09-01", "P", "C2", None),
    ("U", "U1", "2021-09-30", "S", "C2", "2022-03-31"),
    ("U", "U2", "2022-03-31", "P", "C2", None),
    ("V", "V1", "2021-10-01", "S", "C2", None),
    ("W", "W1", "2020-01-01", "S", "C2", None),
    ("X", "X1", "2020-01-01", "S", "C2", "2023-06-01"),
    ("X", "X2", "2023-06-01", "B", "E1", None),
    ("Y", "Y1", "2020-01-01", "S", "C2", "2023-01-01"),
    ("Y", "Y2", "2023-01-01", "P", "C2", None),
    ("Z", "Z1", "2023-01-01", "S", "C2", None),
    ("Z2", "Z21", "2023-01-01", "S", "C1", None),
    ("S", "S1", "2023-06-01", "S", "V3", "2023-06-03"),
    ("S", "S2", "2023-08-01", "S", "V4", None),
]
BIRTHS = {
    "P": "2010-01-01",
    "Q": "2012-01-01",
    "R": "2011-01-01",
    "T": "2012-01-01",
    "U": "2010-05-05",
    "V": "2012-01-01",
    "W": "2008-03-31",
    "X": "2011-06-06",
    "Y": "2012-02-02",
    "Z": "2015-01-01",
    "Z2": "2015-01-01",
    "S": "2014-01-01",
}
# episode: placement type, miles from home, council area
PLACEMENTS = {
    "P4": ("T3", None, None),
    "P5": ("U4", 25, "ZZ9"),
    "Q2": ("U6", 25, "Z01"),
    "R3": ("U6", 20, "ZZ1"),
    "T2": ("U6", None, "ZZ2"),
    "X2": ("A5", 5, "Z01"),
    "Z1": ("P1", 2, "Z01"),
    "Z21": ("P1", 2, "Z01"),
}


@pytest.fixture
def placements(store: TinyStore) -> TinyStore:
    store.add(
        "ssd_cla_episodes",
        *(
            {
                "clae_person_id": child,
                "clae_cla_episode_id": eid,
                "clae_cla_episode_start_date": d(start),
                "clae_cla_episode_start_reason": rne,
                "clae_cla_legal_status": ls,
                "clae_cla_episode_ceased_date": d(end) if end else None,
                "clae_cla_episode_ceased_reason": "X1" if end else None,
                "clae_cla_placement_id": f"PL-{eid}",
                "clae_cla_team": "North",
            }
            for child, eid, start, rne, ls, end in EPISODES
        ),
    )
    store.add(
        "ssd_cla_placement",
        *(
            {
                "clap_cla_placement_id": f"PL-{eid}",
                "clap_person_id": eid[0],
                "clap_cla_placement_start_date": d("2020-01-01"),
                "clap_cla_placement_type": kind,
                "clap_cla_placement_distance": miles,
                "clap_cla_placement_la": area,
            }
            for eid, (kind, miles, area) in PLACEMENTS.items()
        ),
    )
    store.add(
        "ssd_person", *({"pers_person_id": c, "pers_dob": d(dob)} for c, dob in BIRTHS.items())
    )
    store.compute(IDS[:4], "2023-04", "2025-03")
    return store


def test_three_or_more_placements(placements: TinyStore) -> None:
    row = placements.row("cla_3plus_placements_pct", "snapshot", "2024-03")
    assert (row["numerator"], row["denominator"]) == (2, 11)
    assert row["value"] == pytest.approx(100 * 2 / 11)
    row = placements.row("cla_3plus_placements_pct", "snapshot", "2025-02")
    assert (row["numerator"], row["denominator"], row["value"]) == (0, 11, 0.0)


def test_long_term_stability(placements: TinyStore) -> None:
    """Cohort at 31 Mar 2024: under 16, looked after since 30 Sep 2021 or earlier: U (from
    30 Sep 2021, same carer since 31 Mar 2022: exactly 2 years), X (carers since 2020, their
    adoptive placement is a B move with the same carers), Y (new carer Jan 2023). V started
    1 Oct 2021 (one day short), W turned 16 that day -> 2 of 3. At 30 Apr 2024 V joins and
    has had the same carer since Oct 2021 -> 3 of 4."""
    row = placements.row("cla_long_term_stability_pct", "snapshot", "2024-03")
    assert (row["numerator"], row["denominator"]) == (2, 3)
    row = placements.row("cla_long_term_stability_pct", "snapshot", "2024-04")
    assert (row["numerator"], row["denominator"], row["value"]) == (3, 4, 75.0)


def test_placed_far_and_with_parents(placements: TinyStore) -> None:
    """31 Mar 2024: P is 25 miles away in another council (counts); Q is 25 miles but inside
    the council; R exactly 20 miles (not more than 20); T distance not known -> 1 of 11.
    With parents on a full care order: Z (C2); Z2 is on an interim order (C1) -> 1 of 11."""
    row = placements.row("cla_placed_20miles_pct", "snapshot", "2024-03")
    assert (row["numerator"], row["denominator"]) == (1, 11)
    row = placements.row("cla_pwp_care_order_pct", "snapshot", "2024-03")
    assert (row["numerator"], row["denominator"]) == (1, 11)
    assert row["value"] == pytest.approx(100 / 11)
    # Before P moved to the far placement (Nov 2023): P Q T U V W X Y Z Z2 and R, none far.
    assert placements.value("cla_placed_20miles_pct", "snapshot", "2023-11") == 0.0


@pytest.fixture
def adoption(store: TinyStore) -> TinyStore:
    """Permanence records (child: decision, placement order, placed, reversed, disrupted):
      A1: decided 15 May 2023, order 1 Jul 2023, placed 10 Jan 2024 (adopted 1 Sep 2024)
      A2: no decision date, placement order 30 Jun 2023, decision reversed 30 Jun 2024
      A3: decided 1 Feb 2024, placed 31 Mar 2024, placement disrupted 15 Aug 2024;
          a new decision 1 Sep 2024, still waiting
    Waiting at 31 Dec 2023: A1, A2 = 2; 29 Feb 2024: A2, A3 = 2; 31 Mar 2024: A2 = 1 (A3 placed
    that day); 30 Jun 2024: 0 (A2 reversed that day); 30 Sep 2024: A3 = 1.
    Placed Jan-Mar 2024: A1, A3 = 2. Disrupted Jul-Sep 2024: A3."""
    rows = [
        ("PM1", "A1", "2023-05-15", "2023-07-01", "2024-01-10", None, None, "2024-09-01"),
        ("PM2", "A2", None, "2023-06-30", None, "2024-06-30", None, None),
        ("PM3", "A3", "2024-02-01", None, "2024-03-31", None, "2024-08-15", None),
        ("PM4", "A3", "2024-09-01", None, None, None, None, None),
    ]
    store.add(
        "ssd_permanence",
        *(
            {
                "perm_table_id": pid,
                "perm_person_id": child,
                "perm_adm_decision_date": d(decided) if decided else None,
                "perm_placement_order_date": d(order) if order else None,
                "perm_placed_for_adoption_date": d(placed) if placed else None,
                "perm_decision_reversed_date": d(reversed_) if reversed_ else None,
                "perm_placement_disrupted_date": d(disrupted) if disrupted else None,
                "perm_permanence_order_date": d(adopted) if adopted else None,
                "perm_permanence_order_type": "ADO" if adopted else None,
            }
            for pid, child, decided, order, placed, reversed_, disrupted, adopted in rows
        ),
    )
    store.add("ssd_person", *({"pers_person_id": c} for c in ("A1", "A2", "A3")))
    store.compute(IDS[4:], "2023-04", "2025-03")
    return store


def test_adoption(adoption: TinyStore) -> None:
    assert adoption.value("adoption_waiting_count", "snapshot", "2023-04") == 0
    assert adoption.value("adoption_waiting_count", "snapshot", "2023-06") == 2
    assert adoption.value("adoption_waiting_count", "snapshot", "2023-12") == 2
    assert adoption.value("adoption_waiting_count", "snapshot", "2024-02") == 2
    assert adoption.value("adoption_waiting_count", "snapshot", "2024-03") == 1
    assert adoption.value("adoption_waiting_count", "snapshot", "2024-06") == 0
    assert adoption.value("adoption_waiting_count", "snapshot", "2024-09") == 1
    assert adoption.value("adoption_placed_count", "quarter", "2024-03") == 2
    assert adoption.value("adoption_placed_count", "fy", "2024-03") == 2
    assert adoption.value("adoption_placed_count", "month", "2024-03") == 1
    assert adoption.value("adoption_placed_count", "fy", "2025-03") == 0
    assert adoption.value("adoption_disruptions_count", "quarter", "2024-09") == 1
    assert adoption.value("adoption_disruptions_count", "quarter", "2024-06") == 0
    assert adoption.value("adoption_disruptions_count", "ytd", "2025-03") == 1
