-- One row per month end, team and role (SW or IRO) of the workforce return: a stock as at the
-- month end, so indicators read it as an event dated at that month end (one month each) and
-- never add months together as if they were flows.
SELECT
    w.la_code,
    -- Identifies the row within its month, for the engine's unit key.
    w.wkf_role || ':' || w.wkf_team AS row_id,
    w.wkf_month_end AS as_at,
    w.wkf_role AS role,
    w.wkf_team AS team,
    ts.service,
    w.wkf_posts_fte AS posts_fte,
    w.wkf_filled_fte AS filled_fte,
    w.wkf_agency_fte AS agency_fte,
    w.wkf_vacancies_fte AS vacancies_fte,
    w.wkf_caseload_total AS caseload_total,
    w.wkf_caseload_max AS caseload_max,
    w.wkf_headcount AS headcount
FROM csc_workforce_monthly AS w
LEFT JOIN src_team_service AS ts ON ts.la_code = w.la_code AND ts.team = w.wkf_team
