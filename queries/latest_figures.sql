-- latest_figures: the most recent published figure for each of the chosen metrics, for one place.
-- Grain: one row per metric that has at least one figure for the place.
-- Parameters: $force_id (text, force slug or 'england-and-wales'), $metric_ids (list of text).
-- Columns: metric_id, metric_name, unit, higher_is_better, standard_value, standard_text, definition,
--          period_label, period_start, period_end, value, numerator, denominator, ci_half_width, note,
--          source_publisher, source_title, source_title_kind, source_url, source_published, source_tier, source_status.
WITH ranked AS (
    SELECT
        o.*,
        row_number() OVER (
            PARTITION BY o.metric_id
            ORDER BY o.period_end DESC NULLS LAST, o.period_start DESC NULLS LAST
        ) AS recency
    FROM observation AS o
    WHERE o.force_id = $force_id AND list_contains($metric_ids, o.metric_id)
)

SELECT
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
    r.numerator,
    r.denominator,
    r.ci_half_width,
    r.public_note AS note,  -- the public note only
    s.publisher AS source_publisher,
    s.title AS source_title,
    s.title_kind AS source_title_kind,
    s.url AS source_url,
    s.published AS source_published,
    s.tier AS source_tier,
    s.status AS source_status
FROM ranked AS r
JOIN metric AS m USING (metric_id)
JOIN source AS s ON s.source_id = r.source_id
WHERE r.recency = 1
ORDER BY list_position($metric_ids, r.metric_id)
