-- One row per private fostering arrangement notified to the council, with the working days
-- from the notification to the first statutory visit. The Children (Private Arrangements for
-- Fostering) Regulations 2005, regs 4 and 7: an officer visits within seven working days of
-- the notification. Working days are start-exclusive and end-inclusive with England bank
-- holidays (a visit on the notification day is 0), as for the other timeliness measures.
SELECT
    p.la_code,
    p.pfos_arrangement_id AS arrangement_id,
    p.pfos_person_id AS person_id,
    p.pfos_notification_date AS notification_date,
    p.pfos_first_visit_date AS first_visit_date,
    p.pfos_end_date AS end_date,
    cv.cal_working_day_number - cn.cal_working_day_number AS working_days_to_first_visit,
    -- Calendar days too, for councils whose local standard is "within one week".
    DATE_DIFF('day', p.pfos_notification_date, p.pfos_first_visit_date) AS days_to_first_visit
FROM csc_private_fostering AS p
LEFT JOIN csc_calendar AS cn ON cn.cal_date = p.pfos_notification_date
LEFT JOIN csc_calendar AS cv ON cv.cal_date = p.pfos_first_visit_date
