"""The canonical tables. SSD names are used wherever SSD has the item; extensions say why.

Extension tables are named ``csc_*``; extension columns are marked ``ssd=False``. Personal
names, addresses and other identifying detail SSD carries are left out: no indicator needs them.
"""

from __future__ import annotations

from csc_scorecard.model.schema import Column, ColumnType, Table

S, D, I, N, B = (  # noqa: E741 - short aliases keep the declarations readable as a table
    ColumnType.STRING,
    ColumnType.DATE,
    ColumnType.INTEGER,
    ColumnType.DECIMAL,
    ColumnType.BOOLEAN,
)


def col(name: str, type_: ColumnType, description: str, **options: object) -> Column:
    """Shorthand for a column declaration."""
    return Column(name, type_, description, **options)  # type: ignore[arg-type]


def person(name: str, ssd: bool = True) -> Column:
    why = "" if ssd else " Extension: SSD reaches the child only through another table."
    return col(
        name,
        S,
        f"The child's id (same value as ssd_person.pers_person_id).{why}",
        required=True,
        identifier=True,
        ssd=ssd,
    )


def team(name: str, what: str, ssd: bool = True) -> Column:
    return col(
        name, S, f"Team responsible for the {what} (ssd_department.dept_team_name).", ssd=ssd
    )


