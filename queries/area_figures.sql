-- area_figures: for one place, the most recent figure of every metric that speaks to a PEEL theme
-- (metric.theme_id), to show beside the grade of the area with the same theme.
-- Grain: one row per themed metric that has at least one figure for the place.
-- Parameters: $force_id (text, force slug).
-- Columns: theme_id, metric_id, metric_name, unit, higher_is_better, standard_value, standard_text, definition,
--          period_label, period_start, period_end, value, ci_half_width, note, source_publisher, source_title,
--          source_url, source_published, source_tier.
WITH ranked AS (
    SELECT
        o.*,
        -- A figure with no stated period is never the latest when a dated one exists.
        row_number() OVER (
            PARTITION BY o.metric_id
            ORDER BY o.period_end DESC NULLS LAST, o.period_start DESC NULLS LAST
        ) AS recency
    FROM observation AS o
    WHERE o.force_id = $force_id
)

SELECT
    m.theme_id,
    r.metric_id,
    m.name AS metric_name,
    m.unit,
    m.higher_is_better,
    m.standard_value,
    m.standard_text,
    m.definition,
    r.period_label,
    r.period_start,
    r.period_end,
    r.value,
    r.ci_half_width,
    r.note,
    s.publisher AS source_publisher,
    s.title AS source_title,
    s.url AS source_url,
    s.published AS source_published,
    s.tier AS source_tier
FROM ranked AS r
JOIN metric AS m USING (metric_id)
JOIN source AS s ON s.source_id = r.source_id
WHERE r.recency = 1 AND m.theme_id IS NOT NULL
ORDER BY m.theme_id, m.name
