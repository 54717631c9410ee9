"""Private fostering indicators, worked by hand from seven arrangements of six children.

Working days to the first visit are start-exclusive with England bank holidays; the regulations
allow seven (SI 2005/1533 regs 4 and 7).

  P1 A notified Thu 2024-03-28, visited Wed 2024-04-10: Good Friday 29 Mar and Easter Monday
       1 Apr are holidays, so Apr 2-5 and 8-10 = 7 working days (13 calendar days): within.
       Ended 2024-06-30 (a month end: not open at it).
  P2 B notified Mon 2024-04-01 (Easter Monday), visited Thu 2024-04-11: Apr 2-5, 8-11 = 8: late.
       Still open.
  P3 C notified 2024-05-15, never visited: not within. Ended 2024-07-01.
  P5 E notified Mon 2024-09-30 (last day of Q2), visited the same day: 0, within. Still open.
  P6 B notified Tue 2024-10-01 (first day of Q3), visit recorded 2024-09-28, before the
       notification: a recording error, not within. Ended 2024-11-15 (overlaps P2: B counts once).
  P4 D notified Fri 2024-12-20, visited Thu 2025-01-02: Dec 23, 24, 27, 30, 31 and Jan 2 = 6
       (Christmas, Boxing Day and New Year's Day are holidays): within. Ended 2025-03-31.
  P7 F notified Tue 2025-04-01: the first day of 2025-26, not in 2024-25. Still open.

Notifications 2024-25: P2 P3 (Q1), P5 (Q2), P6 P4 (Q3), none in Q4 = 5; P1 is 2023-24.
Visited within 7 working days 2024-25: P5, P4 = 2 of 5 = 40%; Q1 0/2, Q2 1/1, Q3 1/2, Q4 none.
Open children at month ends: Mar24 A; Apr24 A B; May24 A B C; Jun24 B C; Jul24 B; Sep24 B E;
Oct24 B E (B in two arrangements); Dec24 B E D; Mar25 B E (D ended that day); Apr25 B E F.
"""

from __future__ import annotations

import pytest
from conftest import TinyStore, d

IDS = ["pf_notifications_count", "pf_open_cases_count", "pf_visit_7d_pct"]


@pytest.fixture
def fostering(store: TinyStore) -> TinyStore:
    rows = [
        ("P1", "A", "2024-03-28", "2024-04-10", "2024-06-30"),
        ("P2", "B", "2024-04-01", "2024-04-11", None),
        ("P3", "C", "2024-05-15", None, "2024-07-01"),
        ("P5", "E", "2024-09-30", "2024-09-30", None),
        ("P6", "B", "2024-10-01", "2024-09-28", "2024-11-15"),
        ("P4", "D", "2024-12-20", "2025-01-02", "2025-03-31"),
        ("P7", "F", "2025-04-01", None, None),
    ]
    store.add(
        "csc_private_fostering",
        *(
            {
                "pfos_arrangement_id": arrangement,
                "pfos_person_id": child,
                "pfos_notification_date": d(notified),
                "pfos_first_visit_date": d(visited) if visited else None,
                "pfos_end_date": d(ended) if ended else None,
            }
            for arrangement, child, notified, visited, ended in rows
        ),
    )
    store.add("ssd_person", *({"pers_person_id": c} for c in "ABCDEF"))
    store.compute(IDS, "2024-01", "2025-04")
    return store


def test_notifications(fostering: TinyStore) -> None:
    assert fostering.value("pf_notifications_count", "month", "2024-03") == 1
    # Cumulative through the year (the seed's Q2 1, Q3 3, Q4 5 pattern).
    assert fostering.value("pf_notifications_count", "ytd", "2024-06") == 2
    assert fostering.value("pf_notifications_count", "ytd", "2024-09") == 3
    assert fostering.value("pf_notifications_count", "ytd", "2024-12") == 5
    assert fostering.value("pf_notifications_count", "fy", "2025-03") == 5
    # Quarters hold their own notifications: 30 Sep is in Q2, 1 Oct in Q3.
    assert fostering.value("pf_notifications_count", "quarter", "2024-09") == 1
    assert fostering.value("pf_notifications_count", "quarter", "2024-12") == 2
    assert fostering.value("pf_notifications_count", "quarter", "2025-03") == 0
    # 1 April 2025 starts the next year.
    assert fostering.value("pf_notifications_count", "ytd", "2025-04") == 1


def test_open_arrangements_at_month_end(fostering: TinyStore) -> None:
    expected = {
        "2024-03": 1,
        "2024-04": 2,
        "2024-05": 3,
        "2024-06": 2,  # P1 ended on 30 June
        "2024-07": 1,
        "2024-09": 2,  # P5 notified on 30 September is open at it
        "2024-10": 2,  # B in P2 and P6 counts once
        "2024-12": 3,
        "2025-03": 2,  # P4 ended on 31 March
        "2025-04": 3,
    }
    for month, children in expected.items():
        assert fostering.value("pf_open_cases_count", "snapshot", month) == children, month


def test_first_visit_within_7_working_days(fostering: TinyStore) -> None:
    # P1 across Easter: exactly 7 working days.
    row = fostering.row("pf_visit_7d_pct", "month", "2024-03")
    assert (row["numerator"], row["denominator"], row["value"]) == (1, 1, 100.0)
    # Q1: P2 (8 working days from a bank holiday) and P3 (no visit).
    row = fostering.row("pf_visit_7d_pct", "quarter", "2024-06")
    assert (row["numerator"], row["denominator"], row["value"]) == (0, 2, 0.0)
    assert fostering.value("pf_visit_7d_pct", "quarter", "2024-09") == 100.0
    # Q3: P6 (visit dated before the notification) and P4 (6 working days over Christmas).
    row = fostering.row("pf_visit_7d_pct", "quarter", "2024-12")
    assert (row["numerator"], row["denominator"], row["value"]) == (1, 2, 50.0)
    # Q4: nothing notified, no figure.
    assert fostering.value("pf_visit_7d_pct", "quarter", "2025-03") is None
    row = fostering.row("pf_visit_7d_pct", "fy", "2025-03")
    assert (row["numerator"], row["denominator"], row["value"]) == (2, 5, 40.0)
