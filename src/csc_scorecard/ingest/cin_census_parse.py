"""Streaming parse of one CIN census XML file into canonical rows of text.

The census (DfE ``Message`` / ``Header`` / ``Children`` / ``Child``) nests a child's referrals
(``CINdetails``) and, inside each, its assessments, CIN plans, section 47 enquiries and child
protection plans. It carries no ids for any of these, so ids are derived from what identifies the
event: the child, the referral date and the event's own start date (plus an ordinal only when the
same child has two identical events). The same event in two census years therefore gets the same
id, and re-reading a file gives the same rows.

The file is read with ``iterparse`` behind defusedxml (entity declarations and external references
are refused, so a billion-laughs or XXE file fails cleanly), and each ``Child`` element is dropped
as soon as it is mapped, so memory stays flat however large the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse as safe_iterparse

from csc_scorecard.ingest.cin_census_episode import map_episode
from csc_scorecard.ingest.cin_census_rows import TableRows, census_year, event_id, sex_code


class MalformedCensusError(Exception):
    """The file cannot be read as a CIN census; the message is ours and never quotes data."""


@dataclass
class ParsedCensus:
    """Everything read from one census file."""

    la_code: str | None
    year: int | None
    rows: TableRows
    dropped: Counter[str] = field(default_factory=Counter)
    """Element paths (``Module/Item``) whose values have no place in the model, with counts."""
    notes: list[str] = field(default_factory=list)


def parse_census(path: Path, la_code: str | None) -> ParsedCensus:
    """Map every ``Child`` of the census at ``path``; ``la_code`` fills a missing ``LEA``.

    Raises:
        MalformedCensusError: the XML is not well formed, declares entities, is not a CIN census, or
            names no council.
    """
    parsed = ParsedCensus(la_code, None, TableRows())
    try:
        with path.open("rb") as source:
            _walk(safe_iterparse(source, events=("start", "end")), parsed, la_code)
    except DefusedXmlException:
        raise MalformedCensusError(
            "declares XML entities or external references, which are refused for safety"
        ) from None
    except ParseError as exc:
        line, column = exc.position
        raise MalformedCensusError(
            f"is not well-formed XML (line {line}, column {column})"
        ) from None
    return parsed


def _walk(events: Iterator[tuple[str, Element]], parsed: ParsedCensus, given: str | None) -> None:
    depth = 0
    children_element: Element | None = None
    child_number = 0
    for event, elem in events:
        if event == "start":
            depth += 1
            if depth == 1 and elem.tag != "Message":
                raise MalformedCensusError("is not a CIN census: its root element is not Message")
            if depth == 2 and elem.tag == "Children":
                children_element = elem
            continue
        depth -= 1
        if depth == 1 and elem.tag == "Header":
            _header(elem, parsed, given)
        elif depth == 2 and elem.tag == "Child" and children_element is not None:
            child_number += 1
            if parsed.la_code is None:
                raise MalformedCensusError(
                    "names no council (Header/Source/LEA); give the code with --la-code"
                )
            ChildMapper(parsed, child_number).map(elem)
            children_element.remove(elem)
    if depth == 0 and parsed.year is None and child_number == 0:
        raise MalformedCensusError("has no Header/CollectionDetails and no Children")


def _text(elem: Element | None, tag: str) -> str | None:
    found = None if elem is None else elem.find(tag)
    value = None if found is None or found.text is None else found.text.strip()
    return value or None


def _header(header: Element, parsed: ParsedCensus, given: str | None) -> None:
    details = header.find("CollectionDetails")
    if _text(details, "Collection") != "CIN":
        raise MalformedCensusError(
            "is not a CIN census: Header/CollectionDetails/Collection is not CIN"
        )
    lea = _text(header.find("Source"), "LEA")
    parsed.la_code = lea or given
    if lea and given and lea != given:
        parsed.notes.append(f"LEA {lea} in the Header is used; --la-code {given} only fills gaps")
    reference = _text(details, "ReferenceDate")
    year = census_year(reference, _text(details, "Year"))
    parsed.year = year
    if reference and not reference.endswith("-03-31"):
        parsed.notes.append(
            f"Header ReferenceDate {reference} is not a 31 March; census year taken as {year}"
        )


_NONE: frozenset[str] = frozenset()


class ChildMapper:
    """Maps one ``Child`` element; knows its path and the child's key for derived ids."""

    def __init__(self, parsed: ParsedCensus, number: int) -> None:
        self.parsed = parsed
        self.rows = parsed.rows
        self.la_code = parsed.la_code
        self.path = f"Child[{number}]"
        self.child_id: str | None = None
        self.key = self.path

    def id(self, prefix: str, *parts: str | None) -> str:
        """The derived id of this child's event identified by ``parts``.

        No ordinal is added: the same event recorded twice gets the same id, and the validator
        reports the second as a duplicate instead of it being counted twice.
        """
        return event_id(prefix, self.key, *(p or "" for p in parts))

    def values(
        self, elem: Element, module: str, known: frozenset[str], groups: frozenset[str] = _NONE
    ) -> dict[str, str | None]:
        """The module's items by tag; items the model cannot hold are counted as dropped."""
        values: dict[str, str | None] = {}
        for item in elem:
            if item.tag in known:
                values[item.tag] = (item.text or "").strip() or None
            elif item.tag not in groups:
                self.drop(module, item)
        return values

    def drop(self, module: str, item: Element) -> None:
        """Count an element (or each item of a group) whose values are not loaded."""
        leaves = [f"{item.tag}/{sub.tag}" for sub in item] or [item.tag]
        for leaf in leaves:
            self.parsed.dropped[f"{module}/{leaf}"] += 1

    def map(self, child: Element) -> None:
        ids = child.find("ChildIdentifiers")
        who = {} if ids is None else self.values(ids, "ChildIdentifiers", _IDENTIFIERS)
        self.child_id = who.get("LAchildID")
        self.key = f"id:{self.child_id}" if self.child_id else f"at:{self.path}"
        traits = child.find("ChildCharacteristics")
        what = (
            {}
            if traits is None
            else self.values(traits, "ChildCharacteristics", _TRAITS, _DISABILITIES)
        )
        sex = sex_code(who.get("Sex") or who.get("GenderCurrent"))
        self.rows.add(
            "ssd_person",
            self.path,
            (
                self.la_code,
                self.child_id,
                sex,
                what.get("Ethnicity"),
                who.get("PersonBirthDate"),
                who.get("ExpectedPersonBirthDate"),
                who.get("PersonDeathDate"),
            ),
        )
        for d, group in enumerate(() if traits is None else traits.findall("Disabilities"), 1):
            for n, item in enumerate(group.findall("Disability"), 1):
                code = (item.text or "").strip() or None
                where = f"{self.path}/ChildCharacteristics/Disabilities[{d}]/Disability[{n}]"
                row = (self.la_code, self.id("DIS", code), self.child_id, code)
                self.rows.add("ssd_disability", where, row)
        for other in child:
            if other.tag not in _CHILD_MODULES:
                self.drop("Child", other)
        for n, details in enumerate(child.findall("CINdetails"), 1):
            map_episode(self, details, f"{self.path}/CINdetails[{n}]")


_IDENTIFIERS = frozenset(
    {
        "LAchildID",
        "PersonBirthDate",
        "ExpectedPersonBirthDate",
        "Sex",
        "GenderCurrent",
        "PersonDeathDate",
    }
)
_TRAITS = frozenset({"Ethnicity"})
_DISABILITIES = frozenset({"Disabilities"})
_CHILD_MODULES = frozenset({"ChildIdentifiers", "ChildCharacteristics", "CINdetails"})
