-- One row per Child and Family assessment, with working days (start-exclusive, end-inclusive,
-- England bank holidays) from its start and from its referral to authorisation.
SELECT
    a.la_code,
    a.cina_assessment_id AS assessment_id,
    a.cina_person_id AS person_id,
    a.cina_assessment_start_date AS start_date,
    a.cina_assessment_auth_date AS auth_date,
    a.cina_assessment_child_seen AS child_seen_date,
    COALESCE(a.cina_assessment_outcome_nfa, FALSE) AS nfa,
    a.cina_assessment_team AS team,
    ts.service,
    r.cine_referral_date AS referral_date,
    ca.cal_working_day_number - cs.cal_working_day_number AS working_days_to_auth,
    ca.cal_working_day_number - cr.cal_working_day_number AS working_days_from_referral,
    cv.cal_working_day_number - cs.cal_working_day_number AS working_days_to_seen
FROM ssd_cin_assessments AS a
LEFT JOIN ssd_cin_episodes AS r
    ON r.la_code = a.la_code AND r.cine_referral_id = a.cina_referral_id
LEFT JOIN src_team_service AS ts ON ts.la_code = a.la_code AND ts.team = a.cina_assessment_team
LEFT JOIN csc_calendar AS cs ON cs.cal_date = a.cina_assessment_start_date
LEFT JOIN csc_calendar AS ca ON ca.cal_date = a.cina_assessment_auth_date
LEFT JOIN csc_calendar AS cr ON cr.cal_date = r.cine_referral_date
LEFT JOIN csc_calendar AS cv ON cv.cal_date = a.cina_assessment_child_seen
