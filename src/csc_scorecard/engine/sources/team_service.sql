-- One service per team name: breakdowns join on the team name the event tables carry.
SELECT
    la_code,
    dept_team_name AS team,
    MIN(dept_team_parent_name) AS service
FROM ssd_department
GROUP BY la_code, dept_team_name
