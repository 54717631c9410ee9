-- One row per looked-after review due (regulation 33 of SI 2010/959): every review held in a
-- period of care (cancelled reviews left out), plus the next review still to be held while the
-- child remains looked after on its due date (not held: never on time).
-- Due date: the recorded due date where there is one; else the regulation 33 date: the first
-- review within 20 working days of the start of the period of care, the second within 3 months
-- of the first, later ones within 6 months of the previous review held.
WITH held AS (
    SELECT
        r.la_code,
        r.clar_cla_review_id AS review_id,
        r.clar_person_id AS person_id,
        r.clar_cla_review_date AS review_date,
        r.clar_cla_review_due_date AS recorded_due_date,
        pc.start_date AS period_of_care_start,
        pc.end_date AS period_of_care_end,
        pc.team,
        pc.service,
        ROW_NUMBER() OVER (
            PARTITION BY r.clar_person_id, pc.start_date, r.la_code
            ORDER BY r.clar_cla_review_date, r.clar_cla_review_id
        ) AS review_number,
        LAG(r.clar_cla_review_date) OVER (
            PARTITION BY r.clar_person_id, pc.start_date, r.la_code
            ORDER BY r.clar_cla_review_date, r.clar_cla_review_id
        ) AS previous_review_date
    FROM ssd_cla_reviews AS r
    JOIN src_cla_periods_of_care AS pc
        ON pc.la_code = r.la_code
        AND pc.person_id = r.clar_person_id
        AND pc.start_date <= r.clar_cla_review_date
        AND (pc.end_date IS NULL OR pc.end_date >= r.clar_cla_review_date)
    WHERE NOT COALESCE(r.clar_cla_review_cancelled, FALSE)
),
next_due AS (
    -- The review after the latest held one (or the first, when none is held yet).
    SELECT
        pc.la_code,
        pc.person_id,
        pc.start_date AS period_of_care_start,
        pc.end_date AS period_of_care_end,
        pc.team,
        pc.service,
        COALESCE(MAX(h.review_number), 0) + 1 AS review_number,
        MAX(h.review_date) AS previous_review_date
    FROM src_cla_periods_of_care AS pc
    LEFT JOIN held AS h
        ON h.la_code = pc.la_code
        AND h.person_id = pc.person_id
        AND h.period_of_care_start = pc.start_date
    GROUP BY pc.la_code, pc.person_id, pc.start_date, pc.end_date, pc.team, pc.service
),
reviews AS (
    SELECT
        la_code,
        review_id,
        person_id,
        review_date,
        recorded_due_date,
        period_of_care_start,
        period_of_care_end,
        review_number,
        previous_review_date,
        team,
        service
    FROM held
    UNION ALL
    SELECT
        la_code,
        'due:' || person_id || ':' || CAST(period_of_care_start AS VARCHAR) AS review_id,
        person_id,
        CAST(NULL AS DATE) AS review_date,
        CAST(NULL AS DATE) AS recorded_due_date,
        period_of_care_start,
        period_of_care_end,
        review_number,
        previous_review_date,
        team,
        service
    FROM next_due
),
dated AS (
    SELECT
        r.*,
        COALESCE(
            r.recorded_due_date,
            CASE
                WHEN r.review_number = 1 THEN c20.cal_date
                WHEN r.review_number = 2
                    THEN CAST(r.previous_review_date + INTERVAL 3 MONTH AS DATE)
                ELSE CAST(r.previous_review_date + INTERVAL 6 MONTH AS DATE)
            END
        ) AS due_date
    FROM reviews AS r
    LEFT JOIN csc_calendar AS cs ON cs.cal_date = r.period_of_care_start
    LEFT JOIN csc_calendar AS c20
        ON c20.cal_working_day_number = cs.cal_working_day_number + 20
        AND c20.cal_is_working_day
)
SELECT
    d.*,
    d.review_date IS NOT NULL AND d.review_date <= d.due_date AS on_time
FROM dated AS d
-- A review still to be held is due only while the child is looked after on its due date.
WHERE d.review_date IS NOT NULL
    OR d.period_of_care_end IS NULL
    OR d.period_of_care_end > d.due_date
