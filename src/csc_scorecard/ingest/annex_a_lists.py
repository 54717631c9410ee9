"""The Ofsted Annex A lists as data: each list's columns (with the headings councils use for them)
and the canonical rows one list row becomes.

Headings follow the Ofsted Annex A template (2016 onward) and the workbooks councils send; aliases
cover the rewordings seen in practice. Matching is on a normalised heading (case, punctuation and
spacing ignored), so "Date Ceased to be Looked After " and "date ceased to be looked after" match.
Lists carry no event ids: the reader derives them from the child and the event's own dates.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """How a list cell becomes canonical text (see ``annex_a_values``)."""

    ID = "id"
    DATE = "date"
    TEXT = "text"
    CODE = "code"  # "f) U6: Foster placement" -> U6
    YESNO = "yesno"
    NOT_YESNO = "not_yesno"  # a yes/no question whose answer the model holds negated
    NUMBER = "number"
    SEX = "sex"
    CP_CATEGORY = "cp_category"
    ELIGIBILITY = "eligibility"
    IN_TOUCH = "in_touch"
    SUITABLE = "suitable"
    NOT_HELD = "not_held"  # a known column the model has no place for


def normalise(heading: object) -> str:
    """A heading compared without case, punctuation, curly quotes or repeated spaces."""
    text = str(heading).lower().replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@dataclass(frozen=True)
class Field:
    """One list column: a key the outputs refer to, how to read it, and its known headings."""

    key: str
    kind: Kind
    headings: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class Output:
    """One canonical row made from a list row.

    ``columns`` maps a canonical column to a field key, ``@name`` (a derived id, see
    ``ListSpec.ids``) or ``=value`` (a literal). The row exists only when the ``when`` field has a
    value (None: always).
    """

    table: str
    columns: Mapping[str, str]
    when: str | None = None


@dataclass(frozen=True)
class ListSpec:
    """One Annex A list.

    Attributes:
        number: the list number (1-11).
        name: its name in the template, also matched against sheet titles.
        fields: its columns.
        outputs: the canonical rows each list row becomes.
        ids: derived ids: name -> the field keys that, with the child, identify the event.
        keep: (field key, accepted values) - rows with another value are not loaded, with a note.
        child: the field holding the child's id; None for a list about adults (List 11).
    """

    number: int
    name: str
    fields: tuple[Field, ...]
    outputs: tuple[Output, ...] = ()
    ids: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    keep: tuple[str, frozenset[str]] | None = None
    child: str | None = "child"

    def __post_init__(self) -> None:
        keys = {f.key for f in self.fields}
        for out in self.outputs:
            for value in out.columns.values():
                ok = value[0] in "=@" and (value[0] == "=" or value[1:] in self.ids)
                if not ok and value not in keys:
                    raise ValueError(f"List {self.number}: {out.table} uses unknown {value!r}")


def f(key: str, kind: Kind, *headings: str) -> Field:
    return Field(key, kind, tuple(normalise(h) for h in headings), headings[0] if headings else key)


_CHILD = (
    f("child", Kind.ID, "Child Unique ID", "Child ID", "Unique Child ID", "Child Unique Identifier",
      "Child Identifier", "Person ID", "ChildID"),
    f("sex", Kind.SEX, "Gender", "Sex"),
    f("ethnicity", Kind.CODE, "Ethnicity", "Ethnic origin", "Ethnicity code"),
    f("dob", Kind.DATE, "Date of Birth", "DOB", "Child's date of birth"),
    f("age", Kind.NOT_HELD, "Age", "Age of Child (Years)", "Age of child", "Age (years)"),
    f("disability", Kind.NOT_HELD, "Does the Child have a Disability", "Disability",
      "Child has a disability"),
    f("team", Kind.TEXT, "Allocated Team", "Team", "Team responsible"),
    f("worker", Kind.NOT_HELD, "Allocated Worker", "Allocated Social Worker", "Social Worker"),
)  # fmt: skip
PERSON_COLUMNS = {"pers_person_id": "child", "pers_sex": "sex", "pers_ethnicity": "ethnicity"}
PERSON_COLUMNS |= {"pers_dob": "dob"}

LISTS: tuple[ListSpec, ...] = (
    ListSpec(1, "Contacts", (
        *_CHILD,
        f("contact_date", Kind.DATE, "Date of Contact", "Contact Date"),
        f("contact_source", Kind.CODE, "Contact Source", "Source of Contact"),
    ), (
        Output("ssd_contacts", {"cont_contact_id": "@contact", "cont_person_id": "child",
               "cont_contact_date": "contact_date", "cont_contact_source_code": "contact_source"}),
    ), {"contact": ("contact_date",)}),
    ListSpec(2, "Early Help", (
        *_CHILD,
        f("eh_start", Kind.DATE, "Assessment start date", "Early Help Assessment Start Date"),
        f("eh_done", Kind.NOT_HELD, "Assessment completion date",
          "Early Help Assessment Completion Date"),
        f("eh_org", Kind.TEXT, "Organisation completing assessment",
          "Organisation Completing Early Help Assessment"),
    ), (
        Output("ssd_early_help_episodes", {"earl_episode_id": "@episode",
               "earl_person_id": "child", "earl_episode_start_date": "eh_start",
               "earl_episode_organisation": "eh_org"}),
    ), {"episode": ("eh_start",)}),
    ListSpec(3, "Referrals", (
        *_CHILD,
        f("ref_date", Kind.DATE, "Date of Referral", "Referral Date"),
        f("ref_source", Kind.CODE, "Referral Source", "Source of Referral"),
        f("ref_nfa", Kind.YESNO, "Referral NFA?", "Referral NFA", "Referral No Further Action"),
        f("ref_count", Kind.NOT_HELD, "Number of Referrals in Last 12 Months",
          "Number of previous referrals in last 12 months"),
    ), (
        Output("ssd_cin_episodes", {"cine_referral_id": "@referral", "cine_person_id": "child",
               "cine_referral_date": "ref_date", "cine_referral_source_code": "ref_source",
               "cine_referral_nfa": "ref_nfa", "cine_referral_team": "team"}),
    ), {"referral": ("ref_date",)}),
    ListSpec(4, "Assessments", (
        *_CHILD,
        f("asmt_start", Kind.DATE, "Continuous Assessment Start Date", "Assessment Start Date"),
        f("asmt_seen", Kind.NOT_HELD, "Child Seen During Continuous Assessment",
          "Child seen during assessment"),
        f("asmt_auth", Kind.DATE, "Continuous Assessment Date of Authorisation",
          "Assessment Date of Authorisation", "Assessment Authorisation Date",
          "Assessment completion date"),
        f("asmt_need", Kind.NOT_YESNO,
          "Was the child assessed as requiring LA children's social care support?",
          "Was the child assessed as being in need at assessment?",
          "Was the child assessed as requiring LA childrens social care support"),
    ), (
        Output("ssd_cin_assessments", {"cina_assessment_id": "@assessment",
               "cina_person_id": "child", "cina_assessment_start_date": "asmt_start",
               "cina_assessment_auth_date": "asmt_auth", "cina_assessment_outcome_nfa": "asmt_need",
               "cina_assessment_team": "team"}),
    ), {"assessment": ("asmt_start",)}),
    ListSpec(5, "Section 47 enquiries and Initial Child Protection Conferences", (
        *_CHILD,
        f("s47_start", Kind.DATE, "Strategy discussion initiating Section 47 Enquiry Start Date",
          "Section 47 Enquiry Start Date", "S47 start date"),
        f("icpc_unneeded", Kind.YESNO,
          "Was an Initial Child Protection Conference deemed unnecessary?",
          "ICPC deemed unnecessary"),
        f("icpc_date", Kind.DATE, "Date of Initial Child Protection Conference", "ICPC date"),
        f("icpc_plan", Kind.YESNO,
          "Did the Initial Child Protection Conference Result in a Child Protection Plan",
          "Did the ICPC result in a child protection plan"),
        f("s47_count", Kind.NOT_HELD, "Number of Section 47 Enquiries in the last 12 months"),
        f("icpc_count", Kind.NOT_HELD, "Number of ICPCs in the last 12 months"),
    ), (
        Output("ssd_s47_enquiry", {"s47e_s47_enquiry_id": "@s47", "s47e_person_id": "child",
               "s47e_s47_start_date": "s47_start", "s47e_s47_nfa": "icpc_unneeded",
               "s47e_s47_completed_by_team": "team"}),
        Output("ssd_initial_cp_conference", {"icpc_icpc_id": "@icpc",
               "icpc_s47_enquiry_id": "@s47", "icpc_person_id": "child",
               "icpc_icpc_date": "icpc_date", "icpc_icpc_outcome_cp_flag": "icpc_plan",
               "icpc_icpc_team": "team"}, when="icpc_date"),
    ), {"s47": ("s47_start",), "icpc": ("s47_start", "icpc_date")}),
    ListSpec(6, "Children in Need", (
        *_CHILD,
        f("cin_start", Kind.DATE, "CIN Start Date", "Child in Need Start Date"),
        f("cin_need", Kind.NOT_HELD, "Primary Need Code", "Primary Need", "Category of need"),
        f("cin_seen", Kind.NOT_HELD, "Date Child Was Last Seen"),
        f("cin_end", Kind.DATE, "CIN Closure Date", "Child in Need Closure Date"),
        f("cin_reason", Kind.NOT_HELD, "Reason for Closure", "CIN closure reason"),
        f("cin_status", Kind.TEXT, "Case Status"),
    ), (
        Output("ssd_cin_plans", {"cinp_cin_plan_id": "@plan", "cinp_person_id": "child",
               "cinp_cin_plan_start_date": "cin_start", "cinp_cin_plan_end_date": "cin_end",
               "cinp_cin_plan_team": "team"}),
    ), {"plan": ("cin_start",)},
        keep=("cin_status", frozenset({"", "child in need plan", "cin plan"}))),
    ListSpec(7, "Child Protection", (
        *_CHILD,
        f("cp_start", Kind.DATE, "Child Protection Plan Start Date", "CP Plan Start Date"),
        f("cp_initial", Kind.CP_CATEGORY, "Initial Category of Abuse"),
        f("cp_latest", Kind.CP_CATEGORY, "Latest Category of Abuse"),
        f("cp_visit", Kind.NOT_HELD, "Date of the Last Statutory Visit"),
        f("cp_alone", Kind.NOT_HELD, "Was the Child Seen Alone?"),
        f("cp_review", Kind.DATE, "Date of latest review conference",
          "Date of last review conference"),
        f("cp_end", Kind.DATE, "Child Protection Plan End Date", "CP Plan End Date"),
        f("cp_epo", Kind.NOT_HELD, "Subject to Emergency Protection Order or Protected Under "
          "Police Powers in Last Six Months (Y/N)"),
        f("cp_previous", Kind.NUMBER, "Number of Previous Child Protection Plans"),
    ), (
        Output("ssd_cp_plans", {"cppl_cp_plan_id": "@plan", "cppl_person_id": "child",
               "cppl_cp_plan_start_date": "cp_start", "cppl_cp_plan_end_date": "cp_end",
               "cppl_cp_plan_initial_category": "cp_initial",
               "cppl_cp_plan_latest_category": "cp_latest",
               "cppl_number_of_previous_cpp": "cp_previous", "cppl_cp_plan_team": "team"}),
        Output("ssd_cp_reviews", {"cppr_cp_review_id": "@review", "cppr_person_id": "child",
               "cppr_cp_plan_id": "@plan", "cppr_cp_review_date": "cp_review"},
               when="cp_review"),
    ), {"plan": ("cp_start",), "review": ("cp_start", "cp_review")}),
    ListSpec(8, "Children in Care", (
        *_CHILD,
        f("uasc", Kind.NOT_HELD,
          "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)"),
        f("cla_start", Kind.DATE, "Date Started to be Looked After", "Date started care"),
        f("cla_need", Kind.CODE, "Child's Category of Need", "Category of need"),
        f("cla_repeat", Kind.NOT_HELD, "Is this a second or subsequent period of being a Looked "
          "After Child within the last 12 months (Y/N)", "Is this a second or subsequent episode "
          "of being a Looked After Child within the last 12 months (Y/N)"),
        f("legal_start", Kind.DATE, "Start date of current legal status"),
        f("legal", Kind.CODE, "Child's Legal Status", "Legal Status"),
        f("cla_review", Kind.DATE, "Date of Latest Statutory Review"),
        *(f(k, Kind.NOT_HELD, h) for k, h in (
            ("cla_visit", "Date of Last Social Work Visit"),
            ("perm_plan", "What is the permanence plan for this child?"),
            ("iro", "Date of Last IRO Visit / Contact to the Child"),
            ("health", "Date of Last Health Assessment"),
            ("dental", "Date of Last Dental Check"),
            ("moves", "Number of Placements in the Last 12 months"),
            ("postcode", "Placement postcode"),
            ("location", "Placement Location"),
            ("missing", "Number of Episodes the Child has been 'Missing' from their Placement in "
             "the last 12 months"),
            ("absent", "Number of Episodes the Child has been 'Absent' from their Placement in "
             "the last 12 months"),
            ("rhi_offered", "Was the child offered a Return Interview after their last missing "
             "episode (Y/N)?"),
            ("rhi_accepted", "Did the child accept a Return Interview after their last missing "
             "episode (Y/N)?"),
        )),
        f("cla_end", Kind.DATE, "Date Ceased to be Looked After"),
        f("cla_end_reason", Kind.CODE, "Reason Ceased to be Looked After"),
        f("place_start", Kind.DATE, "Start Date of Most Recent Placement"),
        f("place_type", Kind.CODE, "Placement Type"),
        f("place_provider", Kind.CODE, "Placement Provider"),
        f("place_urn", Kind.TEXT, "URN of Placement", "Placement URN"),
        f("place_la", Kind.TEXT, "LA of Placement"),
        f("ep_start", Kind.DATE),  # derived: the current episode's start
        f("ep_reason", Kind.TEXT),  # derived: its reason for new episode
    ), (
        Output("ssd_cla_episodes", {"clae_cla_episode_id": "@episode", "clae_person_id": "child",
               "clae_cla_episode_start_date": "ep_start",
               "clae_cla_episode_start_reason": "ep_reason", "clae_cla_primary_need_code":
               "cla_need", "clae_cla_episode_ceased_date": "cla_end",
               "clae_cla_episode_ceased_reason": "cla_end_reason", "clae_cla_id": "@period",
               "clae_cla_placement_id": "@placement", "clae_entered_care_date": "cla_start",
               "clae_cla_legal_status": "legal", "clae_cla_team": "team"}),
        Output("ssd_cla_placement", {"clap_cla_placement_id": "@placement",
               "clap_person_id": "child", "clap_cla_id": "@period",
               "clap_cla_placement_start_date": "place_start",
               "clap_cla_placement_end_date": "cla_end", "clap_cla_placement_type": "place_type",
               "clap_cla_placement_urn": "place_urn", "clap_cla_placement_provider":
               "place_provider", "clap_cla_placement_la": "place_la"}, when="place_start"),
        Output("ssd_cla_reviews", {"clar_cla_review_id": "@review", "clar_cla_id": "@period",
               "clar_person_id": "child", "clar_cla_review_date": "cla_review"},
               when="cla_review"),
    ), {"period": ("cla_start",), "episode": ("cla_start", "ep_start"),
        "placement": ("cla_start", "place_start"), "review": ("cla_start", "cla_review")}),
    ListSpec(9, "Care Leavers", (
        *_CHILD,
        f("uasc", Kind.NOT_HELD,
          "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)"),
        f("pa", Kind.NOT_HELD, "Allocated Personal Advisor", "Allocated Personal Adviser"),
        f("eligibility", Kind.ELIGIBILITY, "Eligibility Category"),
        f("pathway", Kind.NOT_HELD, "Latest Pathway Plan Review Date"),
        f("in_touch", Kind.IN_TOUCH, "LA in Touch", "In touch"),
        f("contact", Kind.DATE, "Latest Date of Contact", "Date of latest contact"),
        f("accom", Kind.CODE, "Type of Accommodation"),
        f("suitable", Kind.SUITABLE, "Suitability of Accommodation"),
        f("activity", Kind.CODE, "Activity Status"),
    ), (
        Output("ssd_care_leavers", {"clea_table_id": "@leaver", "clea_person_id": "child",
               "clea_care_leaver_eligibility": "eligibility",
               "clea_care_leaver_in_touch": "in_touch", "clea_care_leaver_latest_contact":
               "contact", "clea_care_leaver_accommodation": "accom",
               "clea_care_leaver_accom_suitable": "suitable",
               "clea_care_leaver_activity": "activity", "clea_care_leaver_allocated_team": "team"}),
    ), {"leaver": ()}),
    ListSpec(10, "Adoption", (
        *_CHILD,
        f("family", Kind.NOT_HELD, "Family identifier"),
        f("entered", Kind.NOT_HELD, "Date the Child Entered Care"),
        f("adm", Kind.DATE, "Date of Decision that Child Should be Placed for Adoption"),
        f("po", Kind.DATE, "Date of Placement Order"),
        f("matched", Kind.DATE, "Date of Matching Child and Prospective Adopters"),
        f("placed", Kind.DATE, "Date Placed for Adoption"),
        f("order", Kind.DATE, "Date of Adoption Order"),
        f("reversed", Kind.DATE,
          "Date of Decision that Child Should No Longer be Placed for Adoption"),
        f("reversed_reason", Kind.CODE, "Reason Why Child No Longer Placed for Adoption"),
        f("ffa", Kind.NOT_HELD, "Date the child was placed for fostering in FFA or concurrent "
          "planning placement"),
        f("order_type", Kind.TEXT),  # derived: ADO when there is an adoption order
    ), (
        Output("ssd_permanence", {"perm_table_id": "@adoption", "perm_person_id": "child",
               "perm_adm_decision_date": "adm", "perm_placement_order_date": "po",
               "perm_matched_date": "matched", "perm_placed_for_adoption_date": "placed",
               "perm_decision_reversed_date": "reversed",
               "perm_decision_reversed_reason": "reversed_reason",
               "perm_permanence_order_date": "order", "perm_permanence_order_type": "order_type"}),
    ), {"adoption": ()}),
    ListSpec(11, "Adopters", (
        f("adopter", Kind.ID, "Individual adopter identifier", "Adopter identifier"),
        f("family", Kind.NOT_HELD, "Family identifier"),
        f("enquiry", Kind.NOT_HELD, "Date enquiry received"),
        f("stage1", Kind.NOT_HELD, "Date Stage 1 started"),
        f("approved", Kind.NOT_HELD, "Date application approved"),
    ), child=None),
)  # fmt: skip
