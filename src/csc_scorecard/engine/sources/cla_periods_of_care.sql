-- One row per period of care (excluding V3/V4 short breaks): from its start to the end of the
-- episode that ceased it (empty while the child is still looked after).
SELECT
    e.la_code,
    e.person_id,
    e.period_of_care_start AS start_date,
    CASE WHEN COUNT(*) > COUNT(e.end_date) THEN NULL ELSE MAX(e.end_date) END AS end_date,
    MAX(e.team) AS team,
    MAX(e.service) AS service
FROM src_cla_episodes AS e
WHERE NOT e.short_break AND e.period_of_care_start IS NOT NULL
GROUP BY e.la_code, e.person_id, e.period_of_care_start
