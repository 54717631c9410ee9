"""Hostile council configuration TOML and reference data CSVs (no child-level data in either)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hostile.case import Case

CONFIG = """[council]
name = "Synthetic Borough Council"
la_code = "Z01"
ons_code = "E06999001"
region = "North West"
statistical_neighbours = []

[public_outputs]
suppression_threshold = 5

[indicators.re_referrals_12m_pct]
target = 21
key = true
"""

CONFIG_CASES: dict[str, bytes] = {
    "valid": CONFIG.encode(),
    "utf8_bom": b"\xef\xbb\xbf" + CONFIG.encode(),
    "utf16": CONFIG.encode("utf-16"),
    "latin1": CONFIG.replace("Synthetic", "Synth\xe9tic").encode("latin-1"),
    "crlf": CONFIG.replace("\n", "\r\n").encode(),
    "cr_only": CONFIG.replace("\n", "\r").encode(),
    "empty": b"",
    "nul_byte": CONFIG.replace("Borough", "Bor\x00ough").encode(),
    "truncated": CONFIG.encode()[:60],
    "duplicate_key": CONFIG.replace(
        'region = "North West"', 'region = "North West"\nregion = "x"'
    ).encode(),
    "duplicate_table": (CONFIG + "[council]\nname = 'x'\n").encode(),
    "unknown_key": CONFIG.replace("[public_outputs]", "colour = 'red'\n[public_outputs]").encode(),
    "unknown_indicator": (CONFIG + "[indicators.re_referals_12m_pct]\ntarget = 1\n").encode(),
    "wrong_types": CONFIG.replace(
        "suppression_threshold = 5", "suppression_threshold = 'five'"
    ).encode(),
    "negative_threshold": CONFIG.replace("= 5", "= -5").encode(),
    "missing_council": (
        CONFIG.split("[public_outputs]")[1].join(["[public_outputs]", ""]).encode()
    ),
    "huge_string": CONFIG.replace("Synthetic", "x" * (1 << 20)).encode(),
    "deep_nesting": (CONFIG + "x = " + "[" * 5000 + "]" * 5000 + "\n").encode(),
    "binary": bytes(range(256)),
    "target_text": CONFIG.replace("target = 21", "target = 'twenty'").encode(),
    "bad_year_target": CONFIG.replace("target = 21", 'target = { "2024" = 1 }').encode(),
    "bands_reversed": (
        CONFIG + '\n[[indicators.re_referrals_12m_pct.bands]]\nlabel = "x"\nmin = 10\nmax = 1\n'
    ).encode(),
    "population_negative": (CONFIG + '[population]\n"2024" = -1\n').encode(),
    "population_bad_year": (CONFIG + '[population]\n"mid-2024" = 1\n').encode(),
    "date_value": CONFIG.replace('"Z01"', "2024-01-01").encode(),
}


def _config_case(name: str, data: bytes) -> Case:
    def build(folder: Path) -> Path:
        folder.mkdir(parents=True)
        path = folder / "council.toml"
        path.write_bytes(data)
        return path

    return Case(f"config-{name}", "config", build)


def _config_path_case(name: str, build: Callable[[Path], Path]) -> Case:
    return Case(f"config-{name}", "config", build)


def _dir(folder: Path) -> Path:
    (folder / "council.toml").mkdir(parents=True)
    return folder / "council.toml"


EES = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,new_la_code,la_name,referral_count,rereferral_count,rereferral_percent\n"
    "2025,Reporting year,National,E92000001,England,,,,,,632830,142900,22.6\n"
    "2025,Reporting year,Local authority,E92000001,England,E12000002,North West,343,E08000014,"
    "Sefton,c,c,21.0\n"
)
EES_NAME = "c1_children_in_need_referrals_and_rereferrals_x.csv"
RIG = "indicator_id,quarter,la_value,group_value\nre_referrals_12m_pct,2024-25 Q1,24.0,22.2\n"
NEIGHBOURS = "old_la_code,SN_1,SN_1P,SN_2,SN_2P\n343,340,Extremely close,341,Very close\n"
LAIT = "Short Desc,Years,LA Number,Values\nsomething,2024,343,1.0\n"

REFERENCE_CASES: dict[str, tuple[str, bytes]] = {
    "ees_valid": (EES_NAME, EES.encode()),
    "ees_bom": (EES_NAME, b"\xef\xbb\xbf" + EES.encode()),
    "ees_latin1": (EES_NAME, EES.replace("Sefton", "S\xe9fton").encode("latin-1")),
    "ees_utf16": (EES_NAME, EES.encode("utf-16")),
    "ees_ragged": (EES_NAME, (EES + "2025,Reporting year,National\n").encode()),
    "ees_extra_field": (EES_NAME, (EES + EES.splitlines()[1] + ",9,9\n").encode()),
    "ees_truncated_quote": (EES_NAME, (EES + '2025,"Reporting').encode()),
    "ees_empty": (EES_NAME, b""),
    "ees_header_only": (EES_NAME, EES.splitlines()[0].encode() + b"\n"),
    "ees_blank_lines": (EES_NAME, EES.replace("\n", "\n\n").encode()),
    "ees_crlf": (EES_NAME, EES.replace("\n", "\r\n").encode()),
    "ees_cr_only": (EES_NAME, EES.replace("\n", "\r").encode()),
    "ees_nul": (EES_NAME, EES.replace("Sefton", "Sef\x00ton").encode()),
    "ees_bad_year": (EES_NAME, EES.replace("2025,Rep", "20x5,Rep", 1).encode()),
    "ees_negative": (EES_NAME, EES.replace("632830", "-632830").encode()),
    "ees_huge_cell": (EES_NAME, EES.replace("Sefton", "x" * (1 << 20)).encode()),
    "ees_missing_column": (EES_NAME, EES.replace("rereferral_percent", "pct").encode()),
    "ees_duplicate_rows": (EES_NAME, (EES + EES.splitlines()[2] + "\n").encode()),
    "rig_valid": ("rig.csv", RIG.encode()),
    "rig_bad_quarter": ("rig.csv", RIG.replace("2024-25 Q1", "Q1 2024").encode()),
    "rig_bad_value": ("rig.csv", RIG.replace("24.0", "twenty").encode()),
    "rig_unknown_indicator": (
        "rig.csv",
        RIG.replace("re_referrals", "re_referals").encode(),
    ),
    "rig_ragged": ("rig.csv", (RIG + "a,b\n").encode()),
    "rig_latin1": (
        "rig.csv",
        (RIG + "re_referrals_12m_pct,2024-25 Q2,\xe9,1\n").encode("latin-1"),
    ),
    "neighbours_valid": ("sn.csv", NEIGHBOURS.encode()),
    "neighbours_no_council": ("sn.csv", NEIGHBOURS.replace("old_la_code", "la").encode()),
    "neighbours_ragged": ("sn.csv", (NEIGHBOURS + "1,2,3,4,5,6,7\n").encode()),
    "lait_valid": ("lait.csv", LAIT.encode()),
    "lait_binary": ("lait.csv", bytes(range(256)) * 4),
    "unknown_layout": ("other.csv", b"a,b\n1,2\n"),
    "not_csv": ("data.xlsx", b"PK\x03\x04"),
    "duplicate_header": ("rig.csv", RIG.replace("la_value,", "quarter,").encode()),
}


def _reference_case(name: str, file: str, data: bytes) -> Case:
    def build(folder: Path) -> Path:
        folder.mkdir(parents=True)
        path = folder / file
        path.write_bytes(data)
        return path

    return Case(f"reference-{name}", "reference", build)


def cases() -> list[Case]:
    """Configuration and reference data cases."""
    out = [_config_case(name, make) for name, make in CONFIG_CASES.items()]
    out += [
        _config_path_case("missing_file", lambda folder: folder / "council.toml"),
        _config_path_case("a_folder", _dir),
    ]
    out += [_reference_case(name, file, make) for name, (file, make) in REFERENCE_CASES.items()]
    return out
