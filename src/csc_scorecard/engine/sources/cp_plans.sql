-- One row per child protection plan, with the child's plan history at its start: any earlier
-- plan (here, or elsewhere as NumberOfPreviousCPP says) and the latest end of an earlier plan.
WITH history AS (
    SELECT
        p.la_code,
        p.cppl_cp_plan_id AS plan_id,
        p.cppl_person_id AS person_id,
        p.cppl_cp_plan_start_date AS start_date,
        p.cppl_cp_plan_end_date AS end_date,
        p.cppl_cp_plan_initial_category AS initial_category,
        p.cppl_cp_plan_latest_category AS latest_category,
        p.cppl_number_of_previous_cpp AS previous_plans_returned,
        p.cppl_cp_plan_team AS team,
        p.cppl_plan_review_date AS plan_review_date,
        COUNT(*) OVER earlier AS earlier_plans_here,
        MAX(p.cppl_cp_plan_end_date) OVER earlier AS previous_plan_end_date
    FROM ssd_cp_plans AS p
    WINDOW earlier AS (
        PARTITION BY p.cppl_person_id, p.la_code
        ORDER BY p.cppl_cp_plan_start_date, p.cppl_cp_plan_id
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
    )
)
SELECT
    h.*,
    ts.service,
    h.earlier_plans_here > 0 OR COALESCE(h.previous_plans_returned, 0) > 0 AS previous_plan_ever,
    h.previous_plan_end_date >= h.start_date - INTERVAL 2 YEAR AS previous_plan_ended_within_2y
FROM history AS h
LEFT JOIN src_team_service AS ts ON ts.la_code = h.la_code AND ts.team = h.team
