-- One row per section 47 enquiry; the start is the strategy discussion that began it.
SELECT
    s.la_code,
    s.s47e_s47_enquiry_id AS enquiry_id,
    s.s47e_person_id AS person_id,
    s.s47e_s47_start_date AS start_date,
    s.s47e_s47_end_date AS end_date,
    COALESCE(s.s47e_s47_nfa, FALSE) AS icpc_not_required,
    s.s47e_s47_completed_by_team AS team,
    ts.service,
    EXISTS (
        SELECT 1
        FROM ssd_cp_plans AS p
        WHERE p.la_code = s.la_code
            AND p.cppl_person_id = s.s47e_person_id
            AND p.cppl_cp_plan_start_date <= s.s47e_s47_start_date
            AND (p.cppl_cp_plan_end_date IS NULL OR p.cppl_cp_plan_end_date > s.s47e_s47_start_date)
    ) AS on_cp_plan_at_start
FROM ssd_s47_enquiry AS s
LEFT JOIN src_team_service AS ts ON ts.la_code = s.la_code AND ts.team = s.s47e_s47_completed_by_team
