-- One row per care leaver status record (SSDA903 OC3 or the council's own record), in force
-- from its contact date until the next record for the same young person replaces it
-- (next_contact_date, exclusive; empty = still the latest). Records on the same date are
-- ordered by row id, so the later row wins and the earlier one is in force for no day.
WITH ordered AS (
    SELECT
        c.la_code,
        c.clea_table_id AS status_id,
        c.clea_person_id AS person_id,
        c.clea_care_leaver_latest_contact AS contact_date,
        LEAD(c.clea_care_leaver_latest_contact) OVER (
            PARTITION BY c.clea_person_id, c.la_code
            ORDER BY c.clea_care_leaver_latest_contact, c.clea_table_id
        ) AS next_contact_date,
        c.clea_care_leaver_eligibility AS eligibility,
        c.clea_care_leaver_in_touch AS in_touch,
        c.clea_care_leaver_accommodation AS accommodation,
        c.clea_care_leaver_accom_suitable AS accom_suitable,
        c.clea_care_leaver_activity AS activity,
        c.clea_care_leaver_allocated_team AS team
    FROM ssd_care_leavers AS c
)
SELECT
    o.*,
    ts.service,
    p.pers_dob AS dob,
    p.pers_death_date AS death_date,
    -- Former relevant (Children (Leaving Care) Act 2000): relevant and eligible children become
    -- former relevant at 18, so only qualifying care leavers are outside the DfE cohort. An
    -- empty category is read as former relevant (OC3 is returned for former relevant only).
    COALESCE(o.eligibility, 'FREL') <> 'QUAL' AS former_relevant,
    -- Suitability is recorded, not derived from the ACCOM letter (SSDA903 holds it apart).
    COALESCE(o.accom_suitable, FALSE) AS suitable,
    COALESCE(o.activity IN ('F1', 'P1', 'F2', 'P2', 'F3', 'P3'), FALSE) AS eet,
    COALESCE(o.activity IN ('F1', 'P1', 'F2', 'P2'), FALSE) AS in_education,
    COALESCE(o.activity IN ('F3', 'P3'), FALSE) AS in_training_employment,
    COALESCE(o.activity IN ('G4', 'G5', 'G6'), FALSE) AS neet,
    CASE o.activity
        WHEN 'G4' THEN 'illness_disability'
        WHEN 'G5' THEN 'other'
        WHEN 'G6' THEN 'pregnancy_parenting'
    END AS neet_reason,
    COALESCE(o.accommodation = 'V', FALSE) AS emergency_accommodation
FROM ordered AS o
LEFT JOIN ssd_person AS p ON p.la_code = o.la_code AND p.pers_person_id = o.person_id
LEFT JOIN src_team_service AS ts ON ts.la_code = o.la_code AND ts.team = o.team
