"""Council configuration: the example loads; every kind of mistake is reported plainly."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from csc_scorecard.config import EXAMPLE_CONFIG, ConfigError, load_config
from csc_scorecard.engine.catalogue import Polarity

GOOD = """
[council]
name = "Test Council"
la_code = "343"
ons_code = "E08000014"
region = "North West"
statistical_neighbours = ["340", "341"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "council.toml"
    path.write_text(text, encoding="utf-8")
    return path


def errors(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert "Traceback" not in str(caught.value)
    assert "pydantic" not in str(caught.value)
    return str(caught.value).splitlines()


def test_example_loads_with_seed_000_targets() -> None:
    example = resources.files("csc_scorecard.config").joinpath(EXAMPLE_CONFIG)
    with resources.as_file(example) as path:
        config = load_config(path)
    assert config.council.la_code == "Z01"
    assert config.public_outputs.suppression_threshold == 5
    assert config.population == {2023: 52140, 2024: 51890}
    referrals = config.indicators["referrals_rate_per_10k"]
    assert referrals.target_for("2024-25") == 580
    assert referrals.key
    rereferrals = config.indicators["re_referrals_12m_pct"]
    assert rereferrals.target_for("2024-25") == 21
    assert rereferrals.target_for("2023-24") is None
    assert [b.label for b in rereferrals.bands] == ["Requires improvement", "Good", "Outstanding"]
    assert rereferrals.band_for(22.4) is not None and rereferrals.band_for(22.4).label == (
        "Requires improvement"
    )
    assert rereferrals.band_for(3.0) is not None and rereferrals.band_for(3.0).label == (
        "Outstanding"
    )
    assert rereferrals.band_for(14.5) is None  # seed 001 leaves a gap between <14 and 15-19
    # Seed 000's ten key indicators carry targets; seed 001's measures add tolerance bands.
    assert sum(settings.key for settings in config.indicators.values()) == 10


def test_minimal_file_has_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD))
    assert config.council.statistical_neighbours == ("340", "341")
    assert config.indicators == {}
    assert config.population == {}
    assert config.public_outputs.suppression_threshold == 5


def test_polarity_override_and_open_bands(tmp_path: Path) -> None:
    text = (
        GOOD
        + """
[indicators.cla_rate_per_10k]
polarity = "low_good"
bands = [{ label = "High", min = 90 }, { label = "Low", max = 60.5 }]
"""
    )
    settings = load_config(write(tmp_path, text)).indicators["cla_rate_per_10k"]
    assert settings.polarity is Polarity.LOW_GOOD
    assert settings.band_for(1000.0) is not None
    assert settings.band_for(70.0) is None


