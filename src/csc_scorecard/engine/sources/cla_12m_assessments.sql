-- One row per child and month end for children looked after at that month end who had by then
-- been looked after continuously for at least 12 months, with whether a Child and Family
-- assessment was authorised for them in the 12 months up to that month end. Short breaks
-- (legal status V3/V4) are left out, as in all looked-after statistics.
WITH episodes AS (
    SELECT
        e.la_code,
        e.clae_person_id AS person_id,
        e.clae_cla_episode_id AS episode_id,
        e.clae_cla_episode_start_date AS start_date,
        e.clae_cla_episode_ceased_date AS end_date,
        e.clae_entered_care_date AS entered_care_date,
        e.clae_cla_team AS team,
        LAG(e.clae_cla_episode_ceased_date) OVER by_start AS previous_end,
        ROW_NUMBER() OVER by_start AS episode_number
    FROM ssd_cla_episodes AS e
    WHERE e.clae_cla_legal_status NOT IN ('V3', 'V4')
    WINDOW by_start AS (
        PARTITION BY e.la_code, e.clae_person_id
        ORDER BY e.clae_cla_episode_start_date, e.clae_cla_episode_id
    )
),

numbered AS (
    -- a period of care is a run of episodes each starting on the day the previous one ended
    -- (SSDA903 DEC = next DECOM); any gap starts a new period
    SELECT
        ep.*,
        SUM(
            CASE WHEN ep.episode_number = 1 OR ep.previous_end < ep.start_date THEN 1 ELSE 0 END
        ) OVER (
            PARTITION BY ep.la_code, ep.person_id
            ORDER BY ep.start_date, ep.episode_id
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS care_period
    FROM episodes AS ep
),

periods AS (
    -- the recorded date the period of care began wins where it is earlier than the episodes
    -- held (history before the extract)
    SELECT
        n.*,
        MIN(COALESCE(n.entered_care_date, n.start_date)) OVER (
            PARTITION BY n.la_code, n.person_id, n.care_period
        ) AS care_start
    FROM numbered AS n
),

cohort AS (
    SELECT
        p.la_code,
        p.person_id,
        me.month_end AS as_at,
        MAX(p.team) AS team
    FROM periods AS p
    JOIN csc_month_ends AS me
        ON p.start_date <= me.month_end
        AND (p.end_date IS NULL OR p.end_date > me.month_end)
        AND p.care_start <= me.month_end - INTERVAL 12 MONTH
    GROUP BY p.la_code, p.person_id, me.month_end
)

SELECT
    c.la_code,
    c.person_id,
    c.as_at,
    c.team,
    ts.service,
    MAX(
        CASE
            WHEN a.cina_assessment_auth_date > c.as_at - INTERVAL 12 MONTH
                AND a.cina_assessment_auth_date <= c.as_at
                THEN 1
            ELSE 0
        END
    ) = 1 AS assessed_in_12m
FROM cohort AS c
LEFT JOIN ssd_cin_assessments AS a
    ON a.la_code = c.la_code AND a.cina_person_id = c.person_id
LEFT JOIN src_team_service AS ts ON ts.la_code = c.la_code AND ts.team = c.team
GROUP BY c.la_code, c.person_id, c.as_at, c.team, ts.service
