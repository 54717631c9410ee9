"""The text of a CIN census XML file, child by child, in the DfE element order.

Built as escaped strings rather than an element tree so a council of any size is written in
constant memory beyond the grouped rows themselves.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from xml.sax.saxutils import escape

Row = dict[str, str | None]
Grouped = Mapping[str, list[Row]]

_SEX_BEFORE_2024 = {"M": "1", "F": "2", "U": "0"}
_FIRST_YEAR_WITH_SEX = 2024
"""The 2023 to 2024 census replaced GenderCurrent (1/2/0/9) with Sex (M/F/U)."""


@dataclass(frozen=True)
class Header:
    """The return's header: council, reporting year and when it was generated."""

    la_code: str
    census_year: int
    generated: datetime


def _release() -> str:
    try:
        return version("csc-scorecard")
    except PackageNotFoundError:
        return "unknown"


def _item(tag: str, value: str | None, indent: int) -> str:
    """``<tag>value</tag>`` on its own line, or nothing when there is no value."""
    if value is None or value == "":
        return ""
    return f"{' ' * indent}<{tag}>{escape(value)}</{tag}>\n"


def _items(indent: int, row: Row, pairs: tuple[tuple[str, str], ...]) -> str:
    return "".join(_item(tag, row.get(column), indent) for tag, column in pairs)


_EPISODE_ITEMS = (
    ("CINreferralDate", "cine_referral_date"),
    ("ReferralSource", "cine_referral_source_code"),
    ("PrimaryNeedCode", "cine_cin_primary_need_code"),
    ("CINclosureDate", "cine_close_date"),
    ("ReasonForClosure", "cine_close_reason"),
)
_ASSESSMENT_ITEMS = (
    ("AssessmentActualStartDate", "cina_assessment_start_date"),
    ("AssessmentAuthorisationDate", "cina_assessment_auth_date"),
)
_CIN_PLAN_ITEMS = (
    ("CINPlanStartDate", "cinp_cin_plan_start_date"),
    ("CINPlanEndDate", "cinp_cin_plan_end_date"),
)
_CP_PLAN_ITEMS = (
    ("CPPstartDate", "cppl_cp_plan_start_date"),
    ("CPPendDate", "cppl_cp_plan_end_date"),
    ("InitialCategoryOfAbuse", "cppl_cp_plan_initial_category"),
    ("LatestCategoryOfAbuse", "cppl_cp_plan_latest_category"),
    ("NumberOfPreviousCPP", "cppl_number_of_previous_cpp"),
)


@dataclass(frozen=True)
class CensusXml:
    """The rows of one return, grouped for writing: by child, by episode (referral id), by plan."""

    header: Header
    children: Grouped
    disabilities: Grouped
    episodes: Grouped
    events: Mapping[str, Grouped]
    reviews: Grouped

    def lines(self, people: list[str]) -> Iterator[str]:
        """The file's text in pieces: header, then each child in ``people`` order."""
        yield self._header()
        yield "  <Children>\n"
        for person in people:
            yield self._child(person)
        yield "  </Children>\n</Message>\n"

    def _header(self) -> str:
        h = self.header
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<Message>\n  <Header>\n'
            "    <CollectionDetails>\n      <Collection>CIN</Collection>\n"
            f"      <Year>{h.census_year}</Year>\n"
            f"      <ReferenceDate>{h.census_year}-03-31</ReferenceDate>\n"
            "    </CollectionDetails>\n    <Source>\n      <SourceLevel>L</SourceLevel>\n"
            f"{_item('LEA', h.la_code, 6)}"
            "      <SoftwareCode>csc-scorecard</SoftwareCode>\n"
            f"      <Release>{escape(_release())}</Release>\n      <SerialNo>001</SerialNo>\n"
            f"      <DateTime>{h.generated.isoformat(timespec='seconds')}</DateTime>\n"
            "    </Source>\n  </Header>\n"
        )

    def _child(self, person: str) -> str:
        (who,) = self.children.get(person) or [{"pers_person_id": person}]
        sex = who.get("pers_sex")
        if self.header.census_year >= _FIRST_YEAR_WITH_SEX:
            sex_item = _item("Sex", sex, 8)
        else:
            sex_item = _item("GenderCurrent", _SEX_BEFORE_2024.get(sex or "", sex), 8)
        disabilities = "".join(
            _item("Disability", d.get("disa_disability_code"), 10)
            for d in self.disabilities.get(person, [])
        )
        return (
            "    <Child>\n      <ChildIdentifiers>\n"
            f"{_item('LAchildID', person, 8)}"
            f"{_item('PersonBirthDate', who.get('pers_dob'), 8)}"
            f"{_item('ExpectedPersonBirthDate', who.get('pers_expected_dob'), 8)}"
            f"{sex_item}{_item('PersonDeathDate', who.get('pers_death_date'), 8)}"
            "      </ChildIdentifiers>\n      <ChildCharacteristics>\n"
            f"{_item('Ethnicity', who.get('pers_ethnicity'), 8)}"
            + (
                f"        <Disabilities>\n{disabilities}        </Disabilities>\n"
                if disabilities
                else ""
            )
            + "      </ChildCharacteristics>\n"
            + "".join(self._episode(e) for e in self.episodes.get(person, []))
            + "    </Child>\n"
        )

    def _events(self, table: str, referral: str) -> list[Row]:
        return self.events[table].get(referral, [])

    def _episode(self, episode: Row) -> str:
        referral = episode["cine_referral_id"] or ""
        conferences = self._events("ssd_initial_cp_conference", referral)
        enquiries = self._events("ssd_s47_enquiry", referral)
        nested = {e["s47e_s47_enquiry_id"] for e in enquiries}
        loose = [c for c in conferences if c.get("icpc_s47_enquiry_id") not in nested]
        parts = [
            "      <CINdetails>\n",
            _items(8, episode, _EPISODE_ITEMS),
            _item("DateOfInitialCPC", loose[0].get("icpc_icpc_date") if loose else None, 8),
            _item("ReferralNFA", episode.get("cine_referral_nfa"), 8),
        ]
        for a in self._events("ssd_cin_assessments", referral):
            parts.append(_group("Assessments", _items(10, a, _ASSESSMENT_ITEMS)))
        for p in self._events("ssd_cin_plans", referral):
            parts.append(_group("CINPlanDates", _items(10, p, _CIN_PLAN_ITEMS)))
        for s in enquiries:
            held = [
                c for c in conferences if c.get("icpc_s47_enquiry_id") == s["s47e_s47_enquiry_id"]
            ]
            conference = held[0] if held else {}
            body = (
                _item("S47ActualStartDate", s.get("s47e_s47_start_date"), 10)
                + _item("InitialCPCtarget", conference.get("icpc_icpc_target_date"), 10)
                + _item("DateOfInitialCPC", conference.get("icpc_icpc_date"), 10)
                + _item("ICPCnotRequired", s.get("s47e_s47_nfa"), 10)
            )
            parts.append(_group("Section47", body))
        for plan in self._events("ssd_cp_plans", referral):
            reviews = "".join(
                _item("CPPreviewDate", r.get("cppr_cp_review_date"), 12)
                for r in self.reviews.get(plan["cppl_cp_plan_id"] or "", [])
            )
            body = _items(10, plan, _CP_PLAN_ITEMS)
            if reviews:
                body += f"          <Reviews>\n{reviews}          </Reviews>\n"
            parts.append(_group("ChildProtectionPlans", body))
        parts.append("      </CINdetails>\n")
        return "".join(parts)


def _group(tag: str, body: str) -> str:
    return f"        <{tag}>\n{body}        </{tag}>\n"
