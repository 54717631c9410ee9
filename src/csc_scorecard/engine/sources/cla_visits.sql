-- One row per statutory looked-after visit due (regulation 28 of SI 2010/959), done or not.
-- on_time: done on or before its due date (a visit not yet done is not on time).
-- short_break_only: on the due date the child's only open episodes are V3/V4 short breaks
-- (regulation 48 visits, left out of looked-after visit measures).
WITH care_on_due_date AS (
    SELECT
        v.la_code,
        v.clav_cla_visit_id AS visit_id,
        MIN(CASE WHEN e.short_break THEN 1 ELSE 0 END) = 1 AS short_break_only
    FROM ssd_cla_visits AS v
    JOIN src_cla_episodes AS e
        ON e.la_code = v.la_code
        AND e.person_id = v.clav_person_id
        AND e.start_date <= v.clav_cla_visit_due_date
        AND (e.end_date IS NULL OR e.end_date > v.clav_cla_visit_due_date)
    GROUP BY v.la_code, v.clav_cla_visit_id
)
SELECT
    v.la_code,
    v.clav_cla_visit_id AS visit_id,
    v.clav_person_id AS person_id,
    v.clav_cla_visit_due_date AS due_date,
    v.clav_cla_visit_date AS visit_date,
    COALESCE(v.clav_placed_with_parents, FALSE) AS placed_with_parents,
    COALESCE(v.clav_cla_visit_seen, FALSE) AS seen,
    COALESCE(v.clav_cla_visit_seen_alone, FALSE) AS seen_alone,
    v.clav_cla_visit_date IS NOT NULL AND v.clav_cla_visit_date <= v.clav_cla_visit_due_date
        AS on_time,
    COALESCE(c.short_break_only, FALSE) AS short_break_only,
    v.clav_cla_visit_team AS team,
    ts.service
FROM ssd_cla_visits AS v
LEFT JOIN care_on_due_date AS c ON c.la_code = v.la_code AND c.visit_id = v.clav_cla_visit_id
LEFT JOIN src_team_service AS ts ON ts.la_code = v.la_code AND ts.team = v.clav_cla_visit_team
