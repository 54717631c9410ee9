-- One row per child per month in which the child was looked after at any time (an episode,
-- short breaks V3/V4 excluded, overlapping the month), for "children looked after during the
-- period" measures: used as an event dated cla_month_end and counted by distinct child. Flags
-- say what happened in the month; looked_after_at_month_end, spell_start and the 12-month health
-- flags serve the "continuously looked after for 12 months" cohort (SSDA903 OC2).
WITH months AS (
    SELECT
        me.month_end,
        MIN(c.cal_date) AS month_start
    FROM csc_month_ends AS me
    JOIN csc_calendar AS c ON c.cal_month_end = me.month_end
    GROUP BY me.month_end
),
episode_months AS (
    -- An episode ceasing on the first day of a month still counts in that month.
    SELECT
        e.la_code,
        e.clae_person_id AS person_id,
        mo.month_end AS cla_month_end,
        mo.month_start AS cla_month_start,
        CASE
            WHEN e.clae_cla_episode_ceased_date IS NULL
                OR e.clae_cla_episode_ceased_date > mo.month_end THEN 1
            ELSE 0
        END AS open_at_month_end,
        e.clae_cla_team AS team,
        ROW_NUMBER() OVER (
            PARTITION BY e.la_code, e.clae_person_id, mo.month_end
            ORDER BY e.clae_cla_episode_start_date DESC, e.clae_cla_episode_id DESC
        ) AS latest
    FROM ssd_cla_episodes AS e
    JOIN months AS mo
        ON e.clae_cla_episode_start_date <= mo.month_end
        AND (
            e.clae_cla_episode_ceased_date IS NULL
            OR e.clae_cla_episode_ceased_date >= mo.month_start
        )
    WHERE e.clae_cla_legal_status NOT IN ('V3', 'V4')
),
child_months AS (
    -- The team is that of the latest episode in the month.
    SELECT
        la_code,
        person_id,
        cla_month_end,
        cla_month_start,
        MAX(open_at_month_end) = 1 AS looked_after_at_month_end,
        MAX(CASE WHEN latest = 1 THEN team END) AS team
    FROM episode_months
    GROUP BY la_code, person_id, cla_month_end, cla_month_start
),
with_spell AS (
    -- year_start: the first day of the 12 months to the month end (1 April for 31 March).
    SELECT
        cm.*,
        sp.spell_start,
        cm.cla_month_end - INTERVAL 12 MONTH + INTERVAL 1 DAY AS year_start
    FROM child_months AS cm
    LEFT JOIN src_cla_care_spells AS sp
        ON sp.la_code = cm.la_code
        AND sp.person_id = cm.person_id
        AND sp.spell_start <= cm.cla_month_end
        AND (sp.spell_end IS NULL OR sp.spell_end > cm.cla_month_end)
)
SELECT
    w.la_code,
    w.person_id,
    w.cla_month_end,
    w.cla_month_start,
    w.looked_after_at_month_end,
    w.spell_start,
    w.year_start,
    -- SSDA903 OC2 cohort: looked after at the month end in a period of care that began on or
    -- before the first day of the 12 months (d2i 903 validator: DECOM <= collection start).
    COALESCE(w.looked_after_at_month_end AND w.spell_start <= w.year_start, FALSE)
        AS continuously_12m,
    w.team,
    ts.service,
    EXISTS (
        SELECT 1
        FROM src_missing_episodes AS m
        WHERE m.la_code = w.la_code
            AND m.person_id = w.person_id
            AND m.missing_type = 'M'
            AND m.looked_after_at_start
            AND m.start_date BETWEEN w.cla_month_start AND w.cla_month_end
    ) AS missing_in_month,
    EXISTS (
        SELECT 1
        FROM src_missing_episodes AS m
        WHERE m.la_code = w.la_code
            AND m.person_id = w.person_id
            AND m.missing_type = 'A'
            AND m.looked_after_at_start
            AND m.start_date BETWEEN w.cla_month_start AND w.cla_month_end
    ) AS away_in_month,
    EXISTS (
        SELECT 1
        FROM ssd_cla_health AS h
        WHERE h.la_code = w.la_code
            AND h.clah_person_id = w.person_id
            AND h.clah_health_check_type = 'RHA'
            AND h.clah_health_check_status = 'R'
            AND h.clah_health_check_date BETWEEN w.cla_month_start AND w.cla_month_end
    ) AS rha_refused_in_month,
    EXISTS (
        SELECT 1
        FROM ssd_cla_health AS h
        WHERE h.la_code = w.la_code
            AND h.clah_person_id = w.person_id
            AND h.clah_health_check_type = 'DENTAL'
            AND h.clah_health_check_status = 'R'
            AND h.clah_health_check_date BETWEEN w.cla_month_start AND w.cla_month_end
    ) AS dental_refused_in_month,
    -- Any completed statutory health assessment (initial or review) in the 12 months.
    EXISTS (
        SELECT 1
        FROM ssd_cla_health AS h
        WHERE h.la_code = w.la_code
            AND h.clah_person_id = w.person_id
            AND h.clah_health_check_type IN ('IHA', 'RHA')
            AND h.clah_health_check_status = 'C'
            AND h.clah_health_check_date >= w.year_start
            AND h.clah_health_check_date <= w.cla_month_end
    ) AS health_assessment_12m,
    EXISTS (
        SELECT 1
        FROM ssd_cla_health AS h
        WHERE h.la_code = w.la_code
            AND h.clah_person_id = w.person_id
            AND h.clah_health_check_type = 'DENTAL'
            AND h.clah_health_check_status = 'C'
            AND h.clah_health_check_date >= w.year_start
            AND h.clah_health_check_date <= w.cla_month_end
    ) AS dental_check_12m
FROM with_spell AS w
LEFT JOIN src_team_service AS ts ON ts.la_code = w.la_code AND ts.team = w.team
