"""One ``CINdetails`` element (a referral and what followed it) mapped to canonical rows.

Links the census expresses by nesting become ids: every record carries its referral's id, a
conference carries its section 47 enquiry's, and a review its plan's. The census does not say
which conference made which plan; a plan starting on the date of a conference in the same
episode is taken to be the plan that conference made (the CP plan start date is the date of the
initial conference in the census guide's definition).

An initial conference may be recorded inside its ``Section47`` or, with no enquiry in the
episode, directly on ``CINdetails``; both become ``ssd_initial_cp_conference`` rows with the same
derived id, so one recorded at both levels (DfE rule 2884) is rejected as a duplicate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from csc_scorecard.ingest.cin_census_rows import bool_text

if TYPE_CHECKING:
    from csc_scorecard.ingest.cin_census_parse import ChildMapper, Element, Groups

_EPISODE = frozenset(
    {
        "CINreferralDate",
        "ReferralSource",
        "PrimaryNeedCode",
        "CINclosureDate",
        "ReasonForClosure",
        "DateOfInitialCPC",
        "ReferralNFA",
    }
)
_GROUPS = frozenset({"Assessments", "CINPlanDates", "Section47", "ChildProtectionPlans"})
_ASSESSMENT = frozenset({"AssessmentActualStartDate", "AssessmentAuthorisationDate"})
_CIN_PLAN = frozenset({"CINPlanStartDate", "CINPlanEndDate"})
_S47 = frozenset({"S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired"})
_CP_PLAN = frozenset(
    {
        "CPPstartDate",
        "CPPendDate",
        "InitialCategoryOfAbuse",
        "LatestCategoryOfAbuse",
        "NumberOfPreviousCPP",
    }
)
_REVIEWS = frozenset({"Reviews"})
_NO_CONFERENCE = "Section47/InitialCPCtarget (no conference date, so no conference row)"


def map_episode(mapper: ChildMapper, details: Element, path: str) -> None:
    """Add the referral at ``path`` and everything nested in it to ``mapper``'s rows."""
    v, groups = mapper.split(details, "CINdetails", _EPISODE, _GROUPS)
    la, child, rows = mapper.la_code, mapper.child_id, mapper.rows
    referred = v.get("CINreferralDate")
    referral = mapper.id("REF", referred)
    rows.add(
        "ssd_cin_episodes",
        path,
        (
            la,
            referral,
            child,
            referred,
            v.get("ReferralSource"),
            v.get("PrimaryNeedCode"),
            v.get("CINclosureDate"),
            v.get("ReasonForClosure"),
            v.get("ReferralNFA"),
        ),
    )
    for n, elem in enumerate(groups.get("Assessments", ()), 1):
        a = mapper.split(elem, "Assessments", _ASSESSMENT)[0]
        start = a.get("AssessmentActualStartDate")
        assessment = (la, mapper.id("ASM", referred, start), child, referral, start, a.get(_AUTH))
        rows.add("ssd_cin_assessments", f"{path}/Assessments[{n}]", assessment)
    for n, elem in enumerate(groups.get("CINPlanDates", ()), 1):
        p = mapper.split(elem, "CINPlanDates", _CIN_PLAN)[0]
        start = p.get("CINPlanStartDate")
        cin_plan = (la, mapper.id("CINP", referred, start), referral, child, start)
        rows.add("ssd_cin_plans", f"{path}/CINPlanDates[{n}]", (*cin_plan, p.get(_CIN_END)))
    plans = _plans(mapper, groups, path, referred)
    made_by = _conferences(mapper, groups, path, v, plans)
    for where, plan_id, p in plans:
        start = p.get("CPPstartDate")
        rows.add(
            "ssd_cp_plans",
            where,
            (
                *(la, plan_id, referral, made_by.get(plan_id), child, start, p.get("CPPendDate")),
                p.get("InitialCategoryOfAbuse"),
                p.get("LatestCategoryOfAbuse"),
                p.get("NumberOfPreviousCPP"),
            ),
        )


_AUTH = "AssessmentAuthorisationDate"
_CIN_END = "CINPlanEndDate"

_Plan = tuple[str, str, dict[str, str | None]]


def _plans(mapper: ChildMapper, groups: Groups, path: str, referred: str | None) -> list[_Plan]:
    """Each plan's location, id and items; its reviews are added as rows straight away."""
    plans = []
    for n, elem in enumerate(groups.get("ChildProtectionPlans", ()), 1):
        where = f"{path}/ChildProtectionPlans[{n}]"
        p, reviews = mapper.split(elem, "ChildProtectionPlans", _CP_PLAN, _REVIEWS)
        plan_id = mapper.id("CPP", referred, p.get("CPPstartDate"))
        plans.append((where, plan_id, p))
        for r, group in enumerate(reviews.get("Reviews", ()), 1):
            for k, item in enumerate(group, 1):
                if item.tag != "CPPreviewDate":
                    mapper.drop("Reviews", item)
                    continue
                held = (item.text or "").strip() or None
                review = (mapper.la_code, mapper.id("CPR", plan_id, held), mapper.child_id, plan_id)
                mapper.rows.add(
                    "ssd_cp_reviews", f"{where}/Reviews[{r}]/CPPreviewDate[{k}]", (*review, held)
                )
    return plans


def _conferences(
    mapper: ChildMapper,
    groups: Groups,
    path: str,
    episode: dict[str, str | None],
    plans: list[_Plan],
) -> dict[str, str]:
    """Add the enquiries and conferences; return the conference id that made each plan."""
    la, child, rows = mapper.la_code, mapper.child_id, mapper.rows
    referred = episode.get("CINreferralDate")
    referral = mapper.id("REF", referred)
    held: list[tuple[str, str | None, str | None, str]] = []
    for n, elem in enumerate(groups.get("Section47", ()), 1):
        where = f"{path}/Section47[{n}]"
        s = mapper.split(elem, "Section47", _S47)[0]
        start = s.get("S47ActualStartDate")
        enquiry = mapper.id("S47", referred, start)
        enquiry_row = (la, enquiry, referral, child, start, s.get("ICPCnotRequired"))
        rows.add("ssd_s47_enquiry", where, enquiry_row)
        conference_date = s.get("DateOfInitialCPC")
        if conference_date:
            held.append((where, enquiry, s.get("InitialCPCtarget"), conference_date))
        elif s.get("InitialCPCtarget"):
            mapper.parsed.dropped[_NO_CONFERENCE] += 1
    episode_conference = episode.get("DateOfInitialCPC")
    if episode_conference:
        held.append((f"{path}/DateOfInitialCPC", None, None, episode_conference))
    starts: dict[str | None, str] = {}
    for _, plan_id, p in plans:
        starts.setdefault(p.get("CPPstartDate"), plan_id)
    made_by: dict[str, str] = {}
    for where, from_enquiry, target, date in held:
        conference = mapper.id("ICPC", referred, date)
        plan = starts.get(date)
        if plan is not None:
            made_by.setdefault(plan, conference)
        made = bool_text(plan is not None)
        conference_row = (la, conference, from_enquiry, child, plan, referral, target, date, made)
        rows.add("ssd_initial_cp_conference", where, conference_row)
    return made_by
