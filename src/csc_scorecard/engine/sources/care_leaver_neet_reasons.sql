-- The month-end care leaver rows once per NEET reason (SSDA903 ACTIV G4 illness or disability,
-- G5 other, G6 pregnancy or parenting), so that a breakdown by reason keeps the whole cohort
-- in each reason's denominator. Counted distinct by child, the copies collapse in the 'all'
-- figure, which is then the total NEET percentage. Only the DfE 19-21 cohort, the only one
-- reported by reason, is copied (three copies of every care leaver's month ends were the
-- largest view at national scale), with the columns the measure and its drill-through read.
SELECT
    c.la_code,
    c.person_id,
    c.as_at,
    c.cohort_19_21,
    c.neet_reason,
    c.team,
    c.service,
    r.reason,
    COALESCE(c.neet_reason = r.reason, FALSE) AS neet_for_reason
FROM src_care_leavers AS c
CROSS JOIN (
    SELECT 'illness_disability' AS reason
    UNION ALL
    SELECT 'other' AS reason
    UNION ALL
    SELECT 'pregnancy_parenting' AS reason
) AS r
WHERE c.cohort_19_21
