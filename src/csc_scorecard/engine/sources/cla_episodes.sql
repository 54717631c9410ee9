-- One row per SSDA903 episode of care (a change of placement or legal status starts one).
-- short_break marks legal status V3/V4 (an agreed series of short-term breaks): DfE
-- looked-after statistics exclude those episodes, so indicators filter on NOT short_break.
-- ceased_care marks the episode that ends a period of care (reason ceased present and not X1).
-- entered_care_date is the recorded date the period of care began (periods of care themselves,
-- and the rule that splits episodes into them, are in cla_periods_of_care).
-- is_uasc: an immigration status UASC overlapping the episode (both ends inclusive, so a status
-- ending on the day care ceases still marks the ceasing episode); uasc_status_start/_end span
-- those statuses, for a UASC test at a given date (end empty = still current). Sex, ethnicity
-- and age bands come from the engine's child characteristics breakdowns.
WITH episodes AS (
    SELECT
        e.la_code,
        e.clae_cla_episode_id AS episode_id,
        e.clae_person_id AS person_id,
        e.clae_cla_id AS period_of_care_id,
        e.clae_cla_episode_start_date AS start_date,
        e.clae_cla_episode_ceased_date AS end_date,
        e.clae_cla_legal_status AS legal_status,
        e.clae_cla_legal_status IN ('V3', 'V4') AS short_break,
        e.clae_cla_episode_start_reason AS reason_new_episode,
        e.clae_cla_episode_ceased_reason AS reason_ceased,
        e.clae_cla_episode_ceased_date IS NOT NULL
            AND e.clae_cla_episode_ceased_reason IS NOT NULL
            AND e.clae_cla_episode_ceased_reason <> 'X1' AS ceased_care,
        e.clae_cla_primary_need_code AS primary_need,
        e.clae_cla_placement_id AS placement_id,
        e.clae_entered_care_date AS entered_care_date,
        e.clae_cla_team AS team
    FROM ssd_cla_episodes AS e
),
uasc AS (
    -- UASC statuses overlapping each episode; an open status makes the span open-ended.
    SELECT
        ep.la_code,
        ep.episode_id,
        MIN(i.immi_immigration_status_start_date) AS uasc_status_start,
        CASE
            WHEN COUNT(*) > COUNT(i.immi_immigration_status_end_date) THEN NULL
            ELSE MAX(i.immi_immigration_status_end_date)
        END AS uasc_status_end
    FROM episodes AS ep
    JOIN ssd_immigration_status AS i
        ON i.la_code = ep.la_code
        AND i.immi_person_id = ep.person_id
        AND i.immi_immigration_status = 'UASC'
        AND i.immi_immigration_status_start_date <= COALESCE(ep.end_date, DATE '9999-12-31')
        AND (
            i.immi_immigration_status_end_date IS NULL
            OR i.immi_immigration_status_end_date >= ep.start_date
        )
    GROUP BY ep.la_code, ep.episode_id
)
SELECT
    ep.la_code,
    ep.episode_id,
    ep.person_id,
    ep.period_of_care_id,
    ep.start_date,
    ep.end_date,
    ep.legal_status,
    ep.short_break,
    ep.reason_new_episode,
    ep.reason_ceased,
    ep.ceased_care,
    ep.primary_need,
    ep.placement_id,
    pl.clap_cla_placement_type AS placement_type,
    ep.entered_care_date,
    p.pers_dob AS date_of_birth,
    -- Age in whole years on the start and (when ended) the end date: the difference of the
    -- dates written as yyyymmdd numbers, over 10,000 (a 29 February birthday falls on 1 March
    -- in other years).
    FLOOR((CAST(STRFTIME(ep.start_date, '%Y%m%d') AS INTEGER)
        - CAST(STRFTIME(p.pers_dob, '%Y%m%d') AS INTEGER)) / 10000) AS age_at_start,
    FLOOR((CAST(STRFTIME(ep.end_date, '%Y%m%d') AS INTEGER)
        - CAST(STRFTIME(p.pers_dob, '%Y%m%d') AS INTEGER)) / 10000) AS age_at_end,
    u.episode_id IS NOT NULL AS is_uasc,
    u.uasc_status_start,
    u.uasc_status_end,
    ep.team,
    ts.service
FROM episodes AS ep
LEFT JOIN ssd_person AS p ON p.la_code = ep.la_code AND p.pers_person_id = ep.person_id
LEFT JOIN ssd_cla_placement AS pl
    ON pl.la_code = ep.la_code AND pl.clap_cla_placement_id = ep.placement_id
LEFT JOIN uasc AS u ON u.la_code = ep.la_code AND u.episode_id = ep.episode_id
LEFT JOIN src_team_service AS ts ON ts.la_code = ep.la_code AND ts.team = ep.team
