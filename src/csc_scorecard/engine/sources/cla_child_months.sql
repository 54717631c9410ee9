-- One row per child per month in which the child was looked after at any time (an episode,
-- short breaks V3/V4 excluded, overlapping the month), for "children looked after during the
-- period" measures: used as an event dated cla_month_end and counted by distinct child. Flags
-- say what happened in the month. Whether the child was looked after at the month end, and in
-- which period of care, comes from cla_month_ends; with the 12-month health flags it gives the
-- "continuously looked after for 12 months" cohort (SSDA903 OC2, continuously_12m).
-- At most one row per child and month end (the latest episode per child and month, joined
-- to tables grouped by child and month):
-- one row per month end: person_id at cla_month_end
WITH months AS (
    SELECT
        me.month_end AS cla_month_end,
        MIN(c.cal_date) AS cla_month_start,
        EXTRACT(YEAR FROM me.month_end) * 12 + EXTRACT(MONTH FROM me.month_end) AS month_number
    FROM csc_month_ends AS me
    JOIN csc_calendar AS c ON c.cal_month_end = me.month_end
    GROUP BY me.month_end
),
episodes AS (
    -- Non-short-break episodes, with the latest month (by number, year * 12 + month) the
    -- child's earlier episodes reach and the month the next one starts: a month of this
    -- episode that neither reaches holds no other episode of the child, so nothing to pick.
    SELECT
        e.*,
        MAX(e.end_month) OVER (
            PARTITION BY e.person_id, e.la_code
            ORDER BY e.start_date, e.episode_id
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
        ) AS earlier_reach,
        LEAD(e.start_month) OVER (
            PARTITION BY e.person_id, e.la_code
            ORDER BY e.start_date, e.episode_id
        ) AS next_start
    FROM (
        SELECT
            x.*,
            EXTRACT(YEAR FROM x.start_date) * 12 + EXTRACT(MONTH FROM x.start_date)
                AS start_month,
            -- An open episode reaches every month.
            COALESCE(EXTRACT(YEAR FROM x.end_date) * 12 + EXTRACT(MONTH FROM x.end_date), 999999)
                AS end_month
        FROM src_cla_episodes AS x
        WHERE NOT x.short_break
    ) AS e
),
episode_months AS (
    -- An episode ceasing on the first day of a month still counts in that month; the team is
    -- that of the latest episode in the month.
    SELECT
        e.la_code,
        e.person_id,
        e.start_date,
        e.episode_id,
        COALESCE(e.earlier_reach >= mo.month_number, FALSE)
            OR COALESCE(e.next_start <= mo.month_number, FALSE) AS shared_month,
        mo.cla_month_end,
        mo.cla_month_start,
        CAST(mo.cla_month_end + INTERVAL 1 DAY - INTERVAL 12 MONTH AS DATE) AS year_start,
        e.team,
        e.service
    FROM episodes AS e
    JOIN months AS mo
        ON e.start_date <= mo.cla_month_end
        AND (e.end_date IS NULL OR e.end_date >= mo.cla_month_start)
),
child_months AS (
    SELECT
        la_code, person_id, cla_month_end, cla_month_start, year_start, team, service
    FROM episode_months
    WHERE NOT shared_month
    UNION ALL
    SELECT la_code, person_id, cla_month_end, cla_month_start, year_start, team, service
    FROM (
        SELECT
            *,
            ROW_NUMBER() OVER (
                PARTITION BY person_id, cla_month_end, la_code
                ORDER BY start_date DESC, episode_id DESC
            ) AS latest
        FROM episode_months
        WHERE shared_month
    ) AS picked
    WHERE latest = 1
),
missing_months AS (
    -- Missing (M) and away (A) episodes that began while the child was looked after, by month.
    SELECT
        m.la_code,
        m.person_id,
        c.cal_month_end AS cla_month_end,
        MAX(CASE WHEN m.missing_type = 'M' THEN 1 ELSE 0 END) = 1 AS missing_in_month,
        MAX(CASE WHEN m.missing_type = 'A' THEN 1 ELSE 0 END) = 1 AS away_in_month
    FROM src_missing_episodes AS m
    JOIN csc_calendar AS c ON c.cal_date = m.start_date
    WHERE m.looked_after_at_start
    GROUP BY m.la_code, m.person_id, c.cal_month_end
),
refusal_months AS (
    -- Review health assessments and dental checks refused (status R), by the check's month.
    SELECT
        h.la_code,
        h.clah_person_id AS person_id,
        c.cal_month_end AS cla_month_end,
        MAX(CASE WHEN h.clah_health_check_type = 'RHA' THEN 1 ELSE 0 END) = 1
            AS rha_refused_in_month,
        MAX(CASE WHEN h.clah_health_check_type = 'DENTAL' THEN 1 ELSE 0 END) = 1
            AS dental_refused_in_month
    FROM ssd_cla_health AS h
    JOIN csc_calendar AS c ON c.cal_date = h.clah_health_check_date
    WHERE h.clah_health_check_status = 'R' AND h.clah_health_check_type IN ('RHA', 'DENTAL')
    GROUP BY h.la_code, h.clah_person_id, c.cal_month_end
),
checks_12m AS (
    -- Completed statutory health assessments (initial or review) and dental checks in the 12
    -- months to the month end (year_start to cla_month_end).
    SELECT
        cm.la_code,
        cm.person_id,
        cm.cla_month_end,
        MAX(CASE WHEN h.clah_health_check_type IN ('IHA', 'RHA') THEN 1 ELSE 0 END) = 1
            AS health_assessment_12m,
        MAX(CASE WHEN h.clah_health_check_type = 'DENTAL' THEN 1 ELSE 0 END) = 1
            AS dental_check_12m
    FROM child_months AS cm
    JOIN ssd_cla_health AS h
        ON h.la_code = cm.la_code
        AND h.clah_person_id = cm.person_id
        AND h.clah_health_check_status = 'C'
        AND h.clah_health_check_type IN ('IHA', 'RHA', 'DENTAL')
        AND h.clah_health_check_date >= cm.year_start
        AND h.clah_health_check_date <= cm.cla_month_end
    GROUP BY cm.la_code, cm.person_id, cm.cla_month_end
)
SELECT
    cm.la_code,
    cm.person_id,
    cm.cla_month_end,
    cm.cla_month_start,
    me.person_id IS NOT NULL AS looked_after_at_month_end,
    me.period_id,
    me.period_of_care_start,
    cm.year_start,
    COALESCE(me.looked_after_12_months, FALSE) AS continuously_12m,
    cm.team,
    cm.service,
    COALESCE(mm.missing_in_month, FALSE) AS missing_in_month,
    COALESCE(mm.away_in_month, FALSE) AS away_in_month,
    COALESCE(rm.rha_refused_in_month, FALSE) AS rha_refused_in_month,
    COALESCE(rm.dental_refused_in_month, FALSE) AS dental_refused_in_month,
    COALESCE(ck.health_assessment_12m, FALSE) AS health_assessment_12m,
    COALESCE(ck.dental_check_12m, FALSE) AS dental_check_12m
FROM child_months AS cm
LEFT JOIN src_cla_month_ends AS me
    ON me.la_code = cm.la_code AND me.person_id = cm.person_id AND me.as_at = cm.cla_month_end
LEFT JOIN missing_months AS mm
    ON mm.la_code = cm.la_code
    AND mm.person_id = cm.person_id
    AND mm.cla_month_end = cm.cla_month_end
LEFT JOIN refusal_months AS rm
    ON rm.la_code = cm.la_code
    AND rm.person_id = cm.person_id
    AND rm.cla_month_end = cm.cla_month_end
LEFT JOIN checks_12m AS ck
    ON ck.la_code = cm.la_code
    AND ck.person_id = cm.person_id
    AND ck.cla_month_end = cm.cla_month_end
