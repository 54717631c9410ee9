-- One row per child in need plan (CIN census CINPlanStartDate / CINPlanEndDate), with the date
-- it was last reviewed or updated and whether the child is in the children with disabilities
-- cohort (CWD/CWCN: a CIN visit during the plan was made by the disabilities team; the model
-- flags the team on visits only).
SELECT
    p.la_code,
    p.cinp_cin_plan_id AS plan_id,
    p.cinp_person_id AS person_id,
    p.cinp_cin_plan_start_date AS start_date,
    p.cinp_cin_plan_end_date AS end_date,
    p.cinp_plan_review_date AS plan_review_date,
    p.cinp_cin_plan_team AS team,
    ts.service,
    EXISTS (
        SELECT 1
        FROM ssd_cin_visits AS v
        WHERE v.la_code = p.la_code
            AND v.cinv_person_id = p.cinp_person_id
            AND COALESCE(v.cinv_child_with_disability_team, FALSE)
            AND v.cinv_cin_visit_due_date >= p.cinp_cin_plan_start_date
            AND (p.cinp_cin_plan_end_date IS NULL OR v.cinv_cin_visit_due_date < p.cinp_cin_plan_end_date)
    ) AS disabilities_team
FROM ssd_cin_plans AS p
LEFT JOIN src_team_service AS ts ON ts.la_code = p.la_code AND ts.team = p.cinp_cin_plan_team
