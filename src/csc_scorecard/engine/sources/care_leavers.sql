-- One row per care leaver per month end (as_at): the status of the latest record on or before
-- the month end, with the young person's age in whole years at the month end and the cohorts
-- the DfE reports. Used as a snapshot with start = as_at and end = the day after, so each row
-- counts at its own month end only. Only ages 16 to 25 are kept: every measure's cohort lies
-- within them, and a care leaver's last record otherwise stays in force for every month end
-- after (at national scale, most of the view was older care leavers).
-- At most one row per child and month end (a status record is in force until the next
-- record's date):
-- one row per month end: person_id at as_at
WITH current_status AS (
    SELECT
        s.*,
        me.month_end AS as_at,
        EXTRACT(YEAR FROM me.month_end) - EXTRACT(YEAR FROM s.dob)
        - CASE
            WHEN EXTRACT(MONTH FROM me.month_end) < EXTRACT(MONTH FROM s.dob)
                OR (
                    EXTRACT(MONTH FROM me.month_end) = EXTRACT(MONTH FROM s.dob)
                    AND EXTRACT(DAY FROM me.month_end) < EXTRACT(DAY FROM s.dob)
                )
                THEN 1
            ELSE 0
        END AS age,
        -- DfE excludes those who have died and those returned home for 6 months or more.
        COALESCE(s.in_touch IN ('DIED', 'RHOM'), FALSE)
        OR COALESCE(s.death_date <= me.month_end, FALSE) AS excluded
    FROM src_care_leaver_statuses AS s
    JOIN csc_month_ends AS me
        ON s.contact_date <= me.month_end
        AND (s.next_contact_date IS NULL OR s.next_contact_date > me.month_end)
)
SELECT
    c.*,
    CASE
        WHEN c.age BETWEEN 16 AND 18 THEN '16-18'
        WHEN c.age BETWEEN 19 AND 21 THEN '19-21'
        WHEN c.age BETWEEN 22 AND 25 THEN '22-25'
        ELSE 'other'
    END AS leaver_age_band,
    -- DfE 19-21 cohort: former relevant; not in touch and no information stay in.
    c.former_relevant AND c.age BETWEEN 19 AND 21 AND NOT c.excluded AS cohort_19_21,
    -- DfE 22-25 figures cover only those in touch who requested and received support.
    c.former_relevant
    AND c.age BETWEEN 22 AND 25
    AND NOT c.excluded
    AND COALESCE(c.in_touch = 'YES', FALSE) AS cohort_22_25
FROM current_status AS c
WHERE c.age BETWEEN 16 AND 25
