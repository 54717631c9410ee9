-- One row per child and month end for children looked after at that month end who had by then
-- been looked after continuously for at least 12 months, with whether a Child and Family
-- assessment was authorised for them in the 12 months to that month end. Both come from
-- cla_month_ends, as for the OC2 health measures: the cohort is its looked_after_12_months (the
-- SSDA903 period of care of cla_periods_of_care began on or before year_start, the first day of
-- the 12 months), and the 12 months run from year_start to as_at.
-- At most one row per child and month end (grouped by them):
-- one row per month end: person_id at as_at
SELECT
    me.la_code,
    me.person_id,
    me.as_at,
    me.team,
    me.service,
    COUNT(a.cina_person_id) > 0 AS assessed_in_12m
FROM src_cla_month_ends AS me
LEFT JOIN ssd_cin_assessments AS a
    ON a.la_code = me.la_code
    AND a.cina_person_id = me.person_id
    AND a.cina_assessment_auth_date >= me.year_start
    AND a.cina_assessment_auth_date <= me.as_at
WHERE me.looked_after_12_months
GROUP BY me.la_code, me.person_id, me.as_at, me.team, me.service
