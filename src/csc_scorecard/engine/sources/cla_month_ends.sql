-- One row per child looked after (excluding V3/V4 short breaks) at each month end M being
-- computed, with the child's placement history at M. Used in snapshot shape with
-- start = as_at (the month end) and end = next_day, so each row counts at its own month end only.
-- The year before M runs from year_start = M + 1 day - 12 months to M (1 April to 31 March).
WITH open_at_month_end AS (
    -- The episode open at M (the latest, should data overlap).
    SELECT
        e.*,
        me.month_end,
        ROW_NUMBER() OVER (
            PARTITION BY e.la_code, e.person_id, me.month_end
            ORDER BY e.start_date DESC, e.episode_id DESC
        ) AS pick
    FROM src_cla_episodes AS e
    JOIN csc_month_ends AS me
        ON e.start_date <= me.month_end
        AND (e.end_date IS NULL OR e.end_date > me.month_end)
    WHERE NOT e.short_break
),
at_month_end AS (
    SELECT
        *,
        CAST(month_end + INTERVAL 1 DAY - INTERVAL 12 MONTH AS DATE) AS year_start
    FROM open_at_month_end
    WHERE pick = 1
),
history AS (
    SELECT
        c.la_code,
        c.person_id,
        c.month_end,
        -- A placement open when the year began (the child was looked after on its first day).
        MAX(
            CASE
                WHEN h.start_date < c.year_start
                    AND (h.end_date IS NULL OR h.end_date >= c.year_start)
                    THEN 1
                ELSE 0
            END
        ) AS placed_at_year_start,
        -- New placements in the year: episodes starting a period of care or changing the
        -- placement (RNE S, P, T, U, B; L changes legal status only). Temporary placements
        -- (T0-T4: hospital, holidays, respite of 7 days or less) are not counted as placements.
        COUNT(
            DISTINCT CASE
                WHEN h.start_date >= c.year_start
                    AND h.reason_new_episode IN ('S', 'P', 'T', 'U', 'B')
                    AND COALESCE(h.placement_type, '') NOT IN ('T0', 'T1', 'T2', 'T3', 'T4')
                    THEN h.episode_id
            END
        ) AS new_placements_in_year,
        -- The current carer since: the latest episode changing carer (S, P, U) up to M; T and
        -- B change the placement with the same carer (e.g. foster carers becoming adopters).
        MAX(
            CASE WHEN h.reason_new_episode IN ('S', 'P', 'U') THEN h.start_date END
        ) AS same_carer_since
    FROM at_month_end AS c
    JOIN src_cla_episodes AS h
        ON h.la_code = c.la_code
        AND h.person_id = c.person_id
        AND h.start_date <= c.month_end
        AND NOT h.short_break
    GROUP BY c.la_code, c.person_id, c.month_end
)
SELECT
    c.la_code,
    c.person_id,
    c.month_end AS as_at,
    CAST(c.month_end + INTERVAL 1 DAY AS DATE) AS next_day,
    c.episode_id,
    c.legal_status,
    c.placement_id,
    c.placement_type,
    pl.clap_cla_placement_distance AS placement_distance,
    pl.clap_cla_placement_la AS placement_la,
    -- Outside the council's area: a recorded placement LA other than this council.
    COALESCE(pl.clap_cla_placement_la <> c.la_code, FALSE) AS placed_outside_la,
    c.period_of_care_start,
    EXTRACT(YEAR FROM c.month_end) - EXTRACT(YEAR FROM c.date_of_birth)
        - CASE
            WHEN EXTRACT(MONTH FROM c.month_end) < EXTRACT(MONTH FROM c.date_of_birth)
                OR (
                    EXTRACT(MONTH FROM c.month_end) = EXTRACT(MONTH FROM c.date_of_birth)
                    AND EXTRACT(DAY FROM c.month_end) < EXTRACT(DAY FROM c.date_of_birth)
                )
                THEN 1
            ELSE 0
        END AS age_at_month_end,
    c.uasc_status_start <= c.month_end
        AND (c.uasc_status_end IS NULL OR c.uasc_status_end > c.month_end) AS is_uasc,
    h.placed_at_year_start + h.new_placements_in_year AS placements_in_year,
    h.same_carer_since,
    -- Looked after continuously for 2.5 years, and with the same carer for 2 years, at M.
    c.period_of_care_start + INTERVAL 30 MONTH <= c.month_end AS looked_after_2_5_years,
    h.same_carer_since + INTERVAL 2 YEAR <= c.month_end AS same_carer_2_years,
    -- An allocated social worker (role SW) open at M who is registered with Social Work
    -- England (a registration number means qualified).
    EXISTS (
        SELECT 1
        FROM ssd_involvements AS i
        JOIN ssd_professionals AS pr
            ON pr.la_code = i.la_code AND pr.prof_professional_id = i.invo_professional_id
        WHERE i.la_code = c.la_code
            AND i.invo_person_id = c.person_id
            AND i.invo_professional_role_id = 'SW'
            AND i.invo_involvement_start_date <= c.month_end
            AND (i.invo_involvement_end_date IS NULL OR i.invo_involvement_end_date > c.month_end)
            AND TRIM(COALESCE(pr.prof_social_worker_registration_no, '')) <> ''
    ) AS qualified_sw_allocated,
    c.team,
    c.service
FROM at_month_end AS c
JOIN history AS h
    ON h.la_code = c.la_code AND h.person_id = c.person_id AND h.month_end = c.month_end
LEFT JOIN ssd_cla_placement AS pl
    ON pl.la_code = c.la_code AND pl.clap_cla_placement_id = c.placement_id
