-- One row per statutory child protection visit due (planned or done): whether it was done on or
-- before its due date, and for a visit done, the working days (start-exclusive, end-inclusive,
-- England bank holidays) since the child's previous visit done on the same plan, or since the
-- plan started for the first. A visit with no plan id is matched to the child's plan open on
-- its due date.
WITH matched AS (
    SELECT
        v.la_code,
        v.cppv_cp_visit_id AS visit_id,
        v.cppv_person_id AS person_id,
        v.cppv_cp_visit_due_date AS due_date,
        v.cppv_cp_visit_date AS visit_date,
        COALESCE(v.cppv_cp_visit_seen, FALSE) AS seen,
        v.cppv_cp_visit_team AS team,
        COALESCE(p.cppl_cp_plan_id, o.cppl_cp_plan_id) AS plan_id,
        COALESCE(p.cppl_cp_plan_start_date, o.cppl_cp_plan_start_date) AS plan_start_date
    FROM ssd_cp_visits AS v
    -- Two equality joins, not one join on "same id OR open plan": an OR join cannot be hashed.
    LEFT JOIN ssd_cp_plans AS p
        ON p.la_code = v.la_code AND p.cppl_cp_plan_id = v.cppv_cp_plan_id
    LEFT JOIN ssd_cp_plans AS o
        ON v.cppv_cp_plan_id IS NULL
        AND o.la_code = v.la_code
        AND o.cppl_person_id = v.cppv_person_id
        AND o.cppl_cp_plan_start_date <= v.cppv_cp_visit_due_date
        AND (o.cppl_cp_plan_end_date IS NULL OR o.cppl_cp_plan_end_date > v.cppv_cp_visit_due_date)
),
ordered AS (
    SELECT
        m.*,
        -- Previous visit done on the same plan; visits not yet done do not restart the clock.
        -- A visit on the same date as another is ordered by id.
        LAG(m.visit_date) OVER (
            PARTITION BY m.person_id, m.plan_id, m.visit_date IS NULL, m.la_code
            ORDER BY m.visit_date, m.visit_id
        ) AS previous_visit_date
    FROM matched AS m
)
SELECT
    o.*,
    ts.service,
    COALESCE(o.visit_date <= o.due_date, FALSE) AS done_by_due_date,
    CASE
        WHEN o.visit_date IS NOT NULL THEN COALESCE(o.previous_visit_date, o.plan_start_date)
    END AS clock_start_date,
    cv.cal_working_day_number - cs.cal_working_day_number AS working_days_since_previous
FROM ordered AS o
LEFT JOIN src_team_service AS ts ON ts.la_code = o.la_code AND ts.team = o.team
LEFT JOIN csc_calendar AS cv ON cv.cal_date = o.visit_date
LEFT JOIN csc_calendar AS cs ON cs.cal_date = COALESCE(o.previous_visit_date, o.plan_start_date)
