-- One row per child protection review conference held, with the date it was due by Working
-- Together: the first review within 3 months of the initial conference (the plan's start when
-- the conference is not linked), later ones within 6 months of the previous review of the
-- same plan. A review with no plan id is matched to the child's plan open on its date.
WITH matched AS (
    SELECT
        r.la_code,
        r.cppr_cp_review_id AS review_id,
        r.cppr_person_id AS person_id,
        r.cppr_cp_review_date AS review_date,
        r.cppr_cp_review_due AS recorded_due_date,
        COALESCE(p.cppl_cp_plan_id, o.cppl_cp_plan_id) AS plan_id,
        COALESCE(p.cppl_cp_plan_start_date, o.cppl_cp_plan_start_date) AS plan_start_date,
        COALESCE(p.cppl_cp_plan_team, o.cppl_cp_plan_team) AS team,
        COALESCE(c.icpc_icpc_date, p.cppl_cp_plan_start_date, o.cppl_cp_plan_start_date)
            AS conference_date
    FROM ssd_cp_reviews AS r
    -- Two equality joins, not one join on "same id OR open plan": an OR join cannot be hashed.
    LEFT JOIN ssd_cp_plans AS p
        ON p.la_code = r.la_code AND p.cppl_cp_plan_id = r.cppr_cp_plan_id
    LEFT JOIN ssd_cp_plans AS o
        ON r.cppr_cp_plan_id IS NULL
        AND o.la_code = r.la_code
        AND o.cppl_person_id = r.cppr_person_id
        AND o.cppl_cp_plan_start_date <= r.cppr_cp_review_date
        AND (o.cppl_cp_plan_end_date IS NULL OR o.cppl_cp_plan_end_date >= r.cppr_cp_review_date)
    LEFT JOIN ssd_initial_cp_conference AS c
        ON c.la_code = r.la_code AND c.icpc_icpc_id = COALESCE(p.cppl_icpc_id, o.cppl_icpc_id)
),
ordered AS (
    SELECT
        m.*,
        LAG(m.review_date) OVER (
            PARTITION BY m.plan_id, m.la_code
            ORDER BY m.review_date, m.review_id
        ) AS previous_review_date
    FROM matched AS m
)
SELECT
    o.*,
    ts.service,
    o.plan_id IS NOT NULL AS on_plan,
    CAST(
        CASE
            WHEN o.previous_review_date IS NULL THEN o.conference_date + INTERVAL 3 MONTH
            ELSE o.previous_review_date + INTERVAL 6 MONTH
        END AS DATE
    ) AS due_date,
    o.review_date <= CASE
        WHEN o.previous_review_date IS NULL THEN o.conference_date + INTERVAL 3 MONTH
        ELSE o.previous_review_date + INTERVAL 6 MONTH
    END AS within_timescale
FROM ordered AS o
LEFT JOIN src_team_service AS ts ON ts.la_code = o.la_code AND ts.team = o.team
