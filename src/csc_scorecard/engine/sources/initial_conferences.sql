-- One row per initial (or transfer-in) child protection conference, with working days from the
-- strategy discussion that began the section 47 enquiry (Working Together: 15 working days).
SELECT
    c.la_code,
    c.icpc_icpc_id AS conference_id,
    c.icpc_person_id AS person_id,
    c.icpc_icpc_date AS conference_date,
    COALESCE(c.icpc_icpc_transfer_in, FALSE) AS transfer_in,
    COALESCE(c.icpc_icpc_outcome_cp_flag, FALSE) AS plan_made,
    c.icpc_icpc_team AS team,
    ts.service,
    s.s47e_s47_start_date AS s47_start_date,
    cc.cal_working_day_number - cs.cal_working_day_number AS working_days_from_s47
FROM ssd_initial_cp_conference AS c
LEFT JOIN ssd_s47_enquiry AS s
    ON s.la_code = c.la_code AND s.s47e_s47_enquiry_id = c.icpc_s47_enquiry_id
LEFT JOIN src_team_service AS ts ON ts.la_code = c.la_code AND ts.team = c.icpc_icpc_team
LEFT JOIN csc_calendar AS cs ON cs.cal_date = s.s47e_s47_start_date
LEFT JOIN csc_calendar AS cc ON cc.cal_date = c.icpc_icpc_date
