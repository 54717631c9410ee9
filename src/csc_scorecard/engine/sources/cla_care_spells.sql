-- One row per continuous period of care (a spell of SSDA903 episodes), short breaks excluded:
-- episodes with legal status V3/V4 are dropped first, as the DfE excludes children looked after
-- under an agreed series of short-term breaks. A new spell starts with the child's first
-- remaining episode, an episode starting a new period of care (RNE S), a gap of a day or more
-- after the previous episode, or after an episode that ceased for a reason other than X1
-- (d2i 903 validator: leaving care in the year breaks "continuously looked after").
WITH episodes AS (
    SELECT
        e.la_code,
        e.clae_person_id AS person_id,
        e.clae_cla_episode_id AS episode_id,
        e.clae_cla_episode_start_date AS start_date,
        e.clae_cla_episode_ceased_date AS end_date,
        e.clae_cla_episode_start_reason AS start_reason,
        e.clae_cla_episode_ceased_reason AS ceased_reason,
        e.clae_cla_legal_status AS legal_status,
        e.clae_cla_team AS team
    FROM ssd_cla_episodes AS e
    WHERE e.clae_cla_legal_status NOT IN ('V3', 'V4')
),
marked AS (
    SELECT
        ep.*,
        CASE
            WHEN LAG(ep.episode_id) OVER by_start IS NULL THEN 1
            WHEN ep.start_reason = 'S' THEN 1
            WHEN LAG(ep.end_date) OVER by_start < ep.start_date THEN 1
            WHEN COALESCE(LAG(ep.ceased_reason) OVER by_start, 'X1') <> 'X1' THEN 1
            ELSE 0
        END AS starts_spell
    FROM episodes AS ep
    WINDOW by_start AS (
        PARTITION BY ep.la_code, ep.person_id
        ORDER BY ep.start_date, ep.episode_id
    )
),
numbered AS (
    SELECT
        mk.*,
        SUM(mk.starts_spell) OVER (
            PARTITION BY mk.la_code, mk.person_id
            ORDER BY mk.start_date, mk.episode_id
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS spell_number
    FROM marked AS mk
),
spans AS (
    -- The spell is still open when any of its episodes is.
    SELECT
        la_code,
        person_id,
        spell_number,
        CASE WHEN COUNT(*) > COUNT(end_date) THEN NULL ELSE MAX(end_date) END AS spell_end
    FROM numbered
    GROUP BY la_code, person_id, spell_number
)
SELECT
    f.la_code,
    f.episode_id AS spell_id,
    f.person_id,
    f.start_date AS spell_start,
    s.spell_end,
    f.legal_status AS entry_legal_status,
    f.team,
    ts.service
FROM numbered AS f
JOIN spans AS s
    ON s.la_code = f.la_code AND s.person_id = f.person_id AND s.spell_number = f.spell_number
LEFT JOIN src_team_service AS ts ON ts.la_code = f.la_code AND ts.team = f.team
WHERE f.starts_spell = 1
