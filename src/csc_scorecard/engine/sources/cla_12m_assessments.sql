-- One row per child and month end for children looked after at that month end (one row of
-- cla_month_ends) who had by then been looked after for at least 12 months without a break,
-- with whether a Child and Family assessment was authorised for them in the 12 months up to
-- that month end. Continuity here is looser than the SSDA903 period of care: periods of care
-- following each other without a gap (a new period starting the day the last one ended, by RNE S
-- or after a reason ceased other than X1) are one run, whose start is the earliest period start.
WITH chained AS (
    SELECT
        pc.la_code,
        pc.person_id,
        pc.period_id,
        pc.first_episode_start,
        pc.start_date,
        CASE
            WHEN LAG(pc.end_date) OVER by_start >= pc.first_episode_start THEN 0
            ELSE 1
        END AS starts_run
    FROM src_cla_periods_of_care AS pc
    WINDOW by_start AS (
        PARTITION BY pc.la_code, pc.person_id ORDER BY pc.first_episode_start, pc.period_id
    )
),
runs AS (
    SELECT
        c.*,
        SUM(c.starts_run) OVER (
            PARTITION BY c.la_code, c.person_id
            ORDER BY c.first_episode_start, c.period_id
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS run_number
    FROM chained AS c
),
run_starts AS (
    SELECT
        r.la_code,
        r.period_id,
        MIN(r.start_date) OVER (PARTITION BY r.la_code, r.person_id, r.run_number) AS run_start
    FROM runs AS r
),
cohort AS (
    SELECT me.la_code, me.person_id, me.as_at, me.team, me.service
    FROM src_cla_month_ends AS me
    JOIN run_starts AS rs ON rs.la_code = me.la_code AND rs.period_id = me.period_id
    WHERE rs.run_start <= me.as_at - INTERVAL 12 MONTH
)
SELECT
    c.la_code,
    c.person_id,
    c.as_at,
    c.team,
    c.service,
    COUNT(a.cina_person_id) > 0 AS assessed_in_12m
FROM cohort AS c
LEFT JOIN ssd_cin_assessments AS a
    ON a.la_code = c.la_code
    AND a.cina_person_id = c.person_id
    AND a.cina_assessment_auth_date > c.as_at - INTERVAL 12 MONTH
    AND a.cina_assessment_auth_date <= c.as_at
GROUP BY c.la_code, c.person_id, c.as_at, c.team, c.service
