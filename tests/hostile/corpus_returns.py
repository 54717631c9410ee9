"""Hostile DfE returns: CIN census XML, SSDA903 tables and Annex A workbooks, from small templates.

Identifiers are synthetic (``ZQ`` and four digits). XML attacks (billion laughs, external
entities, parameter entities) must be refused before anything is expanded or fetched.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl

from hostile.case import Case

CHILDREN = ("ZQ1001", "ZQ1002", "ZQ1003")


def _child(child_id: str, referred: str = "2023-09-01", extra: str = "", dob: str = "") -> str:
    birth = dob or "2012-01-01"
    return (
        f"<Child><ChildIdentifiers><LAchildID>{child_id}</LAchildID>"
        f"<PersonBirthDate>{birth}</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>"
        "<ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>"
        f"<CINdetails><CINreferralDate>{referred}</CINreferralDate><ReferralSource>6"
        f"</ReferralSource><ReferralNFA>false</ReferralNFA>{extra}</CINdetails></Child>"
    )


def _census(children: str, prolog: str = "", header_extra: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{prolog}<Message><Header><CollectionDetails>'
        "<Collection>CIN</Collection><Year>2024</Year><ReferenceDate>2024-03-31</ReferenceDate>"
        f"</CollectionDetails><Source><LEA>201</LEA></Source>{header_extra}</Header>"
        f"<Children>{children}</Children></Message>"
    )


GOOD = "".join(_child(c) for c in CHILDREN)
LAUGHS = (
    '<!DOCTYPE Message [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)
XXE = '<!DOCTYPE Message [<!ENTITY x SYSTEM "file:///etc/passwd">]>'

XML_CASES: dict[str, Callable[[], bytes]] = {
    "billion_laughs": lambda: _census(_child("ZQ1001", extra="<Note>&d;</Note>"), LAUGHS).encode(),
    "external_entity": lambda: _census(_child("ZQ1001", extra="<Note>&x;</Note>"), XXE).encode(),
    "parameter_entity": lambda: _census(
        GOOD, '<!DOCTYPE Message [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>'
    ).encode(),
    "external_dtd": lambda: _census(
        GOOD, '<!DOCTYPE Message SYSTEM "http://127.0.0.1:9/cin.dtd">'
    ).encode(),
    "entity_in_header": lambda: _census(GOOD, LAUGHS, "<Note>&c;</Note>").encode(),
    "truncated": lambda: _census(GOOD).encode()[:-60],
    "truncated_in_child": lambda: _census(GOOD).encode()[:400],
    "not_xml": lambda: b"LAchildID,Sex\nZQ1001,M\n",
    "empty": lambda: b"",
    "bom": lambda: b"\xef\xbb\xbf" + _census(GOOD).encode(),
    "utf16": lambda: _census(GOOD).replace("utf-8", "utf-16").encode("utf-16"),
    "latin1_declared_utf8": lambda: _census(GOOD.replace("WBRI", "WBRI\xe9", 1)).encode("latin-1"),
    "nul_byte": lambda: _census(GOOD).encode().replace(b"<Sex>M", b"<Sex>M\x00", 1),
    "crlf": lambda: _census(GOOD).replace("><", ">\r\n<").encode(),
    "duplicate_child": lambda: _census(GOOD + _child("ZQ1001")).encode(),
    "missing_child_id": lambda: _census(GOOD + _child("")).encode(),
    "end_before_start": lambda: _census(
        _child(
            "ZQ1004",
            extra="<CINclosureDate>2023-01-01</CINclosureDate>"
            "<ReasonForClosure>RC7</ReasonForClosure>",
        )
    ).encode(),
    "future_referral": lambda: _census(_child("ZQ1004", referred="2099-01-01")).encode(),
    "older_than_25": lambda: _census(_child("ZQ1004", dob="1950-01-01")).encode(),
    "uk_date": lambda: _census(_child("ZQ1004", referred="01/09/2023")).encode(),
    "excel_serial": lambda: _census(_child("ZQ1004", referred="45292")).encode(),
    "impossible_date": lambda: _census(_child("ZQ1004", referred="2023-02-30")).encode(),
    "quote_in_id": lambda: _census(_child("ZQ&quot;1005") + _child("ZQ'1006")).encode(),
    "huge_text": lambda: _census(
        _child("ZQ1004", extra=f"<Note>{'x' * (1 << 20)}</Note>")
    ).encode(),
    "unknown_elements": lambda: _census(
        _child("ZQ1004", extra="<Local><Thing>1</Thing></Local>")
    ).encode(),
    "no_children": lambda: _census("").encode(),
    "wrong_root": lambda: b"<?xml version='1.0'?><Return><Children/></Return>",
    "negative_count": lambda: _census(
        _child(
            "ZQ1004",
            extra="<ChildProtectionPlans><CPPstartDate>2023-10-01</CPPstartDate>"
            "<NumberOfPreviousCPP>-2</NumberOfPreviousCPP></ChildProtectionPlans>",
        )
    ).encode(),
}


def _xml_case(name: str, make: Callable[[], bytes]) -> Case:
    def build(folder: Path) -> Path:
        folder.mkdir(parents=True)
        path = folder / "cin_2024.xml"
        path.write_bytes(make())
        return path

    ids = (*CHILDREN, "ZQ1004", 'ZQ"1005', "ZQ'1006")
    return Case(f"cin_census-{name}", "cin_census", build, ids, format="cin_census")


def _xml_folder_case() -> Case:
    def build(folder: Path) -> Path:
        (folder / "2023").mkdir(parents=True)
        (folder / "cin_2024.xml").write_bytes(_census(GOOD).encode())
        (folder / "2023" / "cin_2023.xml").write_bytes(_census(GOOD).encode())
        (folder / "notes.txt").write_text("junk")
        return folder

    return Case("cin_census-folder-with-junk", "cin_census", build, CHILDREN, format="cin_census")


HEADER = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
HEADER_ROWS = [
    ["ZQ2001", "1", "01/05/2010", "WBRI", "", "", ""],
    ["ZQ2002", "2", "29/02/2008", "MWBC", "", "", ""],
    ["ZQ2003", "1", "31/12/2012", "WBRI", "", "", ""],
]
EPISODES = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
            "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"]  # fmt: skip
EPISODE_ROWS = [
    ["ZQ2001", "10/04/2023", "S", "V2", "N1", "U6", "PR1", "01/06/2023", "X1", "", "", "", ""],
    ["ZQ2002", "01/01/2024", "S", "V2", "N4", "U4", "PR1", "20/02/2024", "E4A", "", "", "", ""],
]


def _csv(header: list[str], rows: list[list[str]], newline: str = "\n") -> bytes:
    return "".join(",".join(r) + newline for r in [header, *rows]).encode()


def _h(column: str, value: str) -> list[list[str]]:
    rows = [list(r) for r in HEADER_ROWS]
    rows[1][HEADER.index(column)] = value
    return rows


SSDA903_CASES: dict[str, Callable[[], bytes]] = {
    "latin1": lambda: _csv(HEADER, HEADER_ROWS).replace(b"WBRI", b"WBR\xe9", 1),
    "utf16": lambda: _csv(HEADER, HEADER_ROWS).decode().encode("utf-16"),
    "bom": lambda: b"\xef\xbb\xbf" + _csv(HEADER, HEADER_ROWS),
    "crlf": lambda: _csv(HEADER, HEADER_ROWS, "\r\n"),
    "cr_only": lambda: _csv(HEADER, HEADER_ROWS, "\r"),
    "blank_lines": lambda: _csv(HEADER, HEADER_ROWS).replace(b"\n", b"\n\n"),
    "comma_only_line": lambda: _csv(HEADER, [*HEADER_ROWS, [""] * len(HEADER)]),
    "ragged_row": lambda: _csv(HEADER, [*HEADER_ROWS, ["ZQ2004", "1"]]),
    "truncated": lambda: _csv(HEADER, HEADER_ROWS)[:-7],
    "iso_dates": lambda: _csv(HEADER, _h("DOB", "2008-02-29")),
    "excel_serial": lambda: _csv(HEADER, _h("DOB", "39507")),
    "future_dob": lambda: _csv(HEADER, _h("DOB", "01/01/2099")),
    "older_than_25": lambda: _csv(HEADER, _h("DOB", "01/01/1950")),
    "duplicate_child": lambda: _csv(HEADER, [*HEADER_ROWS, HEADER_ROWS[0]]),
    "quote_in_id": lambda: _csv(HEADER, _h("CHILD", '"ZQ""2005"')),
    "nul_byte": lambda: _csv(HEADER, _h("ETHNIC", "WB\x00RI")),
    "missing_column": lambda: _csv(HEADER[:2] + HEADER[3:], [r[:2] + r[3:] for r in HEADER_ROWS]),
    "duplicate_column": lambda: _csv([*HEADER, "SEX"], [[*r, "1"] for r in HEADER_ROWS]),
    "empty": lambda: b"",
    "header_only": lambda: _csv(HEADER, []),
    "huge_field": lambda: _csv(HEADER, _h("UPN", "x" * (1 << 20))),
    "unknown_code": lambda: _csv(HEADER, _h("SEX", "9")),
}


def _ssda903_case(name: str, make: Callable[[], bytes]) -> Case:
    def build(folder: Path) -> Path:
        year = folder / "2024"
        year.mkdir(parents=True)
        (year / "header.csv").write_bytes(make())
        episodes = EPISODE_ROWS if name != "episodes_end_before_start" else [
            [*EPISODE_ROWS[0][:7], "01/01/2023", *EPISODE_ROWS[0][8:]]]  # fmt: skip
        (year / "episodes.csv").write_bytes(_csv(EPISODES, episodes))
        return folder

    ids = (*(r[0] for r in HEADER_ROWS), "ZQ2004", 'ZQ"2005')
    return Case(f"ssda903-{name}", "ssda903", build, ids, la_code="201", format="ssda903")


REFERRALS = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Date of Referral",
             "Referral Source", "Referral NFA?", "Allocated Team"]  # fmt: skip
GOOD_REFERRALS: list[list[object]] = [
    ["ZQ3001", "Male", "WBRI", "2015-01-01", "2024-04-01", "6", "No", "North"],
    ["ZQ3002", "Female", "WBRI", 43831, 45383, "q) 6: Police", "b) No", None],
]


def _annex_rows(name: str) -> list[list[object]]:
    bad: dict[str, list[object]] = {
        "excel_serial_text": ["ZQ3003", "Male", "WBRI", "43831", "45383", "6", "No", None],
        "mixed_dates": ["ZQ3003", "Male", "WBRI", "01/02/2015", "2024-13-01", "6", "No", None],
        "future_date": ["ZQ3003", "Male", "WBRI", "2015-01-01", "2099-01-01", "6", "No", None],
        "older_than_25": ["ZQ3003", "Male", "WBRI", "1950-01-01", "2024-04-01", "6", "No", None],
        "missing_id": [None, "Male", "WBRI", "2015-01-01", "2024-04-01", "6", "No", None],
        "quote_in_id": ['ZQ"3004', "Male", "WBRI", "2015-01-01", "2024-04-01", "6", "No", None],
        "huge_cell": ["ZQ3003", "Male", "WBRI", "2015-01-01", "2024-04-01", "6", "No", "x" * 32000],
        "negative_serial": ["ZQ3003", "Male", "WBRI", -5, 45383, "6", "No", None],
        "huge_serial": ["ZQ3003", "Male", "WBRI", 10**9, 45383, "6", "No", None],
        "error_cell": ["ZQ3003", "Male", "WBRI", "#VALUE!", "#N/A", "6", "No", None],
        "extra_cells": ["ZQ3003", "Male", "WBRI", None, "2024-04-01", "6", "No", None, "x", "y"],
        "short_row": ["ZQ3003", "Male"],
    }
    if name == "duplicate_rows":
        return [REFERRALS, *GOOD_REFERRALS, GOOD_REFERRALS[0]]
    if name == "blank_rows":
        return [REFERRALS, [], GOOD_REFERRALS[0], [None] * 8, [" "] * 8, GOOD_REFERRALS[1]]
    return [REFERRALS, *GOOD_REFERRALS, bad[name]]


ANNEX_NAMES = (
    "excel_serial_text", "mixed_dates", "future_date", "older_than_25", "missing_id",
    "quote_in_id", "huge_cell", "negative_serial", "huge_serial", "error_cell", "extra_cells",
    "short_row", "duplicate_rows", "blank_rows",
)  # fmt: skip


def _annex_case(name: str) -> Case:
    rows = _annex_rows(name)
    data_rows = sum(1 for r in rows[1:] if any(v is not None and str(v).strip() for v in r))

    def build(folder: Path) -> Path:
        folder.mkdir(parents=True)
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "List 3 - Referrals"
        for row in rows:
            sheet.append(row)
        path = folder / "annex_a.xlsx"
        book.save(path)
        return path

    ids = ("ZQ3001", "ZQ3002", "ZQ3003", 'ZQ"3004')
    expected = {("annex_a.xlsx", "ssd_cin_episodes"): data_rows}
    return Case(f"annex_a-{name}", "annex_a", build, ids, "201", "annex_a", expected)


def _annex_file_case(name: str, data: bytes) -> Case:
    def build(folder: Path) -> Path:
        folder.mkdir(parents=True)
        path = folder / "annex_a.xlsx"
        path.write_bytes(data)
        return path

    return Case(f"annex_a-{name}", "annex_a", build, (), "201", "annex_a")


def cases() -> list[Case]:
    """CIN census, SSDA903 and Annex A cases."""
    out = [_xml_case(name, make) for name, make in XML_CASES.items()]
    out.append(_xml_folder_case())
    out += [_ssda903_case(name, make) for name, make in SSDA903_CASES.items()]
    out.append(_ssda903_case("episodes_end_before_start", lambda: _csv(HEADER, HEADER_ROWS)))
    out += [_annex_case(name) for name in ANNEX_NAMES]
    out += [
        _annex_file_case("empty", b""),
        _annex_file_case("zip_junk", b"PK\x03\x04" + bytes(100)),
        _annex_file_case("csv_renamed", b"Child Unique ID,Gender\nZQ3001,Male\n"),
    ]
    return out
