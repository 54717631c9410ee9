-- One row per adoption/permanence record (ssd_permanence) of a child looked after.
-- Waiting for adoption: from the decision that the child should be placed for adoption (or the
-- placement order, when no decision date is recorded) until the child is placed, the decision
-- is reversed or an order is made, whichever comes first (Annex A list 10).
SELECT
    p.la_code,
    p.perm_table_id AS permanence_id,
    p.perm_person_id AS person_id,
    p.perm_cla_id AS period_of_care_id,
    p.perm_adm_decision_date AS decision_date,
    p.perm_placement_order_date AS placement_order_date,
    p.perm_matched_date AS matched_date,
    p.perm_placed_for_adoption_date AS placed_date,
    p.perm_placement_disrupted_date AS disrupted_date,
    p.perm_decision_reversed_date AS decision_reversed_date,
    p.perm_permanence_order_date AS order_date,
    p.perm_permanence_order_type AS order_type,
    COALESCE(p.perm_adm_decision_date, p.perm_placement_order_date) AS waiting_start,
    LEAST(
        p.perm_placed_for_adoption_date,
        p.perm_decision_reversed_date,
        p.perm_permanence_order_date
    ) AS waiting_end
FROM ssd_permanence AS p
