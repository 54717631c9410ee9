-- One row per early help episode (an early help assessment starts it). External = led by an
-- agency outside the council; the rest are the council's own Early Help / Building Stronger
-- Families (BSF) service. family_id is the episode's family, else the child's family in
-- ssd_family, else the child alone (a family of one still counts as a family).
SELECT
    e.la_code,
    e.earl_episode_id AS episode_id,
    e.earl_person_id AS person_id,
    e.earl_episode_start_date AS start_date,
    e.earl_episode_end_date AS end_date,
    e.earl_episode_end_reason AS end_reason,
    e.earl_episode_organisation AS organisation,
    COALESCE(e.earl_episode_external, FALSE) AS external,
    COALESCE(e.earl_family_id, f.family_id, 'child:' || e.earl_person_id) AS family_id
FROM ssd_early_help_episodes AS e
LEFT JOIN (
    -- A child linked to several families is counted with one of them.
    SELECT
        la_code,
        fami_person_id AS person_id,
        MIN(fami_family_id) AS family_id
    FROM ssd_family
    GROUP BY la_code, fami_person_id
) AS f ON f.la_code = e.la_code AND f.person_id = e.earl_person_id