def test_config_is_frozen(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD))
    with pytest.raises(ValueError, match="frozen"):
        config.council.name = "Other"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            '[indicators.re_referrals_12m_pct]\ntarget = "21%"',
            "council.toml: indicators.re_referrals_12m_pct.target: must be a number",
        ),
        (
            "[indicators.re_referrals_12m_pct]\ntarget = true",
            "council.toml: indicators.re_referrals_12m_pct.target: must be a number",
        ),
        (
            '[indicators.re_referrals_12m_pct]\ntarget = { "2024-26" = 21 }',
            "council.toml: indicators.re_referrals_12m_pct.target: 2024-26: '2024-26' is not a "
            "reporting year like '2024-25'",
        ),
        (
            '[indicators.re_referrals_12m_pct]\ntarget = { "2024-25" = "x" }',
            "council.toml: indicators.re_referrals_12m_pct.target: 2024-25: must be a number",
        ),
        (
            "[indicators.re_referrals_12m_pct]\ntarget = {}",
            "council.toml: indicators.re_referrals_12m_pct.target: a table of targets by year "
            "must name at least one year",
        ),
        (
            '[indicators.re_referrals_12m_pct]\npolarity = "up"',
            "council.toml: indicators.re_referrals_12m_pct.polarity: must be one of "
            "'high_good', 'low_good' or 'none'",
        ),
        (
            '[indicators.re_referrals_12m_pct]\nkey = "yes"',
            "council.toml: indicators.re_referrals_12m_pct.key: must be true or false",
        ),
        (
            "[indicators.re_referrals_12m_pct]\ntargett = 21",
            "council.toml: indicators.re_referrals_12m_pct.targett: is not a known key",
        ),
        (
            "[indicators.re_referals_12m_pct]\ntarget = 21",
            "council.toml: indicators.re_referals_12m_pct: not a catalogue indicator id; "
            "did you mean re_referrals_12m_pct?",
        ),
        (
            "[indicators.zzzz]\ntarget = 21",
            "council.toml: indicators.zzzz: not a catalogue indicator id",
        ),
        (
            '[indicators.re_referrals_12m_pct]\nbands = [{ label = "Good" }]',
            "council.toml: indicators.re_referrals_12m_pct.bands.0: a band needs min, max or both",
        ),
        (
            '[indicators.re_referrals_12m_pct]\nbands = [{ label = "Good", min = 5, max = 1 }]',
            "council.toml: indicators.re_referrals_12m_pct.bands.0: min 5 is above max 1",
        ),
        (
            '[indicators.re_referrals_12m_pct]\nbands = [{ label = "Good", min = "5" }]',
            "council.toml: indicators.re_referrals_12m_pct.bands.0.min: must be a number",
        ),
        (
            "[indicators.re_referrals_12m_pct]\nbands = [{ min = 5 }]",
            "council.toml: indicators.re_referrals_12m_pct.bands.0.label: is required",
        ),
        (
            '[indicators.re_referrals_12m_pct]\nbands = [{ label = "Good", minimum = 5 }]',
            "council.toml: indicators.re_referrals_12m_pct.bands.0.minimum: is not a known key",
        ),
        (
            "[indicators.re_referrals_12m_pct]\nbands = [15]",
            "council.toml: indicators.re_referrals_12m_pct.bands.0: must be a table",
        ),
        (
            '[indicators.re_referrals_12m_pct]\nbands = [{ label = "A", min = 5, max = 10 },'
            ' { label = "B", min = 10 }]',
            "council.toml: indicators.re_referrals_12m_pct.bands: bands 'A' and 'B' overlap",
        ),
        (
            '[indicators.re_referrals_12m_pct]\nbands = [{ label = "A", max = 5 },'
            ' { label = "A", min = 10 }]',
            "council.toml: indicators.re_referrals_12m_pct.bands: two bands have the same label",
        ),
        (
            '[population]\n"2024" = "many"',
            'council.toml: population: "2024": must be a positive whole number of children',
        ),
        (
            "[population]\nmid2024 = 5000",
            "council.toml: population: 'mid2024' is not a year such as \"2024\"",
        ),
        (
            "[public_outputs]\nsuppression_threshold = 5.5",
            "council.toml: public_outputs.suppression_threshold: must be a whole number",
        ),
        (
            "[public_outputs]\nsuppression_threshold = -1",
            "council.toml: public_outputs.suppression_threshold: input should be greater than "
            "or equal to 0",
        ),
        ("[colours]\nred = 1", "council.toml: colours: is not a known key"),
    ],
)
def test_each_mistake_is_named_with_its_key_path(tmp_path: Path, extra: str, expected: str) -> None:
    assert errors(tmp_path, GOOD + extra) == [expected]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("la_code", '"34"', "council.la_code: '34' is not a three-digit DfE LA code such as '343'"),
        ("la_code", "343", "council.la_code: must be text"),
        (
            "la_code",
            '"909"',
            "council.la_code: '909' is no longer in use: Cumbria 909 split into Cumberland 942 "
            "and Westmorland and Furness 943 in 2023",
        ),
        (
            "ons_code",
            '"E12000002"',
            "council.ons_code: 'E12000002' is not a council's ONS code (E06, E08, E09 or E10 "
            "and six digits)",
        ),
        (
            "statistical_neighbours",
            '["340", "928"]',
            "council.statistical_neighbours: '928' is no longer in use: Northamptonshire 928 "
            "split into North 940 and West Northamptonshire 941 in 2021",
        ),
        (
            "statistical_neighbours",
            '["340", "340"]',
            "council.statistical_neighbours: a neighbour is listed twice",
        ),
        (
            "statistical_neighbours",
            '["343"]',
            "council: statistical_neighbours lists the council itself",
        ),
        ("statistical_neighbours", '"340"', "council.statistical_neighbours: must be a list"),
        ("name", '""', "council.name: string should have at least 1 character"),
    ],
)
def test_council_mistakes(tmp_path: Path, field: str, value: str, expected: str) -> None:
    lines = [
        line if not line.startswith(f"{field} =") else f"{field} = {value}"
        for line in GOOD.splitlines()
    ]
    assert errors(tmp_path, "\n".join(lines)) == [f"council.toml: {expected}"]


def test_every_problem_reported_at_once(tmp_path: Path) -> None:
    text = """
[council]
name = "Test"
la_code = "x"

[indicators.re_referrals_12m_pct]
target = "high"
"""
    assert errors(tmp_path, text) == [
        "council.toml: council.la_code: 'x' is not a three-digit DfE LA code such as '343'",
        "council.toml: council.ons_code: is required",
        "council.toml: council.region: is required",
        "council.toml: indicators.re_referrals_12m_pct.target: must be a number",
    ]


def test_missing_council_table(tmp_path: Path) -> None:
    assert errors(tmp_path, "") == ["council.toml: council: is required"]


def test_not_toml(tmp_path: Path) -> None:
    (line,) = errors(tmp_path, "[council\nname = 1")
    assert line.startswith("council.toml: not valid TOML: ")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^nowhere\.toml: file not found$"):
        load_config(tmp_path / "nowhere.toml")


def test_indicators_not_a_table(tmp_path: Path) -> None:
    assert errors(tmp_path, GOOD.replace("[council]", "indicators = 3\n[council]")) == [
        "council.toml: indicators: must be a table"
    ]
