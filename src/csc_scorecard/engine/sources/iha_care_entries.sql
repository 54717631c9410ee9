-- One row per period of care (short breaks excluded), with the child's first completed initial
-- health assessment (IHA) and first IHA request to health in that period of care, and working
-- days to each from the day the child became looked after (start-exclusive, end-inclusive,
-- England bank holidays).
WITH iha AS (
    SELECT
        pc.la_code,
        pc.period_id,
        MIN(CASE WHEN h.clah_health_check_status = 'C' THEN h.clah_health_check_date END)
            AS iha_date,
        MIN(h.clah_health_check_requested_date) AS iha_requested_date
    FROM src_cla_periods_of_care AS pc
    JOIN ssd_cla_health AS h
        ON h.la_code = pc.la_code
        AND h.clah_person_id = pc.person_id
        AND h.clah_health_check_type = 'IHA'
        AND COALESCE(h.clah_health_check_date, h.clah_health_check_requested_date)
            >= pc.start_date
        AND (
            pc.end_date IS NULL
            OR COALESCE(h.clah_health_check_date, h.clah_health_check_requested_date)
                <= pc.end_date
        )
    GROUP BY pc.la_code, pc.period_id
)
SELECT
    pc.la_code,
    pc.period_id,
    pc.person_id,
    pc.start_date,
    pc.end_date,
    pc.entry_legal_status,
    pc.entry_team AS team,
    pc.entry_service AS service,
    -- Seed 004 (Darlington) leaves out children entering care on remand (J1) or as UASC.
    pc.entry_legal_status = 'J1' AS entered_on_remand,
    pc.uasc_at_start AS uasc_at_entry,
    i.iha_date,
    i.iha_requested_date,
    i.iha_date IS NOT NULL AS iha_completed,
    ci.cal_working_day_number - cs.cal_working_day_number AS iha_working_days,
    cr.cal_working_day_number - cs.cal_working_day_number AS request_working_days
FROM src_cla_periods_of_care AS pc
LEFT JOIN iha AS i ON i.la_code = pc.la_code AND i.period_id = pc.period_id
LEFT JOIN csc_calendar AS cs ON cs.cal_date = pc.start_date
LEFT JOIN csc_calendar AS ci ON ci.cal_date = i.iha_date
LEFT JOIN csc_calendar AS cr ON cr.cal_date = i.iha_requested_date
