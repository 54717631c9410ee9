-- One row per statutory child in need visit due (planned or done), with whether it was done on
-- or before its due date, and whether the children with disabilities team made it (the
-- "non-CWCN" visit measures leave those out).
SELECT
    v.la_code,
    v.cinv_cin_visit_id AS visit_id,
    v.cinv_person_id AS person_id,
    v.cinv_cin_visit_due_date AS due_date,
    v.cinv_cin_visit_date AS visit_date,
    COALESCE(v.cinv_cin_visit_seen, FALSE) AS seen,
    COALESCE(v.cinv_child_with_disability_team, FALSE) AS disabilities_team,
    v.cinv_cin_visit_team AS team,
    ts.service,
    COALESCE(v.cinv_cin_visit_date <= v.cinv_cin_visit_due_date, FALSE) AS done_by_due_date
FROM ssd_cin_visits AS v
LEFT JOIN src_team_service AS ts ON ts.la_code = v.la_code AND ts.team = v.cinv_cin_visit_team
