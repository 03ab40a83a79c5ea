-- metrics: every metric held, with its definition and standard.
-- Grain: one row per metric.
-- Parameters: none.
-- Columns: metric_id, name, unit, higher_is_better, standard_value, standard_text, definition,
--          publisher, theme_id.
SELECT metric_id, name, unit, higher_is_better, standard_value, standard_text, definition, publisher, theme_id
FROM metric
ORDER BY name
