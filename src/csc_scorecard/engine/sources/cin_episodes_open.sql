-- One row per CIN episode (a referral opens it, CINclosureDate ends it), for the children in
-- need snapshot (DfE B1: episodes open at 31 March, NFA referrals excluded).
SELECT
    r.la_code,
    r.cine_referral_id AS referral_id,
    r.cine_person_id AS person_id,
    r.cine_referral_date AS referral_date,
    r.cine_close_date AS close_date,
    -- An NFA referral never becomes a CIN episode the DfE counts.
    COALESCE(r.cine_referral_nfa, FALSE) AS nfa,
    r.cine_cin_primary_need_code AS primary_need,
    r.cine_referral_team AS team,
    ts.service
FROM ssd_cin_episodes AS r
LEFT JOIN src_team_service AS ts ON ts.la_code = r.la_code AND ts.team = r.cine_referral_team
