-- One row per period of care that began (short breaks excluded; see cla_care_spells), with the
-- child's first completed initial health assessment (IHA) and first IHA request to health in
-- that period of care, and working days to each from the day the child became looked after
-- (start-exclusive, end-inclusive, England bank holidays).
WITH iha AS (
    SELECT
        s.la_code,
        s.spell_id,
        MIN(CASE WHEN h.clah_health_check_status = 'C' THEN h.clah_health_check_date END)
            AS iha_date,
        MIN(h.clah_health_check_requested_date) AS iha_requested_date
    FROM src_cla_care_spells AS s
    JOIN ssd_cla_health AS h
        ON h.la_code = s.la_code
        AND h.clah_person_id = s.person_id
        AND h.clah_health_check_type = 'IHA'
        AND COALESCE(h.clah_health_check_date, h.clah_health_check_requested_date)
            >= s.spell_start
        AND (
            s.spell_end IS NULL
            OR COALESCE(h.clah_health_check_date, h.clah_health_check_requested_date)
                <= s.spell_end
        )
    GROUP BY s.la_code, s.spell_id
)
SELECT
    s.la_code,
    s.spell_id,
    s.person_id,
    s.spell_start,
    s.spell_end,
    s.entry_legal_status,
    s.team,
    s.service,
    -- Seed 004 (Darlington) leaves out children entering care on remand (J1) or as UASC.
    s.entry_legal_status = 'J1' AS entered_on_remand,
    EXISTS (
        SELECT 1
        FROM ssd_immigration_status AS u
        WHERE u.la_code = s.la_code
            AND u.immi_person_id = s.person_id
            AND u.immi_immigration_status = 'UASC'
            AND u.immi_immigration_status_start_date <= s.spell_start
            AND (
                u.immi_immigration_status_end_date IS NULL
                OR u.immi_immigration_status_end_date > s.spell_start
            )
    ) AS uasc_at_entry,
    i.iha_date,
    i.iha_requested_date,
    i.iha_date IS NOT NULL AS iha_completed,
    ci.cal_working_day_number - cs.cal_working_day_number AS iha_working_days,
    cr.cal_working_day_number - cs.cal_working_day_number AS request_working_days
FROM src_cla_care_spells AS s
LEFT JOIN iha AS i ON i.la_code = s.la_code AND i.spell_id = s.spell_id
LEFT JOIN csc_calendar AS cs ON cs.cal_date = s.spell_start
LEFT JOIN csc_calendar AS ci ON ci.cal_date = i.iha_date
LEFT JOIN csc_calendar AS cr ON cr.cal_date = i.iha_requested_date
