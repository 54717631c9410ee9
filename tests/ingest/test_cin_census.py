"""CIN census XML reader: hand-made census files (ids are synthetic: C001), and the samples."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from csc_scorecard.ingest import Reason, ingest
from csc_scorecard.ingest.cin_census import CinCensusReader
from csc_scorecard.ingest.registry import reader_named

Query = Callable[[str], list[tuple[object, ...]]]
SAMPLES = Path(__file__).parents[2] / ".." / "shared" / "reference" / "samples" / "cin_census"

FULL_CHILD = """
<Child>
  <ChildIdentifiers>
    <LAchildID>C001</LAchildID><UPN>A000000000001</UPN>
    <PersonBirthDate>2015-06-01</PersonBirthDate><GenderCurrent>2</GenderCurrent>
  </ChildIdentifiers>
  <ChildCharacteristics>
    <Ethnicity>WBRI</Ethnicity>
    <Disabilities><Disability>HAND</Disability><Disability>HEAR</Disability></Disabilities>
  </ChildCharacteristics>
  <CINdetails>
    <CINreferralDate>2023-05-02</CINreferralDate><ReferralSource>1A</ReferralSource>
    <PrimaryNeedCode>N1</PrimaryNeedCode><CINclosureDate>2024-02-01</CINclosureDate>
    <ReasonForClosure>RC7</ReasonForClosure><ReferralNFA>0</ReferralNFA>
    <Assessments>
      <AssessmentActualStartDate>2023-05-03</AssessmentActualStartDate>
      <AssessmentInternalReviewDate>2023-05-20</AssessmentInternalReviewDate>
      <AssessmentAuthorisationDate>2023-06-01</AssessmentAuthorisationDate>
      <FactorsIdentifiedAtAssessment><AssessmentFactors>2A</AssessmentFactors>
      </FactorsIdentifiedAtAssessment>
    </Assessments>
    <CINPlanDates>
      <CINPlanStartDate>2023-06-02</CINPlanStartDate><CINPlanEndDate>2023-07-01</CINPlanEndDate>
    </CINPlanDates>
    <Section47>
      <S47ActualStartDate>2023-07-03</S47ActualStartDate>
      <InitialCPCtarget>2023-07-24</InitialCPCtarget>
      <DateOfInitialCPC>2023-07-20</DateOfInitialCPC><ICPCnotRequired>false</ICPCnotRequired>
    </Section47>
    <ChildProtectionPlans>
      <CPPstartDate>2023-07-20</CPPstartDate><CPPendDate>2024-01-31</CPPendDate>
      <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
      <LatestCategoryOfAbuse>EMO</LatestCategoryOfAbuse>
      <NumberOfPreviousCPP>1</NumberOfPreviousCPP>
      <Reviews><CPPreviewDate>2023-10-10</CPPreviewDate><CPPreviewDate>2024-01-15</CPPreviewDate>
      </Reviews>
    </ChildProtectionPlans>
  </CINdetails>
