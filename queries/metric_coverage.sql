-- metric_coverage: every metric with at least one figure, how many places and periods it covers, and its
-- most recent period, for choosing a metric to explore.
-- Grain: one row per metric with figures.
-- Parameters: none.
-- Columns: metric_id, name, unit, higher_is_better, standard_value, standard_text, definition, publisher,
--          figure_count, force_count (territorial forces only), period_count, latest_period_end (date).
SELECT
    m.metric_id,
    m.name,
    m.unit,
    m.higher_is_better,
    m.standard_value,
    m.standard_text,
    m.definition,
    m.publisher,
    count(*) AS figure_count,
    count(DISTINCT o.force_id) FILTER (WHERE f.kind = 'force') AS force_count,
    count(DISTINCT o.period_label) AS period_count,
    max(o.period_end) AS latest_period_end
FROM metric AS m
JOIN observation AS o USING (metric_id)
JOIN force AS f ON f.force_id = o.force_id
GROUP BY ALL
ORDER BY m.name
