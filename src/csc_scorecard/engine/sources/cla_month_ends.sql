-- One row per child looked after (V3/V4 short breaks excluded) at each month end being
-- computed, as_at: the episode open then (the latest, should data overlap) and the period of
-- care it belongs to, with the child's placement history at as_at. Used in snapshot shape with
-- date = as_at. The year before as_at runs from year_start = as_at + 1 day - 12 months to
-- as_at (1 April to 31 March).
-- At most one row per child and month end (the episode picked per child and month end, and
-- one placement, allocation check and history per pick):
-- one row per month end: person_id at as_at
WITH episodes AS (
    -- Non-short-break episodes with their period of care, and since when the child has had the
    -- current carer: the latest episode changing carer (RNE S, P, U) up to each episode; T and
    -- B change the placement with the same carer (e.g. foster carers becoming adopters).
    SELECT
        e.*,
        pc.period_id,
        pc.start_date AS period_of_care_start,
        MAX(CASE WHEN e.reason_new_episode IN ('S', 'P', 'U') THEN e.start_date END) OVER (
            PARTITION BY e.person_id, e.la_code
            ORDER BY e.start_date, e.episode_id, pc.start_date
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS same_carer_since,
        -- How long the child's earlier episodes (or this one in another period of care) stay
        -- open, and when the next starts: a month end neither reaches finds this episode
        -- alone, so nothing to pick.
        MAX(COALESCE(e.end_date, DATE '9999-12-31')) OVER (
            PARTITION BY e.person_id, e.la_code
            ORDER BY e.start_date, e.episode_id, pc.start_date
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
        ) AS earlier_end,
        LEAD(e.start_date) OVER (
            PARTITION BY e.person_id, e.la_code
            ORDER BY e.start_date, e.episode_id, pc.start_date
        ) AS next_start
    FROM src_cla_episodes AS e
    JOIN src_cla_periods_of_care AS pc
        ON pc.la_code = e.la_code
        AND pc.person_id = e.person_id
        AND e.start_date BETWEEN pc.first_episode_start AND pc.last_episode_start
    WHERE NOT e.short_break
),
open_at AS (
    -- Only the keys: the episode's other columns join the one row picked per month end.
    SELECT
        e.la_code,
        e.person_id,
        e.episode_id,
        e.period_id,
        e.start_date,
        e.period_of_care_start,
        COALESCE(e.earlier_end > me.month_end, FALSE)
            OR COALESCE(e.next_start <= me.month_end, FALSE) AS shared_month_end,
        me.month_end AS as_at,
        CAST(me.month_end + INTERVAL 1 DAY - INTERVAL 12 MONTH AS DATE) AS year_start
    FROM episodes AS e
    JOIN csc_month_ends AS me
        ON e.start_date <= me.month_end
        AND (e.end_date IS NULL OR e.end_date > me.month_end)
),
at_month_end AS (
    -- The one episode open at a month end no other reaches; where several are, the latest.
    SELECT *, 1 AS pick FROM open_at WHERE NOT shared_month_end
    UNION ALL
    SELECT * FROM (
        SELECT
            *,
            ROW_NUMBER() OVER (
                PARTITION BY person_id, as_at, la_code
                ORDER BY start_date DESC, episode_id DESC, period_of_care_start DESC
            ) AS pick
        FROM open_at
        WHERE shared_month_end
    ) AS picked
    WHERE pick = 1
),
placements AS (
    -- Episodes overlapping the year (year_start to as_at).
    SELECT
        c.la_code,
        c.person_id,
        c.as_at,
        c.year_start,
        c.episode_id,
        c.period_id,
        -- A placement open when the year began (the child was looked after on its first day).
        MAX(CASE WHEN h.start_date < c.year_start THEN 1 ELSE 0 END) AS placed_at_year_start,
        -- New placements in the year: episodes starting a period of care or changing the
        -- placement (RNE S, P, T, U, B; L changes legal status only). Temporary placements
        -- (T0-T4: hospital, holidays, respite of 7 days or less) are not counted as placements.
        SUM(
            CASE
                WHEN h.start_date >= c.year_start
                    AND h.reason_new_episode IN ('S', 'P', 'T', 'U', 'B')
                    AND COALESCE(h.placement_type, '') NOT IN ('T0', 'T1', 'T2', 'T3', 'T4')
                    THEN 1
                ELSE 0
            END
        ) AS new_placements_in_year
    FROM at_month_end AS c
    JOIN episodes AS h
        ON h.la_code = c.la_code
        AND h.person_id = c.person_id
        AND h.start_date <= c.as_at
        AND (h.end_date IS NULL OR h.end_date >= c.year_start)
    GROUP BY c.la_code, c.person_id, c.as_at, c.year_start, c.episode_id, c.period_id
),
qualified_sw AS (
    -- An allocated social worker (role SW) open at as_at who is registered with Social Work
    -- England (a registration number means qualified).
    SELECT DISTINCT c.la_code, c.person_id, c.as_at
    FROM at_month_end AS c
    JOIN ssd_involvements AS i
        ON i.la_code = c.la_code
        AND i.invo_person_id = c.person_id
        AND i.invo_professional_role_id = 'SW'
        AND i.invo_involvement_start_date <= c.as_at
        AND (i.invo_involvement_end_date IS NULL OR i.invo_involvement_end_date > c.as_at)
    JOIN ssd_professionals AS pr
        ON pr.la_code = i.la_code
        AND pr.prof_professional_id = i.invo_professional_id
        AND TRIM(COALESCE(pr.prof_social_worker_registration_no, '')) <> ''
)
SELECT
    c.la_code,
    c.person_id,
    h.as_at,
    CAST(h.as_at + INTERVAL 1 DAY AS DATE) AS next_day,
    h.year_start,
    c.episode_id,
    c.legal_status,
    c.placement_id,
    c.placement_type,
    pl.clap_cla_placement_distance AS placement_distance,
    pl.clap_cla_placement_la AS placement_la,
    -- Outside the council's area: a recorded placement LA other than this council.
    COALESCE(pl.clap_cla_placement_la <> c.la_code, FALSE) AS placed_outside_la,
    c.period_id,
    c.period_of_care_start,
    -- SSDA903 OC2: continuously looked after for at least 12 months at as_at, the period of
    -- care having begun on or before the first day of the year (d2i 903 validator: DECOM on or
    -- before the collection start).
    c.period_of_care_start <= h.year_start AS looked_after_12_months,
    -- Age in whole years (see cla_episodes).
    FLOOR((CAST(STRFTIME(h.as_at, '%Y%m%d') AS INTEGER)
        - CAST(STRFTIME(c.date_of_birth, '%Y%m%d') AS INTEGER)) / 10000) AS age_at_month_end,
    COALESCE(
        c.uasc_status_start <= h.as_at
        AND (c.uasc_status_end IS NULL OR c.uasc_status_end > h.as_at),
        FALSE
    ) AS is_uasc,
    h.placed_at_year_start + h.new_placements_in_year AS placements_in_year,
    c.same_carer_since,
    -- Looked after continuously for 2.5 years, and with the same carer for 2 years, at as_at.
    c.period_of_care_start + INTERVAL 30 MONTH <= h.as_at AS looked_after_2_5_years,
    c.same_carer_since + INTERVAL 2 YEAR <= h.as_at AS same_carer_2_years,
    q.person_id IS NOT NULL AS qualified_sw_allocated,
    c.team,
    c.service
FROM placements AS h
JOIN episodes AS c
    ON c.la_code = h.la_code AND c.episode_id = h.episode_id AND c.period_id = h.period_id
LEFT JOIN qualified_sw AS q
    ON q.la_code = h.la_code AND q.person_id = h.person_id AND q.as_at = h.as_at
LEFT JOIN ssd_cla_placement AS pl
    ON pl.la_code = c.la_code AND pl.clap_cla_placement_id = c.placement_id
