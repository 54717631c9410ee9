"""Annex A cell values turned into canonical text.

The template asks for lettered options ("a) Male", "q) 6: Police", "f) U6: Foster placement") and
councils also send the bare code, the bare label, Excel dates, Excel serial numbers or typed dates.
Anything not recognised is passed through as written, so the canonical validator rejects it with
the value quoted (a wrong code is reported, never silently dropped).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from csc_scorecard.ingest.annex_a_lists import Kind, normalise

_OPTION = re.compile(r"^[a-z]{1,2}\)\s*")  # the template's "a) " option letter
_CODE = re.compile(r"^([A-Za-z0-9]{1,6})\s*(?::|\s-\s|-\s|$)")
_ISO_TIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[ T]\d{1,2}:\d{2}")
_EXCEL_EPOCH = datetime(1899, 12, 30)
_LAST_SERIAL = 2958465  # 31/12/9999, Excel's last date

_LABELS: dict[Kind, dict[str, str]] = {
    Kind.SEX: {
        "male": "M", "m": "M", "1": "M", "female": "F", "f": "F", "2": "F",
        "not stated recorded": "U", "not stated recorded or unborn": "U", "not stated": "U",
        "not recorded": "U", "unknown": "U", "u": "U", "neither": "U", "0": "U", "9": "U",
    },
    Kind.CP_CATEGORY: {
        "neglect": "NEG", "physical abuse": "PHY", "physical": "PHY", "emotional abuse": "EMO",
        "emotional": "EMO", "sexual abuse": "SAB", "sexual": "SAB", "multiple": "MUL",
        "multiple not recommended": "MUL",
    },
    Kind.ELIGIBILITY: {
        "relevant child": "REL", "relevant": "REL", "former relevant child": "FREL",
        "former relevant": "FREL", "qualifying care leaver": "QUAL", "qualifying": "QUAL",
        "eligible child": "ELIG", "eligible": "ELIG",
    },
    Kind.IN_TOUCH: {
        "yes": "YES", "y": "YES", "no": "NO", "n": "NO", "died": "DIED", "refu": "REFU",
        "refuses contact": "REFU", "nreq": "NREQ", "no longer requires services": "NREQ",
        "rhom": "RHOM", "returned home": "RHOM",
    },
    Kind.SUITABLE: {"suitable": "true", "1": "true", "unsuitable": "false", "2": "false"},
}  # fmt: skip
_UNKNOWN = {"unknown", "not known", "c unknown"}
_MEMO_LIMIT = 4096


def cell_text(value: object, kind: Kind) -> str | None:
    """The canonical text of one cell, or None when it is empty."""
    if value is None:
        return None
    if kind is Kind.DATE:
        return _date(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    text = " ".join(str(value).replace("\xa0", " ").split())
    if not text or text.startswith("#N/A"):
        return None
    match kind:
        case Kind.CODE:
            return _code(text)
        case Kind.YESNO | Kind.NOT_YESNO:
            answer = _OPTION.sub("", text)
            if normalise(answer) in _UNKNOWN:
                return None
            if kind is Kind.NOT_YESNO and normalise(answer) in ("yes", "y", "no", "n"):
                return "no" if normalise(answer).startswith("y") else "yes"
            return answer
        case Kind.SEX | Kind.CP_CATEGORY | Kind.ELIGIBILITY | Kind.IN_TOUCH | Kind.SUITABLE:
            label = _OPTION.sub("", text)
            return _LABELS[kind].get(normalise(label)) or _code(label)
        case _:
            return text


def cell_texts() -> Callable[[object, Kind], str | None]:
    """``cell_text`` remembering up to ``_MEMO_LIMIT`` distinct cells, for one sheet's read.

    A list's option columns repeat a few values ("a) Male", "q) 6: Police") tens of thousands of
    times, and working each out again is most of a sheet's read time. Values are keyed with
    their type, since ``1``, ``1.0`` and ``True`` are equal keys but different cells.
    """
    memo: dict[tuple[type, object, Kind], str | None] = {}

    def text(value: object, kind: Kind) -> str | None:
        key = (type(value), value, kind)
        if key in memo:
            return memo[key]
        found = cell_text(value, kind)
        if len(memo) < _MEMO_LIMIT:
            memo[key] = found
        return found

    return text


def _code(text: str) -> str:
    """The code at the start of an option ("q) 6: Police" -> 6), else the text as given."""
    bare = _OPTION.sub("", text)
    found = _CODE.match(bare)
    return found.group(1).upper() if found else bare


def _date(value: object) -> str | None:
    """ISO date text from an Excel date, an Excel serial number or typed text."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value <= _LAST_SERIAL:
            return (_EXCEL_EPOCH + timedelta(days=int(value))).date().isoformat()
        return str(value)
    text = str(value).strip()
    if not text or text.startswith("#N/A"):
        return None
    if text.isdigit() and 1 <= int(text) <= _LAST_SERIAL:  # a serial typed as text
        return _date(int(text))
    timed = _ISO_TIME.match(text)
    return timed.group(1) if timed else text
