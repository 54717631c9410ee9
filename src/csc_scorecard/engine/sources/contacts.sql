-- One row per contact to children's social care (front door / MASH), with whether it progressed
-- to a Child and Family assessment. The model holds no contact-to-assessment link, so the link is
-- inferred: an assessment for the same child starting on or after the contact date and within 10
-- working days of it progresses the LATEST eligible contact before its start (so a run of
-- contacts about one child credits one contact per assessment). Contacts closed with an outcome
-- other than a referral (NFA, early help, information and advice) cannot progress.
WITH contacts AS (
    SELECT
        c.la_code,
        c.cont_contact_id AS contact_id,
        c.cont_person_id AS person_id,
        c.cont_contact_date AS contact_date,
        c.cont_contact_source_code AS contact_source,
        c.cont_contact_outcome_code AS outcome,
        -- an unrecorded outcome is given the benefit of the doubt; a recorded non-referral
        -- outcome means the contact did not go on to children's social care
        COALESCE(c.cont_contact_outcome_code, 'REF') = 'REF' AS can_progress
    FROM ssd_contacts AS c
),

candidates AS (
    SELECT
        k.la_code,
        k.contact_id,
        a.cina_assessment_id AS assessment_id,
        ROW_NUMBER() OVER (
            PARTITION BY a.cina_assessment_id, a.la_code
            ORDER BY k.contact_date DESC, k.contact_id DESC
        ) AS latest_first
    FROM contacts AS k
    JOIN ssd_cin_assessments AS a
        ON a.la_code = k.la_code
        AND a.cina_person_id = k.person_id
        AND a.cina_assessment_start_date >= k.contact_date
    JOIN csc_calendar AS ck ON ck.cal_date = k.contact_date
    JOIN csc_calendar AS ca ON ca.cal_date = a.cina_assessment_start_date
    WHERE k.can_progress
        AND ca.cal_working_day_number - ck.cal_working_day_number <= 10
),

progressed AS (
    -- the contacts credited with at least one assessment
    SELECT DISTINCT
        la_code,
        contact_id
    FROM candidates
    WHERE latest_first = 1
)

SELECT
    k.la_code,
    k.contact_id,
    k.person_id,
    k.contact_date,
    k.contact_source,
    k.outcome,
    p.contact_id IS NOT NULL AS progressed_to_assessment
FROM contacts AS k
LEFT JOIN progressed AS p ON p.la_code = k.la_code AND p.contact_id = k.contact_id