TABLES: tuple[Table, ...] = (
    Table(
        "ssd_person",
        "One row per child known to children's social care.",
        (
            col(
                "pers_person_id",
                S,
                "The child's id in the case management system.",
                required=True,
                identifier=True,
            ),
            col("pers_sex", S, "Sex as recorded (CIN census Sex).", codes="sex"),
            col("pers_ethnicity", S, "DfE ethnicity code.", codes="ethnicity"),
            col("pers_dob", D, "Date of birth; empty for an unborn child."),
            col("pers_expected_dob", D, "Expected date of birth of an unborn child.", planned=True),
            col("pers_death_date", D, "Date of death."),
        ),
        ("pers_person_id",),
        date_order=(("pers_dob", "pers_death_date"),),
        birth_date="pers_dob",
        age_event="pers_death_date",
    ),
    Table(
        "ssd_disability",
        "One row per disability recorded for a child (CIN census Disability).",
        (
            col("disa_table_id", S, "Row id.", required=True),
            person("disa_person_id"),
            col(
                "disa_disability_code", S, "DfE disability code.", required=True, codes="disability"
            ),
        ),
        ("disa_table_id",),
        person_column="disa_person_id",
    ),
    Table(
        "ssd_immigration_status",
        "Immigration status periods; status UASC marks unaccompanied asylum-seeking children.",
        (
            col("immi_immigration_status_id", S, "Row id.", required=True),
            person("immi_person_id"),
            col(
                "immi_immigration_status",
                S,
                "Status code.",
                required=True,
                codes="immigration_status",
            ),
            col("immi_immigration_status_start_date", D, "Start of the status.", required=True),
            col("immi_immigration_status_end_date", D, "End of the status; empty while current."),
        ),
        ("immi_immigration_status_id",),
        person_column="immi_person_id",
        age_event="immi_immigration_status_start_date",
        date_order=(("immi_immigration_status_start_date", "immi_immigration_status_end_date"),),
    ),
    Table(
        "ssd_family",
        "Links a child to a family (used for early help family counts).",
        (
            col("fami_table_id", S, "Row id.", required=True),
            col("fami_family_id", S, "Family id.", required=True, identifier=True),
            person("fami_person_id"),
        ),
        ("fami_table_id",),
        person_column="fami_person_id",
    ),
    Table(
        "ssd_department",
        "Teams and the service each belongs to, for breakdowns by team and service.",
        (
            col("dept_team_id", S, "Team id.", required=True),
            col("dept_team_name", S, "Team name as used in the other tables.", required=True),
            col("dept_team_parent_id", S, "Service id."),
            col("dept_team_parent_name", S, "Service name (e.g. Corporate Parenting)."),
        ),
        ("dept_team_id",),
    ),
    Table(
        "ssd_contacts",
        "One row per contact received by children's social care (front door / MASH).",
        (
            col("cont_contact_id", S, "Contact id.", required=True),
            person("cont_person_id"),
            col("cont_contact_date", D, "Date the contact was received.", required=True),
            col(
                "cont_contact_source_code",
                S,
                "Source of contact (CIN referral source codes).",
                codes="referral_source",
            ),
            col(
                "cont_contact_outcome_code",
                S,
                "Contact outcome. Extension: SSD holds a JSON "
                "outcome list; one code is enough for the contact-to-referral measures.",
                codes="contact_outcome",
                ssd=False,
            ),
        ),
        ("cont_contact_id",),
        person_column="cont_person_id",
        age_event="cont_contact_date",
    ),
    Table(
        "ssd_cin_episodes",
        "One row per referral (CIN census CINdetails): the referral opens a CIN episode.",
        (
            col("cine_referral_id", S, "Referral id.", required=True),
            person("cine_person_id"),
            col("cine_referral_date", D, "CINreferralDate.", required=True),
            col(
                "cine_cin_primary_need_code", S, "Primary need code (N0-N9).", codes="primary_need"
            ),
            col("cine_referral_source_code", S, "Referral source code.", codes="referral_source"),
            col("cine_referral_nfa", B, "ReferralNFA: no further action at referral."),
            col(
                "cine_referral_decision_date",
                D,
                "Date the referral decision was completed. "
                "Extension: needed for referral timeliness (1 and 3 working days).",
                ssd=False,
            ),
            col(
                "cine_close_reason", S, "Reason for closure (RC1-RC9).", codes="cin_closure_reason"
            ),
            col("cine_close_date", D, "CINclosureDate; empty while the episode is open."),
            team("cine_referral_team", "referral"),
            col(
                "cine_transfer_in",
                B,
                "The referral is a transfer in from another council. "
                "Extension: transfers-in are excluded from some timeliness measures.",
                ssd=False,
            ),
        ),
        ("cine_referral_id",),
        person_column="cine_person_id",
        age_event="cine_referral_date",
        date_order=(
            ("cine_referral_date", "cine_close_date"),
            ("cine_referral_date", "cine_referral_decision_date"),
        ),
    ),
    Table(
        "ssd_cin_assessments",
        "One row per Child and Family (single) assessment.",
        (
            col("cina_assessment_id", S, "Assessment id.", required=True),
            person("cina_person_id"),
            col("cina_referral_id", S, "Referral the assessment belongs to."),
            col("cina_assessment_start_date", D, "AssessmentActualStartDate.", required=True),
            col(
                "cina_assessment_child_seen", D, "Date the child was first seen in the assessment."
            ),
            col("cina_assessment_auth_date", D, "AssessmentAuthorisationDate (completion)."),
            col("cina_assessment_outcome_nfa", B, "No further action after the assessment."),
            team("cina_assessment_team", "assessment"),
        ),
        ("cina_assessment_id",),
        person_column="cina_person_id",
        age_event="cina_assessment_start_date",
        date_order=(
            ("cina_assessment_start_date", "cina_assessment_auth_date"),
            ("cina_assessment_start_date", "cina_assessment_child_seen"),
        ),
    ),
    Table(
        "ssd_s47_enquiry",
        "One row per section 47 enquiry. The start date is the strategy discussion that began it.",
        (
            col("s47e_s47_enquiry_id", S, "Enquiry id.", required=True),
            col("s47e_referral_id", S, "Referral the enquiry belongs to."),
            person("s47e_person_id"),
            col(
                "s47e_s47_start_date", D, "S47ActualStartDate (strategy discussion).", required=True
            ),
            col("s47e_s47_end_date", D, "Date the enquiry ended."),
            col("s47e_s47_nfa", B, "ICPCnotRequired: enquiry ended with no conference needed."),
            team("s47e_s47_completed_by_team", "enquiry"),
        ),
        ("s47e_s47_enquiry_id",),
        person_column="s47e_person_id",
        age_event="s47e_s47_start_date",
        date_order=(("s47e_s47_start_date", "s47e_s47_end_date"),),
    ),
    Table(
        "ssd_initial_cp_conference",
        "One row per initial (or transfer-in) child protection conference.",
        (
            col("icpc_icpc_id", S, "Conference id.", required=True),
            col("icpc_s47_enquiry_id", S, "Enquiry that led to the conference."),
            person("icpc_person_id"),
            col("icpc_cp_plan_id", S, "Plan that resulted, if any."),
            col("icpc_referral_id", S, "Referral the conference belongs to."),
            col(
                "icpc_icpc_transfer_in", B, "Transfer-in conference (child moved from another LA)."
            ),
            col(
                "icpc_icpc_target_date",
                D,
                "InitialCPCtarget: the council's target date.",
                planned=True,
            ),
            col("icpc_icpc_date", D, "DateOfInitialCPC.", required=True),
            col("icpc_icpc_outcome_cp_flag", B, "The conference made a child protection plan."),
            team("icpc_icpc_team", "conference"),
        ),
        ("icpc_icpc_id",),
        person_column="icpc_person_id",
        age_event="icpc_icpc_date",
    ),
    Table(
        "ssd_cin_plans",
        "One row per child in need plan.",
        (
            col("cinp_cin_plan_id", S, "Plan id.", required=True),
            col("cinp_referral_id", S, "Referral the plan belongs to."),
            person("cinp_person_id"),
            col("cinp_cin_plan_start_date", D, "CINPlanStartDate.", required=True),
            col("cinp_cin_plan_end_date", D, "CINPlanEndDate; empty while open."),
            team("cinp_cin_plan_team", "plan"),
            col(
                "cinp_plan_review_date",
                D,
                "Date the plan was last reviewed or updated. "
                "Extension: needed for 'up-to-date plan' measures.",
                ssd=False,
            ),
        ),
        ("cinp_cin_plan_id",),
        person_column="cinp_person_id",
        age_event="cinp_cin_plan_start_date",
        date_order=(("cinp_cin_plan_start_date", "cinp_cin_plan_end_date"),),
    ),
    Table(
        "ssd_cp_plans",
        "One row per child protection plan.",
        (
            col("cppl_cp_plan_id", S, "Plan id.", required=True),
            col("cppl_referral_id", S, "Referral the plan belongs to."),
            col("cppl_icpc_id", S, "Conference that made the plan."),
            person("cppl_person_id"),
            col("cppl_cp_plan_start_date", D, "CPPstartDate.", required=True),
            col("cppl_cp_plan_end_date", D, "CPPendDate; empty while open."),
            col(
                "cppl_cp_plan_initial_category",
                S,
                "Initial category of abuse.",
                codes="cp_category",
            ),
            col(
                "cppl_cp_plan_latest_category", S, "Latest category of abuse.", codes="cp_category"
            ),
            col("cppl_cp_plan_ola", B, "Plan started while the child lived in another LA."),
            col(
                "cppl_number_of_previous_cpp",
                I,
                "NumberOfPreviousCPP as returned in the CIN "
                "census (plans held before this one, here or elsewhere). Extension.",
                ssd=False,
                non_negative=True,
            ),
            team("cppl_cp_plan_team", "plan", ssd=False),
            col(
                "cppl_plan_review_date",
                D,
                "Date the plan was last updated. Extension: needed for 'up-to-date plan' measures.",
                ssd=False,
            ),
        ),
        ("cppl_cp_plan_id",),
        person_column="cppl_person_id",
        age_event="cppl_cp_plan_start_date",
        date_order=(("cppl_cp_plan_start_date", "cppl_cp_plan_end_date"),),
    ),
    Table(
        "ssd_cp_reviews",
        "One row per child protection review conference.",
        (
            col("cppr_cp_review_id", S, "Review id.", required=True),
            person("cppr_person_id"),
            col("cppr_cp_plan_id", S, "Plan reviewed."),
            col("cppr_cp_review_due", D, "Date the review was due.", planned=True),
            col("cppr_cp_review_date", D, "CPPreviewDate: date held.", required=True),
            col("cppr_cp_review_outcome_continue_cp", B, "The plan continues."),
            col("cppr_cp_review_quorate", B, "The conference was quorate."),
        ),
        ("cppr_cp_review_id",),
        person_column="cppr_person_id",
        age_event="cppr_cp_review_date",
    ),
    Table(
        "ssd_cla_episodes",
        "One row per SSDA903 episode of care (a change of placement or legal status starts one).",
        (
            col("clae_cla_episode_id", S, "Episode id.", required=True),
            person("clae_person_id"),
            col("clae_cla_episode_start_date", D, "DECOM: episode start.", required=True),
            col(
                "clae_cla_episode_start_reason",
                S,
                "RNE: reason for new episode.",
                codes="reason_new_episode",
                required=True,
            ),
            col("clae_cla_primary_need_code", S, "CIN category of need.", codes="primary_need"),
            col("clae_cla_episode_ceased_date", D, "DEC: episode end; empty while open."),
            col(
                "clae_cla_episode_ceased_reason",
                S,
                "REC: reason episode ceased.",
                codes="reason_episode_ceased",
            ),
            col("clae_cla_id", S, "Period of care the episode belongs to."),
            col("clae_referral_id", S, "Referral linked to the period of care."),
            col("clae_cla_placement_id", S, "Placement during the episode (ssd_cla_placement)."),
            col("clae_entered_care_date", D, "Date the current period of care began."),
            col(
                "clae_cla_legal_status",
                S,
                "LS: legal status during the episode. Extension: SSD "
                "keeps legal status in ssd_legal_status; SSDA903 keeps it on the episode, and the "
                "short-break exclusion (V3/V4) needs it per episode.",
                codes="legal_status",
                required=True,
                ssd=False,
            ),
            team("clae_cla_team", "child looked after", ssd=False),
        ),
        ("clae_cla_episode_id",),
        person_column="clae_person_id",
        age_event="clae_cla_episode_start_date",
        date_order=(("clae_cla_episode_start_date", "clae_cla_episode_ceased_date"),),
    ),
    Table(
        "ssd_cla_placement",
        "One row per placement of a child looked after.",
        (
            col("clap_cla_placement_id", S, "Placement id.", required=True),
            person("clap_person_id"),
            col("clap_cla_id", S, "Period of care."),
            col("clap_cla_placement_start_date", D, "Placement start.", required=True),
            col("clap_cla_placement_end_date", D, "Placement end; empty while open."),
            col(
                "clap_cla_placement_type",
                S,
                "PLACE: placement type.",
                codes="placement_type",
                required=True,
            ),
            col("clap_cla_placement_urn", S, "Ofsted URN of the provider."),
            col(
                "clap_cla_placement_distance",
                N,
                "Miles from home (PL_DISTANCE).",
                non_negative=True,
            ),
            col(
                "clap_cla_placement_provider", S, "PLACE_PROVIDER code.", codes="placement_provider"
            ),
            col(
                "clap_cla_placement_la",
                S,
                "PL_LA: council area the placement is in. Extension: "
                "'outside the LA and more than 20 miles' needs it.",
                ssd=False,
            ),
            col("clap_cla_placement_change_reason", S, "Reason for placement change."),
        ),
        ("clap_cla_placement_id",),
        person_column="clap_person_id",
        age_event="clap_cla_placement_start_date",
        date_order=(("clap_cla_placement_start_date", "clap_cla_placement_end_date"),),
    ),
    Table(
        "ssd_cla_reviews",
        "One row per looked-after review.",
        (
            col("clar_cla_review_id", S, "Review id.", required=True),
            col("clar_cla_id", S, "Period of care."),
            person("clar_person_id", ssd=False),
            col(
                "clar_cla_review_due_date",
                D,
                "Date the review was due (regulation 33).",
                planned=True,
            ),
            col("clar_cla_review_date", D, "Date held.", required=True),
            col("clar_cla_review_cancelled", B, "Review cancelled."),
            col(
                "clar_cla_review_participation",
                S,
                "Participation code (PN0-PN7).",
                codes="review_participation",
            ),
        ),
        ("clar_cla_review_id",),
        person_column="clar_person_id",
        age_event="clar_cla_review_date",
    ),
    Table(
        "ssd_cin_visits",
        "One row per statutory child in need visit, planned or done.",
        (
            col("cinv_cin_visit_id", S, "Visit id.", required=True),
            person("cinv_person_id"),
            col(
                "cinv_cin_visit_due_date",
                D,
                "Date the visit was due. Extension: timeliness needs "
                "it and SSD holds only the visit.",
                ssd=False,
                required=True,
                planned=True,
            ),
            col("cinv_cin_visit_date", D, "Date done; empty if not yet done."),
            col("cinv_cin_visit_seen", B, "Child seen."),
            col("cinv_cin_visit_seen_alone", B, "Child seen alone."),
            team("cinv_cin_visit_team", "visit", ssd=False),
            col(
                "cinv_child_with_disability_team",
                B,
                "Visit by the children with disabilities "
                "team (excluded from 'non-CWCN' visit measures). Extension.",
                ssd=False,
            ),
        ),
        ("cinv_cin_visit_id",),
        person_column="cinv_person_id",
        age_event="cinv_cin_visit_date",
    ),
    Table(
        "ssd_cp_visits",
        "One row per statutory child protection visit, planned or done.",
        (
            col("cppv_cp_visit_id", S, "Visit id.", required=True),
            person("cppv_person_id"),
            col("cppv_cp_plan_id", S, "Plan the visit belongs to."),
            col(
                "cppv_cp_visit_due_date",
                D,
                "Date due. Extension.",
                ssd=False,
                required=True,
                planned=True,
            ),
            col("cppv_cp_visit_date", D, "Date done; empty if not yet done."),
            col("cppv_cp_visit_seen", B, "Child seen."),
            col("cppv_cp_visit_seen_alone", B, "Child seen alone."),
            team("cppv_cp_visit_team", "visit", ssd=False),
        ),
        ("cppv_cp_visit_id",),
        person_column="cppv_person_id",
        age_event="cppv_cp_visit_date",
    ),
    Table(
        "ssd_cla_visits",
        "One row per statutory looked-after visit (regulation 28), planned or done.",
        (
            col("clav_cla_visit_id", S, "Visit id.", required=True),
            col("clav_cla_id", S, "Period of care."),
            person("clav_person_id"),
            col(
                "clav_cla_visit_due_date",
                D,
                "Date due. Extension.",
                ssd=False,
                required=True,
                planned=True,
            ),
            col("clav_cla_visit_date", D, "Date done; empty if not yet done."),
            col("clav_cla_visit_seen", B, "Child seen."),
            col("clav_cla_visit_seen_alone", B, "Child seen alone."),
            team("clav_cla_visit_team", "visit", ssd=False),
            col(
                "clav_placed_with_parents",
                B,
                "Visit to a child placed with parents. Extension.",
                ssd=False,
            ),
        ),
        ("clav_cla_visit_id",),
        person_column="clav_person_id",
        age_event="clav_cla_visit_date",
    ),
    Table(
        "ssd_missing",
        "One row per missing or away-from-placement episode.",
        (
            col("miss_table_id", S, "Episode id.", required=True),
            person("miss_person_id"),
            col("miss_missing_episode_start_date", D, "Start.", required=True),
            col(
                "miss_missing_episode_type",
                S,
                "M missing, A away without authorisation.",
                codes="missing_type",
                required=True,
            ),
            col("miss_missing_episode_end_date", D, "End (return)."),
            col(
                "miss_missing_episode_hours",
                N,
                "Length of the episode in hours. Extension: 'under 12 hours' needs it.",
                ssd=False,
                non_negative=True,
            ),
            col("miss_missing_rhi_offered", B, "Return home interview offered."),
            col(
                "miss_missing_rhi_offered_date",
                D,
                "Date offered. Extension: 72-hour measure.",
                ssd=False,
            ),
            col("miss_missing_rhi_accepted", B, "Return home interview accepted."),
        ),
        ("miss_table_id",),
        person_column="miss_person_id",
        age_event="miss_missing_episode_start_date",
        date_order=(("miss_missing_episode_start_date", "miss_missing_episode_end_date"),),
    ),
    Table(
        "ssd_cla_health",
        "Health assessments and dental checks of children looked after.",
        (
            col("clah_health_check_id", S, "Row id.", required=True),
            person("clah_person_id"),
            col(
                "clah_health_check_type",
                S,
                "IHA, RHA (review health assessment) or DENTAL.",
                codes="health_check_type",
                required=True,
            ),
            col(
                "clah_health_check_requested_date",
                D,
                "Date the request was sent to health. "
                "Extension: 'IHA form sent within 5 working days'.",
                ssd=False,
            ),
            col("clah_health_check_date", D, "Date done."),
            col(
                "clah_health_check_status",
                S,
                "Completed, refused or outstanding.",
                codes="health_check_status",
                required=True,
            ),
        ),
        ("clah_health_check_id",),
        person_column="clah_person_id",
        age_event="clah_health_check_date",
    ),
    Table(
        "ssd_care_leavers",
        "Care leaver status as recorded at a contact (SSDA903 OC3 or the council's own record).",
        (
            col("clea_table_id", S, "Row id.", required=True),
            person("clea_person_id"),
            col(
                "clea_care_leaver_eligibility",
                S,
                "Care leaver eligibility category.",
                codes="care_leaver_eligibility",
            ),
            col("clea_care_leaver_in_touch", S, "IN_TOUCH code.", codes="care_leaver_in_touch"),
            col(
                "clea_care_leaver_latest_contact",
                D,
                "Date of the contact this status is as at.",
                required=True,
            ),
            col(
                "clea_care_leaver_accommodation",
                S,
                "ACCOM code (letter).",
                codes="care_leaver_accommodation",
            ),
            col("clea_care_leaver_accom_suitable", B, "Accommodation considered suitable."),
            col("clea_care_leaver_activity", S, "ACTIV code.", codes="care_leaver_activity"),
            team("clea_care_leaver_allocated_team", "care leaver"),
        ),
        ("clea_table_id",),
        person_column="clea_person_id",
        age_event="clea_care_leaver_latest_contact",
    ),
    Table(
        "ssd_permanence",
        "Adoption and permanence decisions and orders for a child looked after.",
        (
            col("perm_table_id", S, "Row id.", required=True),
            person("perm_person_id"),
            col("perm_cla_id", S, "Period of care."),
            col(
                "perm_adm_decision_date",
                D,
                "Date of the decision that the child should be placed for adoption.",
            ),
            col("perm_placement_order_date", D, "Date of the placement order."),
            col("perm_matched_date", D, "Date matched with adopters."),
            col("perm_placed_for_adoption_date", D, "Date placed for adoption."),
            col("perm_decision_reversed_date", D, "Date the adoption decision was reversed."),
            col("perm_decision_reversed_reason", S, "Reason the decision was reversed."),
            col(
                "perm_placement_disrupted_date",
                D,
                "Date an adoptive placement ended before the order (disruption). Extension.",
                ssd=False,
            ),
            col("perm_permanence_order_date", D, "Date of the adoption or SGO order."),
            col(
                "perm_permanence_order_type",
                S,
                "Adoption, SGO or CAO.",
                codes="permanence_order_type",
            ),
        ),
        ("perm_table_id",),
        person_column="perm_person_id",
        age_event="perm_adm_decision_date",
    ),
    Table(
        "ssd_early_help_episodes",
        "One row per early help episode (an assessment starts it).",
        (
            col("earl_episode_id", S, "Episode id.", required=True),
            person("earl_person_id"),
            col("earl_episode_start_date", D, "Start (early help assessment date).", required=True),
            col("earl_episode_end_date", D, "End."),
            col("earl_episode_reason", S, "Reason for early help."),
            col("earl_episode_end_reason", S, "Why it ended.", codes="early_help_end_reason"),
            col(
                "earl_episode_organisation",
                S,
                "Organisation leading: the council's own service or an external agency.",
            ),
            col(
                "earl_episode_external",
                B,
                "Led by an agency outside the council. Extension: "
                "SSD has only the organisation name.",
                ssd=False,
            ),
            col(
                "earl_family_id",
                S,
                "Family id. Extension (SSD links via ssd_family).",
                ssd=False,
                identifier=True,
            ),
        ),
        ("earl_episode_id",),
        person_column="earl_person_id",
        age_event="earl_episode_start_date",
        date_order=(("earl_episode_start_date", "earl_episode_end_date"),),
    ),
    Table(
        "ssd_professionals",
        "Social workers and other professionals.",
        (
            col("prof_professional_id", S, "Professional id.", required=True, identifier=True),
            col(
                "prof_social_worker_registration_no",
                S,
                "Social Work England registration; present means qualified.",
            ),
            col("prof_professional_job_title", S, "Job title."),
            col("prof_professional_department", S, "Team."),
            col("prof_agency_worker_flag", B, "Agency worker."),
        ),
        ("prof_professional_id",),
    ),
    Table(
        "ssd_involvements",
        "Allocation of a professional to a child.",
        (
            col("invo_involvements_id", S, "Row id.", required=True),
            col("invo_professional_id", S, "Professional.", identifier=True),
            col(
                "invo_professional_role_id",
                S,
                "Role (e.g. allocated social worker).",
                codes="involvement_role",
            ),
            col("invo_professional_team", S, "Team."),
            col("invo_involvement_start_date", D, "Start.", required=True),
            col("invo_involvement_end_date", D, "End."),
            person("invo_person_id"),
        ),
        ("invo_involvements_id",),
        person_column="invo_person_id",
        age_event="invo_involvement_start_date",
        date_order=(("invo_involvement_start_date", "invo_involvement_end_date"),),
    ),
    Table(
        "csc_private_fostering",
        "One row per private fostering arrangement notified. Extension: SSD has no private "
        "fostering table.",
        (
            col("pfos_arrangement_id", S, "Arrangement id.", required=True),
            person("pfos_person_id"),
            col("pfos_notification_date", D, "Date the council was notified.", required=True),
            col("pfos_first_visit_date", D, "Date of the first statutory visit."),
            col("pfos_end_date", D, "Date the arrangement ended."),
        ),
        ("pfos_arrangement_id",),
        person_column="pfos_person_id",
        age_event="pfos_notification_date",
        date_order=(("pfos_notification_date", "pfos_end_date"),),
        ssd=False,
    ),
    Table(
        "csc_workforce_monthly",
        "Workforce snapshot per team and month. Extension: SSD holds staff, not posts.",
        (
            col("wkf_month_end", D, "Month end the snapshot is as at.", required=True),
            col("wkf_team", S, "Team.", required=True),
            col("wkf_role", S, "SW (social worker) or IRO.", codes="workforce_role", required=True),
            col("wkf_posts_fte", N, "Established posts (FTE).", non_negative=True),
            col(
                "wkf_filled_fte", N, "Filled posts, permanent and agency (FTE).", non_negative=True
            ),
            col("wkf_agency_fte", N, "Posts filled by agency workers (FTE).", non_negative=True),
            col("wkf_vacancies_fte", N, "Vacant posts (FTE).", non_negative=True),
            col(
                "wkf_caseload_total",
                I,
                "Children allocated to workers in the team.",
                non_negative=True,
            ),
            col(
                "wkf_caseload_max",
                I,
                "Highest caseload of one worker in the team.",
                non_negative=True,
            ),
            col("wkf_headcount", I, "Workers holding cases.", non_negative=True),
        ),
        ("wkf_month_end", "wkf_team", "wkf_role"),
        ssd=False,
    ),
    Table(
        "csc_manual_measures",
        "Figures entered by hand (audits, surveys, supervision). Extension.",
        (
            col("mm_indicator_id", S, "Catalogue indicator id.", required=True),
            col(
                "mm_period_kind",
                S,
                "Period kind the figure is for (e.g. quarter).",
                codes="period_kind",
                required=True,
            ),
            col("mm_period_end", D, "Last day of the period.", required=True),
            col("mm_numerator", N, "Numerator, where the figure is a ratio.", non_negative=True),
            col(
                "mm_denominator", N, "Denominator, where the figure is a ratio.", non_negative=True
            ),
            col("mm_value", N, "The figure as published.", required=True),
            col("mm_note", S, "Source or caveat."),
        ),
        ("mm_indicator_id", "mm_period_kind", "mm_period_end"),
        ssd=False,
    ),
    Table(
        "csc_population",
        "ONS mid-year estimate of the council's children aged 0 to 17. Extension.",
        (
            col("pop_year", I, "Mid-year of the estimate (e.g. 2024 for mid-2024).", required=True),
            col("pop_children_0_17", I, "Children aged 0-17.", required=True, non_negative=True),
        ),
        ("pop_year",),
        ssd=False,
    ),
)

_BY_NAME = {t.name: t for t in TABLES}


def table_by_name(name: str) -> Table:
    """The canonical table called ``name``."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"no canonical table {name!r}") from None
