"""Code lists kept with the years they apply to: parsed, checked and applied to rows.

Reporting year 2025 is the year to 31 March 2025 (the 2024-25 collection). The placement type
years come from ``code_lists.toml``: K3 from 2025, Z11 from 2026, P2 and H5 to 2025; U1 is undated.
"""

from __future__ import annotations

import polars as pl
import pytest

from csc_scorecard.ingest.reader import RawTable
from csc_scorecard.ingest.report import Reason
from csc_scorecard.ingest.validate import validate
from csc_scorecard.model.codes import parse_code_lists
from csc_scorecard.model.tables import table_by_name

_LIST = """
[place]
description = "Placement type."
source = "Test"
[place.codes]
U1 = "Foster placement"
K3 = { description = "New", valid_from = 2025 }
P2 = { description = "Withdrawn", valid_to = 2025 }
X9 = { description = "Both", valid_from = 2021, valid_to = 2023 }
"""


def test_a_dated_code_keeps_its_years_and_an_undated_one_has_none() -> None:
    place = parse_code_lists(_LIST)["place"]
    assert [place.years(c) for c in ("U1", "K3", "P2", "X9")] == [
        (None, None),
        (2025, None),
        (None, 2025),
        (2021, 2023),
    ]
    assert "K3" in place and "Z9" not in place


def test_a_code_names_its_collection_years_in_words() -> None:
    # Reporting year 2025 is the collection year 2024-25; 2021 is 2020-21, 2023 is 2022-23.
    place = parse_code_lists(_LIST)["place"]
    assert [place.span(c) for c in ("U1", "K3", "P2", "X9")] == [
        "",
        "from 2024-25",
        "up to 2024-25",
        "from 2020-21 to 2022-23",
    ]


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ("{ valid_from = 2025 }", "description"),
        ('{ description = "New" }', "reporting years"),
        ('{ description = "New", valid_from = "2025" }', "reporting years"),
        ('{ description = "New", valid_from = true }', "reporting years"),
        ('{ description = "New", valid_from = 2026, valid_to = 2025 }', "after valid_to"),
        ('{ description = "New", valid_form = 2025 }', "valid_from / valid_to only"),
    ],
)
def test_a_malformed_dated_code_is_refused_naming_it(entry: str, says: str) -> None:
    text = _LIST.replace('{ description = "New", valid_from = 2025 }', entry)
    with pytest.raises(ValueError, match=rf"^place\.K3: .*{says}"):
        parse_code_lists(text)


def _placements(*rows: tuple[str, str]) -> list[tuple[int, str]]:
    """Validate one placement per (type, start date); the rejected rows and their messages."""
    n = len(rows)
    frame = pl.DataFrame(
        {
            "_row": list(range(1, n + 1)),
            "la_code": ["201"] * n,
            "clap_cla_placement_id": [f"P{i}" for i in range(1, n + 1)],
            "clap_person_id": ["C1"] * n,
            "clap_cla_placement_start_date": [start for _, start in rows],
            "clap_cla_placement_type": [kind for kind, _ in rows],
        }
    )
    table = table_by_name("ssd_cla_placement")
    result = validate(table, [RawTable(table.name, "placements.csv", frame)])
    assert result.frame.height + len(result.rejections) == n
    assert {(r.reason, r.field) for r in result.rejections} <= {
        (Reason.UNKNOWN_CODE, "clap_cla_placement_type")
    }
    return [(r.row, r.message) for r in result.rejections if r.row is not None]


def test_a_new_code_is_refused_before_its_first_year_and_accepted_from_it() -> None:
    # 31 March 2024 ends reporting year 2024; K3 applies from 2025, Z11 from 2026.
    refused = _placements(
        ("K3", "2024-03-31"),
        ("K3", "2024-04-01"),
        ("Z11", "2025-03-31"),
        ("Z11", "2025-04-01"),
    )
    assert refused == [
        (1, "placement type 'K3' is valid from 2024-25 (this row is 2023-24)"),
        (3, "placement type 'Z11' is valid from 2025-26 (this row is 2024-25)"),
    ]


def test_a_withdrawn_code_is_accepted_to_its_last_year_and_refused_after() -> None:
    # P2 and H5 apply up to 2025 (the year to 31 March 2025); U1 carries no years.
    refused = _placements(
        ("P2", "2025-03-31"),
        ("P2", "2025-04-01"),
        ("H5", "2025-03-31"),
        ("H5", "2026-04-01"),
        ("U1", "2025-04-01"),
    )
    assert refused == [
        (2, "placement type 'P2' is valid up to 2024-25 (this row is 2025-26)"),
        (4, "placement type 'H5' is valid up to 2024-25 (this row is 2026-27)"),
    ]


def test_a_code_on_no_list_is_still_unknown_in_any_year() -> None:
    [(row, message)] = _placements(("K4", "2025-04-01"))
    assert (row, message) == (1, "clap_cla_placement_type 'K4' is not in code list placement_type")
