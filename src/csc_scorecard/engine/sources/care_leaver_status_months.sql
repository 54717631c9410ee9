-- One row per care leaver status record per month it was in force on at least one day (from
-- its contact date up to the day before the next record), for "at any time in the period"
-- counts: a period is whole months, so a child counts when any of its months does.
SELECT
    s.*,
    me.month_end AS in_month
FROM src_care_leaver_statuses AS s
JOIN csc_month_ends AS me
    ON s.contact_date <= me.month_end
    AND (s.next_contact_date IS NULL OR s.next_contact_date > DATE_TRUNC('MONTH', me.month_end))
