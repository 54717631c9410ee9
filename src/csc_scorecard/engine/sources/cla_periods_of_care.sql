-- One row per period of care: a continuous run of SSDA903 episodes, V3/V4 short breaks left out
-- first (DfE looked-after statistics exclude them). The one place the rule is written: a new
-- period starts with the child's first episode, an episode with reason for new episode S, after
-- a gap of a day or more since the previous episode ended, or after an episode that ceased care
-- (reason ceased present and not X1; d2i 903 validator, as the SSDA903 reader numbers them).
-- start_date: the recorded date the period began where it is earlier than the episodes held
-- (history before the extract), else the first episode's start (first_episode_start); end_date:
-- the last episode's end (empty while any episode is open), reason_ceased: the last episode's.
-- An episode belongs to the period whose first_episode_start to last_episode_start holds its
-- start.
-- team/service: the latest episode's (the team now responsible); entry_*: the first episode's.
-- uasc_at_start: a UASC status current on the first episode's start.
WITH marked AS (
    SELECT
        e.*,
        CASE
            WHEN LAG(e.episode_id) OVER by_start IS NULL THEN 1
            WHEN e.reason_new_episode = 'S' THEN 1
            WHEN LAG(e.end_date) OVER by_start < e.start_date THEN 1
            WHEN LAG(e.ceased_care) OVER by_start THEN 1
            ELSE 0
        END AS starts_period
    FROM src_cla_episodes AS e
    WHERE NOT e.short_break
    WINDOW by_start AS (PARTITION BY e.person_id, e.la_code ORDER BY e.start_date, e.episode_id)
),
numbered AS (
    SELECT
        m.*,
        SUM(m.starts_period) OVER (
            PARTITION BY m.person_id, m.la_code
            ORDER BY m.start_date, m.episode_id
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS period_number
    FROM marked AS m
),
spans AS (
    SELECT
        n.*,
        MIN(COALESCE(n.entered_care_date, n.start_date)) OVER by_period AS period_start,
        CASE
            WHEN COUNT(*) OVER by_period > COUNT(n.end_date) OVER by_period THEN NULL
            ELSE MAX(n.end_date) OVER by_period
        END AS period_end,
        ROW_NUMBER() OVER (
            PARTITION BY n.person_id, n.period_number, n.la_code
            ORDER BY n.start_date DESC, n.episode_id DESC
        ) AS from_last
    FROM numbered AS n
    WINDOW by_period AS (PARTITION BY n.person_id, n.period_number, n.la_code)
)
SELECT
    f.la_code,
    f.episode_id AS period_id,
    f.person_id,
    f.period_start AS start_date,
    f.start_date AS first_episode_start,
    l.start_date AS last_episode_start,
    f.period_end AS end_date,
    l.reason_ceased,
    f.legal_status AS entry_legal_status,
    f.date_of_birth,
    COALESCE(
        f.uasc_status_start <= f.start_date
        AND (f.uasc_status_end IS NULL OR f.uasc_status_end > f.start_date),
        FALSE
    ) AS uasc_at_start,
    f.team AS entry_team,
    f.service AS entry_service,
    l.team,
    l.service
FROM spans AS f
JOIN spans AS l
    ON l.la_code = f.la_code
    AND l.person_id = f.person_id
    AND l.period_number = f.period_number
    AND l.from_last = 1
WHERE f.starts_period = 1
