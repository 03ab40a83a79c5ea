-- cycles: the PEEL inspection cycles held, newest first, with the inspectorate's comparability warning.
-- Grain: one row per cycle.
-- Parameters: none.
-- Columns: cycle_id, name, comparability_note.
SELECT cycle_id, name, comparability_note
FROM cycle
ORDER BY cycle_id DESC
