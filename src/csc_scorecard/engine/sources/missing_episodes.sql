-- One row per missing (M) or away-without-authorisation (A) episode, with whether the child was
-- looked after by this council (short breaks excluded) when it began and, if so, the team and
-- whether the placement then open was more than 20 miles from home (PL_DISTANCE).
WITH care_at_start AS (
    -- The latest non-short-break episode open on the day the missing episode began.
    SELECT
        m.la_code,
        m.miss_table_id AS episode_id,
        e.team,
        e.service,
        ROW_NUMBER() OVER (
            PARTITION BY m.miss_table_id, m.la_code ORDER BY e.start_date DESC, e.episode_id DESC
        ) AS latest
    FROM ssd_missing AS m
    JOIN src_cla_episodes AS e
        ON e.la_code = m.la_code
        AND e.person_id = m.miss_person_id
        AND e.start_date <= m.miss_missing_episode_start_date
        AND (e.end_date IS NULL OR e.end_date > m.miss_missing_episode_start_date)
    WHERE NOT e.short_break
),
placement_at_start AS (
    SELECT
        m.la_code,
        m.miss_table_id AS episode_id,
        p.clap_cla_placement_distance AS distance,
        ROW_NUMBER() OVER (
            PARTITION BY m.miss_table_id, m.la_code
            ORDER BY p.clap_cla_placement_start_date DESC, p.clap_cla_placement_id DESC
        ) AS latest
    FROM ssd_missing AS m
    JOIN ssd_cla_placement AS p
        ON p.la_code = m.la_code
        AND p.clap_person_id = m.miss_person_id
        AND p.clap_cla_placement_start_date <= m.miss_missing_episode_start_date
        AND (
            p.clap_cla_placement_end_date IS NULL
            OR p.clap_cla_placement_end_date > m.miss_missing_episode_start_date
        )
)
SELECT
    m.la_code,
    m.miss_table_id AS episode_id,
    m.miss_person_id AS person_id,
    m.miss_missing_episode_start_date AS start_date,
    m.miss_missing_episode_end_date AS end_date,
    m.miss_missing_episode_type AS missing_type,
    m.miss_missing_episode_hours AS hours,
    -- An offer date recorded without the flag still means an interview was offered.
    COALESCE(m.miss_missing_rhi_offered, m.miss_missing_rhi_offered_date IS NOT NULL) AS rhi_offered,
    m.miss_missing_rhi_offered_date AS rhi_offered_date,
    COALESCE(m.miss_missing_rhi_accepted, FALSE) AS rhi_accepted,
    -- Dates only: 72 hours after the return is taken as 3 calendar days after the return date.
    COALESCE(
        m.miss_missing_rhi_offered_date <= m.miss_missing_episode_end_date + INTERVAL 3 DAY,
        FALSE
    ) AS rhi_offered_within_72h,
    c.episode_id IS NOT NULL AS looked_after_at_start,
    c.episode_id IS NOT NULL AND COALESCE(p.distance > 20, FALSE) AS placed_over_20_miles,
    c.team,
    c.service
FROM ssd_missing AS m
LEFT JOIN care_at_start AS c
    ON c.la_code = m.la_code AND c.episode_id = m.miss_table_id AND c.latest = 1
LEFT JOIN placement_at_start AS p
    ON p.la_code = m.la_code AND p.episode_id = m.miss_table_id AND p.latest = 1
