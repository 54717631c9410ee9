"""Breakdowns on the indicator page: age bands youngest first, not in text order."""

from __future__ import annotations

import re
from datetime import date

import polars as pl
from fastapi import FastAPI

from csc_scorecard.engine.catalogue import load_catalogue
from csc_scorecard.engine.compute import RESULT_SCHEMA
from csc_scorecard.web.indicator_page import AGE_BANDS, breakdowns
from web.conftest import log_in, new_client

INDICATOR = "assessments_45wd_pct"
NOV = date(2024, 11, 30)


def _rows(by: str, values: list[str]) -> list[dict[str, object]]:
    return [
        {
            "la_code": "Z01",
            "indicator_id": INDICATOR,
            "period_kind": "rolling_12m",
            "period_start": None,
            "period_end": NOV,
            "breakdown": by,
            "breakdown_value": value,
            "numerator": 1.0,
            "denominator": 2.0,
            "value": 50.0,
        }
        for value in values
    ]


def test_age_bands_run_youngest_first_and_other_breakdowns_alphabetically() -> None:
    shuffled = ["10 to 15", "Unborn or not known", "5 to 9", "18 and over", "Under 1"]
    shuffled += ["16 to 17", "1 to 4"]
    frame = pl.DataFrame(
        _rows("team", ["North", "East"]) + _rows("age_band", shuffled), schema=RESULT_SCHEMA
    )
    found = breakdowns([frame], load_catalogue()[INDICATOR], "rolling_12m", NOV, drill=False)
    youngest_first = ["Under 1", "1 to 4", "5 to 9", "10 to 15", "16 to 17", "18 and over"]
    assert [(b.title, [r.label for r in b.rows]) for b in found] == [
        ("By age band", [*youngest_first, "Unborn or not known"]),
        ("By team", ["East", "North"]),
    ]


def test_the_page_lists_the_engines_age_bands_youngest_first(app: FastAPI) -> None:
    with new_client(app) as client:
        page = log_in(client, "ana").get(f"/indicators/{INDICATOR}").text
    table = page.split("<caption>By age band</caption>", 1)[1].split("</table>", 1)[0]
    labels = re.findall(r'<th scope="row">([^<]+)</th>', table)
    # Assessments in a council of 3,000 children cover the school ages at least; as text,
    # "10 to 15" would come first.
    assert {"5 to 9", "10 to 15"} <= set(labels) <= set(AGE_BANDS)
    assert labels == [band for band in AGE_BANDS if band in labels]
