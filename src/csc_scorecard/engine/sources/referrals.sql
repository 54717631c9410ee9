-- One row per referral (CIN census CINdetails). previous_referral_date is the child's latest
-- earlier referral to this council, for the re-referral measures (DfE: referral date compared
-- with referral date, NFA referrals included on both sides).
WITH ordered AS (
    SELECT
        r.la_code,
        r.cine_referral_id AS referral_id,
        r.cine_person_id AS person_id,
        r.cine_referral_date AS referral_date,
        r.cine_referral_decision_date AS decision_date,
        COALESCE(r.cine_referral_nfa, FALSE) AS nfa,
        COALESCE(r.cine_transfer_in, FALSE) AS transfer_in,
        r.cine_referral_source_code AS referral_source,
        r.cine_cin_primary_need_code AS primary_need,
        r.cine_referral_team AS team,
        LAG(r.cine_referral_date) OVER (
            PARTITION BY r.cine_person_id, r.la_code
            ORDER BY r.cine_referral_date, r.cine_referral_id
        ) AS previous_referral_date
    FROM ssd_cin_episodes AS r
)
SELECT
    o.*,
    ts.service,
    o.previous_referral_date >= o.referral_date - INTERVAL 12 MONTH AS within_12m_of_previous,
    cd.cal_working_day_number - cr.cal_working_day_number AS decision_working_days
FROM ordered AS o
LEFT JOIN src_team_service AS ts ON ts.la_code = o.la_code AND ts.team = o.team
LEFT JOIN csc_calendar AS cr ON cr.cal_date = o.referral_date
LEFT JOIN csc_calendar AS cd ON cd.cal_date = o.decision_date
