-- Child protection plans and the spans of them during which the child was allocated a
-- qualified social worker, for "allocated to a qualified social worker at the month end".
-- Rows of kind 'plan' are the plans; rows of kind 'qualified_sw' are the overlap of a plan
-- with an allocation (involvement role SW) of a professional holding a Social Work England
-- registration. Counted as snapshots: a child on a plan at a month end is in the denominator,
-- and in the numerator when one of its 'qualified_sw' spans covers that month end.
SELECT
    p.la_code,
    p.person_id,
    p.plan_id,
    'plan' AS row_kind,
    p.start_date,
    p.end_date,
    p.team,
    p.service
FROM src_cp_plans AS p
UNION ALL
SELECT
    p.la_code,
    p.person_id,
    p.plan_id,
    'qualified_sw' AS row_kind,
    -- The overlap of the plan and the allocation: the later start and the earlier end
    -- (an empty end is still open).
    CASE
        WHEN i.invo_involvement_start_date > p.start_date THEN i.invo_involvement_start_date
        ELSE p.start_date
    END AS start_date,
    CASE
        WHEN p.end_date IS NULL THEN i.invo_involvement_end_date
        WHEN i.invo_involvement_end_date IS NULL THEN p.end_date
        WHEN i.invo_involvement_end_date < p.end_date THEN i.invo_involvement_end_date
        ELSE p.end_date
    END AS end_date,
    p.team,
    p.service
FROM src_cp_plans AS p
JOIN ssd_involvements AS i
    ON i.la_code = p.la_code
    AND i.invo_person_id = p.person_id
    AND i.invo_professional_role_id = 'SW'
    AND i.invo_involvement_start_date < COALESCE(p.end_date, DATE '9999-12-31')
    AND (i.invo_involvement_end_date IS NULL OR i.invo_involvement_end_date > p.start_date)
JOIN ssd_professionals AS pr
    ON pr.la_code = i.la_code AND pr.prof_professional_id = i.invo_professional_id
-- Qualified: a registration number is recorded (blank text is not a registration).
WHERE TRIM(COALESCE(pr.prof_social_worker_registration_no, '')) <> ''
