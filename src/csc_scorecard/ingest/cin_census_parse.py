"""Streaming parse of one CIN census XML file into canonical rows of text.

The census (DfE ``Message`` / ``Header`` / ``Children`` / ``Child``) nests a child's referrals
(``CINdetails``) and, inside each, its assessments, CIN plans, section 47 enquiries and child
protection plans. It carries no ids for any of these, so ids are derived from what identifies the
event: the child, the referral date and the event's own start date (plus an ordinal only when the
same child has two identical events). The same event in two census years therefore gets the same
id, and re-reading a file gives the same rows.

The prolog (everything before the root element, the only place a DTD can declare entities) is
first read by defusedxml's expat parser, which refuses entity declarations and external references,
so a billion-laughs or XXE file fails cleanly. The body is then parsed by lxml (libxml2, in C:
about four times faster than expat driven from Python) with entity substitution, DTD loading and
network access off, handing over only ``Header`` and ``Child`` elements; each ``Child`` is dropped
as soon as it is mapped and its rows go to disk a chunk at a time, so memory stays flat however
large the file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from hashlib import blake2b as _blake2b
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from lxml import etree

from csc_scorecard.ingest.cin_census_episode import map_episode
from csc_scorecard.ingest.cin_census_rows import TableRows, census_year, sex_code

Element = Any
"""An lxml element (lxml ships no type stubs); the ElementTree API subset used is typed by use."""
Groups = dict[str, list[Element]]
_PROLOG_CHUNK = 1 << 16


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


def parse_census(path: Path, la_code: str | None, spill: Path) -> ParsedCensus:
    """Map every ``Child`` of the census at ``path``; ``la_code`` fills a missing ``LEA``.

    The rows are written to the folder ``spill`` as they are made (see ``TableRows``).

    Raises:
        MalformedCensusError: the XML is not well formed, declares entities, is not a CIN census, or
            names no council.
    """
    parsed = ParsedCensus(la_code, None, TableRows(spill))
    try:
        with path.open("rb") as source:
            _check_prolog(source)
            source.seek(0)
            _walk(source, parsed, la_code)
    except DefusedXmlException:
        raise MalformedCensusError(
            "declares XML entities or external references, which are refused for safety"
        ) from None
    except (etree.XMLSyntaxError, ParseError) as exc:
        line, column = exc.position
        raise MalformedCensusError(
            f"is not well-formed XML (line {line}, column {column})"
        ) from None
    parsed.rows.flush()
    return parsed


class _RootReachedError(Exception):
    """The prolog is over: the root element has started (its tag is the argument)."""


def _check_prolog(source: Any) -> None:
    """Read up to the root element with defusedxml's rules; refuse a root other than Message.

    Entities can only be declared in the DTD, which ends before the root element starts, so once
    the root is reached nothing can declare one and the body parser, which substitutes none, is
    safe. Whatever defusedxml refuses, or expat finds malformed, in the prolog is raised as is.
    """
    parser = DefusedXMLParser()
    expat = parser.parser  # the expat parser defusedxml guards; the root element stops it

    def root(tag: str, _: object) -> None:
        raise _RootReachedError(tag)

    expat.StartElementHandler = root
    try:
        while chunk := source.read(_PROLOG_CHUNK):
            parser.feed(chunk)
        parser.close()
    except _RootReachedError as reached:
        tag = reached.args[0]
        if tag != "Message":
            raise MalformedCensusError(
                "is not a CIN census: its root element is not Message"
            ) from None


def _walk(source: Any, parsed: ParsedCensus, given: str | None) -> None:
    events = etree.iterparse(
        source,
        events=("end",),
        tag=("Header", "Child"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        remove_blank_text=True,
        collect_ids=False,
    )
    child_number = 0
    for _, elem in events:
        parent = elem.getparent()
        grandparent = None if parent is None else parent.getparent()
        if elem.tag == "Header" and parent is not None and grandparent is None:
            _header(elem, parsed, given)
        elif (
            elem.tag == "Child"
            and grandparent is not None
            and parent.tag == "Children"
            and grandparent.getparent() is None
        ):
            child_number += 1
            if parsed.la_code is None:
                raise MalformedCensusError(
                    "names no council (Header/Source/LEA); give the code with --la-code"
                )
            ChildMapper(parsed, child_number).map(elem)
            parent.remove(elem)
    if parsed.year is None and child_number == 0:
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
        reports the second as a duplicate instead of it being counted twice. The same value as
        ``event_id(prefix, key, *parts)``, inlined: it is computed for every event.
        """
        text = "\x1f".join([self.key, *[p or "" for p in parts]])
        return f"{prefix}-{_blake2b(text.encode(), digest_size=8).hexdigest()}"

    def split(
        self, elem: Element, module: str, known: frozenset[str], groups: frozenset[str] = _NONE
    ) -> tuple[dict[str, str | None], Groups]:
        """The module's items by tag, and its groups' elements by tag, in document order.

        One pass over the element: each lxml child touched costs a Python object, so the
        groups are gathered here rather than found again. Items the model cannot hold are
        counted as dropped.
        """
        values: dict[str, str | None] = {}
        found: Groups = {}
        for item in elem:
            tag = item.tag
            if tag in known:
                values[tag] = (item.text or "").strip() or None
            elif tag in groups:
                found.setdefault(tag, []).append(item)
            else:
                self.drop(module, item)
        return values, found

    def drop(self, module: str, item: Element) -> None:
        """Count an element (or each item of a group) whose values are not loaded."""
        leaves = [f"{item.tag}/{sub.tag}" for sub in item] or [item.tag]
        for leaf in leaves:
            self.parsed.dropped[f"{module}/{leaf}"] += 1

    def map(self, child: Element) -> None:
        _, modules = self.split(child, "Child", _NONE, _CHILD_MODULES)
        ids = modules.get("ChildIdentifiers")
        who = {} if ids is None else self.split(ids[0], "ChildIdentifiers", _IDENTIFIERS)[0]
        self.child_id = who.get("LAchildID")
        self.key = f"id:{self.child_id}" if self.child_id else f"at:{self.path}"
        traits = modules.get("ChildCharacteristics")
        what, groups = (
            ({}, {})
            if traits is None
            else self.split(traits[0], "ChildCharacteristics", _TRAITS, _DISABILITIES)
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
        for d, group in enumerate(groups.get("Disabilities", ()), 1):
            for n, item in enumerate(group.findall("Disability"), 1):
                code = (item.text or "").strip() or None
                where = f"{self.path}/ChildCharacteristics/Disabilities[{d}]/Disability[{n}]"
                row = (self.la_code, self.id("DIS", code), self.child_id, code)
                self.rows.add("ssd_disability", where, row)
        for n, details in enumerate(modules.get("CINdetails", ()), 1):
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
