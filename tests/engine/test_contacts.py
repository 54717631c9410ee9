"""Contact indicators, worked by hand from nine contacts of seven children.

Working days are start-exclusive, weekends and England bank holidays excluded (2024: Good
Friday 29 Mar, Easter Monday 1 Apr, 6 May). Link rule: an assessment for the same child starting
on or after the contact date and within 10 working days progresses the latest contact before it
whose outcome is a referral or not recorded.

Contacts (id, child, date, outcome)            assessments of the child (start)
  K7 E 2024-03-31 Sun REF                      X5 2024-04-02: from Sunday (counts from Thu
                                                  28 Mar), Easter off = 1 wd: progressed (March)
  K1 A 2024-04-02 Tue NFA                      X1 2024-04-05, X7 2024-04-08: K1 is NFA: no
  K3 A 2024-04-03 Wed REF                        not the latest before X1 or X7: no
  K2 A 2024-04-04 Thu REF                        latest before both: progressed, counted once
  K4 B 2024-04-30 Tue (none)                   X2 2024-05-15: 11 weekdays less 6 May = 10 wd:
                                                  progressed (April)
  K5 C 2024-05-01 Wed REF                      X3 2024-05-17: 11 wd: no
  K6 D 2024-05-31 Fri REF                      X4 2024-05-31, same day (0 wd): progressed
  K8 F 2024-06-10 Mon REF                      X8 2024-06-03, before the contact: no
  K9 G 2024-06-12 Wed INFO                     X6 is child Z's (2024-06-12), not G's: no
"""

from __future__ import annotations

import pytest
from conftest import TinyStore, d

IDS = ["contacts_count", "contacts_to_assessment_count"]


@pytest.fixture
def contacts(store: TinyStore) -> TinyStore:
    rows = [
        ("K7", "E", "2024-03-31", "REF"),
        ("K1", "A", "2024-04-02", "NFA"),
        ("K3", "A", "2024-04-03", "REF"),
        ("K2", "A", "2024-04-04", "REF"),
        ("K4", "B", "2024-04-30", None),
        ("K5", "C", "2024-05-01", "REF"),
        ("K6", "D", "2024-05-31", "REF"),
        ("K8", "F", "2024-06-10", "REF"),
        ("K9", "G", "2024-06-12", "INFO"),
    ]
    store.add(
        "ssd_contacts",
        *(
            {
                "cont_contact_id": cid,
                "cont_person_id": child,
                "cont_contact_date": d(day),
                "cont_contact_outcome_code": outcome,
            }
            for cid, child, day, outcome in rows
        ),
    )
    assessments = [
        ("X5", "E", "2024-04-02"),
        ("X1", "A", "2024-04-05"),
        ("X7", "A", "2024-04-08"),
        ("X2", "B", "2024-05-15"),
        ("X3", "C", "2024-05-17"),
        ("X4", "D", "2024-05-31"),
        ("X8", "F", "2024-06-03"),
        ("X6", "Z", "2024-06-12"),
    ]
    store.add(
        "ssd_cin_assessments",
        *(
            {
                "cina_assessment_id": aid,
                "cina_person_id": child,
                "cina_assessment_start_date": d(start),
            }
            for aid, child, start in assessments
        ),
    )
    store.population(2024, 10_000)
    store.add("ssd_person", *({"pers_person_id": c} for c in "ABCDEFGZ"))
    store.compute(IDS, "2024-01", "2024-09")
    return store


def test_contacts_count(contacts: TinyStore) -> None:
    # Sunday 31 March counts in March (and 2023-24).
    assert contacts.value("contacts_count", "month", "2024-03") == 1
    assert contacts.value("contacts_count", "month", "2024-04") == 4
    assert contacts.value("contacts_count", "month", "2024-05") == 2
    assert contacts.value("contacts_count", "month", "2024-07") == 0
    # Apr-Jun: K1 K3 K2 K4 K5 K6 K8 K9 = 8.
    assert contacts.value("contacts_count", "quarter", "2024-06") == 8
    assert contacts.value("contacts_count", "ytd", "2024-09") == 8
    by_outcome = contacts.row("contacts_count", "month", "2024-04", "outcome", "REF")
    assert by_outcome["value"] == 2
    no_outcome = contacts.row("contacts_count", "month", "2024-04", "outcome", "unknown")
    assert no_outcome["value"] == 1


def test_contacts_progressing_to_assessment(contacts: TinyStore) -> None:
    ind = "contacts_to_assessment_count"
    # March: K7 across Easter.
    assert contacts.value(ind, "month", "2024-03") == 1
    # April: K2 (once, though credited with X1 and X7) and K4 (exactly 10 wd over 6 May);
    # not K1 (NFA) or K3 (an earlier contact).
    assert contacts.value(ind, "month", "2024-04") == 2
    # May: K6 same day; K5's assessment came 11 wd later.
    assert contacts.value(ind, "month", "2024-05") == 1
    # June: K8's assessment started before it; X6 is another child's.
    assert contacts.value(ind, "month", "2024-06") == 0
    assert contacts.value(ind, "quarter", "2024-06") == 3
    assert contacts.value(ind, "rolling_6m", "2024-06") == 4
