-- One row per child: the characteristics figures are broken down by. Ethnicity is the DfE major
-- group; disability and UASC are "ever recorded" flags (the CIN census and SSDA903 carry them at
-- child level, not per episode).
SELECT
    p.la_code,
    p.pers_person_id AS person_id,
    p.pers_dob AS date_of_birth,
    CASE
        WHEN p.pers_sex = 'M' THEN 'Male'
        WHEN p.pers_sex = 'F' THEN 'Female'
        ELSE 'Not known'
    END AS sex,
    CASE
        WHEN p.pers_ethnicity IN ('WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM') THEN 'White'
        WHEN p.pers_ethnicity IN ('MWBC', 'MWBA', 'MWAS', 'MOTH') THEN 'Mixed or multiple'
        WHEN p.pers_ethnicity IN ('AIND', 'APKN', 'ABAN', 'AOTH') THEN 'Asian or Asian British'
        WHEN p.pers_ethnicity IN ('BCRB', 'BAFR', 'BOTH') THEN 'Black or Black British'
        WHEN p.pers_ethnicity IN ('CHNE', 'OOTH') THEN 'Other ethnic group'
        ELSE 'Refused or not obtained'
    END AS ethnicity,
    CASE
        WHEN EXISTS (
            SELECT 1
            FROM ssd_disability AS di
            WHERE di.la_code = p.la_code
                AND di.disa_person_id = p.pers_person_id
                AND di.disa_disability_code <> 'NONE'
        ) THEN 'Disabled'
        ELSE 'Not disabled'
    END AS disability,
    CASE
        WHEN EXISTS (
            SELECT 1
            FROM ssd_immigration_status AS im
            WHERE im.la_code = p.la_code
                AND im.immi_person_id = p.pers_person_id
                AND im.immi_immigration_status = 'UASC'
        ) THEN 'UASC'
        ELSE 'Not UASC'
    END AS uasc
FROM ssd_person AS p