</Child>"""


def child(child_id: str = "C002", referred: str = "2023-09-01", **items: str) -> str:
    """A small child: one referral; ``items`` override or add CINdetails items."""
    details = {"CINreferralDate": referred, "ReferralSource": "6", "ReferralNFA": "false"}
    details |= items
    body = "".join(f"<{k}>{v}</{k}>" for k, v in details.items())
    return (
        f"<Child><ChildIdentifiers><LAchildID>{child_id}</LAchildID>"
        "<PersonBirthDate>2012-01-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>"
        "<ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>"
        f"<CINdetails>{body}</CINdetails></Child>"
    )


def census(*children: str, year: int = 2024, lea: str | None = "201") -> str:
    source = f"<Source><LEA>{lea}</LEA></Source>" if lea else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<Message><Header><CollectionDetails>'
        f"<Collection>CIN</Collection><Year>{year}</Year>"
        f"<ReferenceDate>{year}-03-31</ReferenceDate></CollectionDetails>{source}</Header>"
        f"<Children>{''.join(children)}</Children></Message>"
    )


@pytest.fixture
def xml(tmp_path: Path) -> Callable[..., Path]:
    def _xml(text: str, name: str = "cin.xml", folder: str = "in") -> Path:
        path = tmp_path / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _xml


def test_every_census_item_lands_in_its_canonical_column(
    xml: Callable[..., Path], db: Path, query: Query
) -> None:
    report = ingest([xml(census(FULL_CHILD))], db)
    assert report.rows_rejected == 0
    assert query("SELECT la_code, pers_person_id, pers_sex, pers_ethnicity FROM ssd_person") == [
        ("201", "C001", "F", "WBRI")
    ]
    assert query("SELECT disa_disability_code FROM ssd_disability ORDER BY 1") == [
        ("HAND",),
        ("HEAR",),
    ]
    [(referral, source, need, reason, nfa)] = query(
        "SELECT cine_referral_id, cine_referral_source_code, cine_cin_primary_need_code, "
        "cine_close_reason, cine_referral_nfa FROM ssd_cin_episodes"
    )
    assert (source, need, reason, nfa) == ("1A", "N1", "RC7", False)
    [(s47, s47_referral, not_required)] = query(
        "SELECT s47e_s47_enquiry_id, s47e_referral_id, s47e_s47_nfa FROM ssd_s47_enquiry"
    )
    assert (s47_referral, not_required) == (referral, False)
    [(icpc, from_s47, plan, made, target)] = query(
        "SELECT icpc_icpc_id, icpc_s47_enquiry_id, icpc_cp_plan_id, icpc_icpc_outcome_cp_flag, "
        "CAST(icpc_icpc_target_date AS VARCHAR) FROM ssd_initial_cp_conference"
    )
    assert (from_s47, made, target) == (s47, True, "2023-07-24")
    assert query(
        "SELECT cppl_cp_plan_id, cppl_icpc_id, cppl_cp_plan_latest_category, "
        "cppl_number_of_previous_cpp FROM ssd_cp_plans"
    ) == [(plan, icpc, "EMO", 1)]
    assert query("SELECT cppr_cp_plan_id, count(*) FROM ssd_cp_reviews GROUP BY 1") == [(plan, 2)]
    assert query("SELECT cina_referral_id FROM ssd_cin_assessments") == [(referral,)]
    assert query("SELECT cinp_referral_id FROM ssd_cin_plans") == [(referral,)]


def test_items_without_a_place_in_the_model_are_noted_not_silently_dropped(
    xml: Callable[..., Path], db: Path
) -> None:
    notes = [n.message for n in ingest([xml(census(FULL_CHILD))], db).notes]
    assert any(m.startswith("ChildIdentifiers/UPN: 1 value") for m in notes)
    assert any(m.startswith("Assessments/AssessmentInternalReviewDate: 1") for m in notes)
    assert any("FactorsIdentifiedAtAssessment/AssessmentFactors: 1" in m for m in notes)


def test_old_and_new_sex_codes(xml: Callable[..., Path], db: Path, query: Query) -> None:
    people = [
        child(f"C00{n}").replace("<Sex>M</Sex>", item)
        for n, item in enumerate(
            ["<GenderCurrent>1</GenderCurrent>", "<GenderCurrent>0</GenderCurrent>", "<Sex>U</Sex>"]
        )
    ]
    ingest([xml(census(*people))], db)
    assert query("SELECT pers_sex FROM ssd_person ORDER BY pers_person_id") == [
        ("M",),
        ("U",),
        ("U",),
    ]


def test_rejections_locate_the_element_and_never_quote_the_child(
    xml: Callable[..., Path], db: Path
) -> None:
    bad = child("SECRET9", referred="2023-02-30")
    report = ingest([xml(census(child("C001"), bad))], db)
    [rejection] = report.rejections
    assert (rejection.reason, rejection.location) == (
        Reason.IMPOSSIBLE_DATE,
        "Child[2]/CINdetails[1]",
    )
    assert "SECRET9" not in rejection.describe()


@pytest.mark.parametrize(
    ("items", "reason", "field"),
    [
        ({"CINclosureDate": "yesterday"}, Reason.WRONG_TYPE, "cine_close_date"),
        ({"CINclosureDate": "2023-08-01"}, Reason.END_BEFORE_START, "cine_close_date"),
        ({"ReferralSource": "99"}, Reason.UNKNOWN_CODE, "cine_referral_source_code"),
        ({"PrimaryNeedCode": "N12"}, Reason.UNKNOWN_CODE, "cine_cin_primary_need_code"),
        ({"ReferralNFA": "maybe"}, Reason.WRONG_TYPE, "cine_referral_nfa"),
        ({"CINreferralDate": ""}, Reason.MISSING_VALUE, "cine_referral_date"),
    ],
)
def test_bad_values_are_rejected_by_the_canonical_validator(
    xml: Callable[..., Path], db: Path, items: dict[str, str], reason: Reason, field: str
) -> None:
    report = ingest([xml(census(child("C001", **items)))], db)
    assert [(r.reason, r.field, r.table) for r in report.rejections] == [
        (reason, field, "ssd_cin_episodes")
    ]


def test_missing_child_id_rejects_the_child_and_its_records(
    xml: Callable[..., Path], db: Path
) -> None:
    report = ingest([xml(census(child("")))], db)
    assert {(r.table, r.reason) for r in report.rejections} == {
        ("ssd_person", Reason.MISSING_VALUE),
        ("ssd_cin_episodes", Reason.MISSING_VALUE),
    }
    assert report.rows_loaded == 0


def test_unknown_person_codes(xml: Callable[..., Path], db: Path) -> None:
    odd = child("C001").replace("<Sex>M</Sex>", "<Sex>X</Sex>").replace("WBRI", "ZZZZ")
    report = ingest([xml(census(odd))], db)
    assert {(r.field, r.reason) for r in report.rejections} == {
        ("pers_ethnicity", Reason.UNKNOWN_CODE),
        ("pers_sex", Reason.UNKNOWN_CODE),
        ("cine_person_id", Reason.ORPHAN_CHILD),
    }


def test_a_child_twice_in_one_return_is_a_duplicate(xml: Callable[..., Path], db: Path) -> None:
    report = ingest([xml(census(child("C001"), child("C001", referred="2023-10-01")))], db)
    [dup] = report.rejections
    assert (dup.table, dup.reason, dup.location) == ("ssd_person", Reason.DUPLICATE_KEY, "Child[2]")


def test_a_conference_recorded_at_both_levels_is_a_duplicate(
    xml: Callable[..., Path], db: Path
) -> None:
    both = FULL_CHILD.replace(
        "<ReferralNFA>0</ReferralNFA>",
        "<ReferralNFA>0</ReferralNFA><DateOfInitialCPC>2023-07-20</DateOfInitialCPC>",
    )
    [dup] = ingest([xml(census(both))], db).rejections
    assert (dup.table, dup.reason) == ("ssd_initial_cp_conference", Reason.DUPLICATE_KEY)
    assert dup.location == "Child[1]/CINdetails[1]/DateOfInitialCPC"


def test_re_ingesting_gives_the_same_ids(xml: Callable[..., Path], db: Path, query: Query) -> None:
    path = xml(census(FULL_CHILD))
    ingest([path], db)
    first = query("SELECT * FROM ssd_cp_reviews ORDER BY ALL")
    ingest([path], db)
    assert query("SELECT * FROM ssd_cp_reviews ORDER BY ALL") == first


def test_census_years_in_a_folder_merge_and_the_later_year_wins(
    xml: Callable[..., Path], db: Path, query: Query
) -> None:
    open_then = child("C001", referred="2023-03-01")
    closed_now = child("C001", referred="2023-03-01", CINclosureDate="2023-06-30")
    closed_now = closed_now.replace("WBRI", "WIRI")
    later = xml(census(closed_now, child("C002"), year=2024), name="b.xml", folder="both")
    xml(census(open_then, year=2023), name="z.xml", folder="both")
    report = ingest([later.parent], db)
    assert report.rows_rejected == 0
    assert query("SELECT pers_person_id, pers_ethnicity FROM ssd_person ORDER BY 1") == [
        ("C001", "WIRI"),
        ("C002", "WBRI"),
    ]
    assert query(
        "SELECT cine_person_id, CAST(cine_close_date AS VARCHAR) FROM ssd_cin_episodes ORDER BY 1"
    ) == [("C001", "2023-06-30"), ("C002", None)]
    merged = [n for n in report.notes if "later census year" in n.message]
    assert {(Path(n.source).name, n.table) for n in merged} == {
        ("z.xml", "ssd_person"),
        ("z.xml", "ssd_cin_episodes"),
    }


def test_same_event_gets_the_same_id_in_any_census_year(
    xml: Callable[..., Path], db: Path, query: Query
) -> None:
    ingest([xml(census(child("C001"), year=2024), name="a.xml")], db)
    first = query("SELECT cine_referral_id FROM ssd_cin_episodes")
    ingest([xml(census(child("C009"), child("C001"), year=2025), name="b.xml")], db)
    assert set(first) <= set(query("SELECT cine_referral_id FROM ssd_cin_episodes"))


def test_malformed_xml_is_one_file_rejection(xml: Callable[..., Path], db: Path) -> None:
    truncated = census(child("C001"))[:-40]
    report = ingest([xml(truncated)], db)
    [rejection] = report.rejections
    assert (rejection.reason, rejection.row) == (Reason.MALFORMED_FILE, None)
    assert "not well-formed" in rejection.message
    assert report.counts == ()


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE Message [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE Message [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["billion-laughs", "external-entity"],
)
def test_entity_attacks_are_refused(xml: Callable[..., Path], db: Path, doctype: str) -> None:
    text = census(child("C001", ReasonForClosure="&b;" if "ENTITY a" in doctype else "&x;"))
    path = xml(text.replace("?>\n", f"?>\n{doctype}\n", 1))
    assert CinCensusReader().detect(path)
    [rejection] = ingest([path], db).rejections
    assert rejection.reason is Reason.MALFORMED_FILE
    assert "entities" in rejection.message
    assert "passwd" not in rejection.message


def test_detect_sniffs_only_cin_census_xml(xml: Callable[..., Path]) -> None:
    reader = CinCensusReader()
    assert reader.detect(xml(census(child())))
    other = census(child()).replace(
        "<Collection>CIN</Collection>", "<Collection>SSDA903</Collection>"
    )
    assert not reader.detect(xml(other, name="other.xml"))
    assert not reader.detect(xml("<Root/>", name="root.xml"))
    assert not reader.detect(xml(census(child()), name="cin.txt"))


def test_forced_format_on_another_collection_is_malformed(
    xml: Callable[..., Path], db: Path
) -> None:
    other = census(child()).replace("<Collection>CIN</Collection>", "<Collection>X</Collection>")
    [rejection] = ingest([xml(other)], db, format="cin_census").rejections
    assert rejection.reason is Reason.MALFORMED_FILE
    assert reader_named("cin_census").name == "cin_census"


def test_council_code_from_lea_or_given(xml: Callable[..., Path], db: Path, query: Query) -> None:
    no_lea = xml(census(child("C001"), lea=None))
    [rejection] = ingest([no_lea], db).rejections
    assert "--la-code" in rejection.message
    ingest([no_lea], db, la_code="330")
    assert query("SELECT la_code FROM ssd_person") == [("330",)]


def test_a_folder_rejects_files_that_are_not_a_census(xml: Callable[..., Path], db: Path) -> None:
    census_file = xml(census(child("C001")), folder="mixed")
    xml("hello", name="notes.txt", folder="mixed")
    report = ingest([census_file.parent], db)
    assert [(r.reason, Path(r.source).name) for r in report.rejections] == [
        (Reason.UNSUPPORTED_FORMAT, "notes.txt")
    ]


def _count(root: ET.Element, path: str) -> int:
    return len(root.findall(path))


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/reference/samples/cin_census absent")
@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in SAMPLES.glob("*.xml")) if SAMPLES.is_dir() else [],
)
def test_sample_counts_reconcile_with_the_elements_in_the_file(name: str, db: Path) -> None:
    path = SAMPLES / name
    root = ET.parse(path).getroot()  # trusted reference file, no entities
    expected = {
        "ssd_person": _count(root, "Children/Child"),
        "ssd_cin_episodes": _count(root, "Children/Child/CINdetails"),
        "ssd_cin_assessments": _count(root, "Children/Child/CINdetails/Assessments"),
        "ssd_s47_enquiry": _count(root, "Children/Child/CINdetails/Section47"),
        "ssd_cp_plans": _count(root, "Children/Child/CINdetails/ChildProtectionPlans"),
        "ssd_disability": _count(root, "Children/Child/ChildCharacteristics/Disabilities/*"),
        "ssd_cp_reviews": _count(root, ".//Reviews/CPPreviewDate"),
        "ssd_initial_cp_conference": _count(root, ".//DateOfInitialCPC"),
    }
    report = ingest([path], db)
    read = {c.table: c.read for c in report.counts}
    assert {t: read.get(t, 0) for t in expected} == expected
    for count in report.counts:
        assert count.read == count.loaded + count.rejected
