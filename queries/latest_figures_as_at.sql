-- latest_figures_as_at: the most recent figure for each chosen metric and place, as known on a date: periods ending
-- on or before $as_at, and undated figures only where their source was published on or before it.
-- Grain: one row per place × metric that has at least one such figure.
-- Parameters: $force_ids (list of text: force slugs and/or 'england-and-wales'), $metric_ids (list of text),
--             $as_at (date, 'data as at').
-- Columns: force_id, place_name, metric_id, metric_name, unit, higher_is_better, standard_value, standard_text,
--          period_label, period_start (date), period_end (date), value, ci_half_width, note,
--          source_publisher, source_title, source_title_kind, source_url, source_published, source_tier.
WITH known AS (
    SELECT
        o.*,
        s.publisher AS source_publisher,
        s.title AS source_title,
        s.title_kind AS source_title_kind,
        s.url AS source_url,
        s.published AS source_published,
        s.tier AS source_tier,
        row_number() OVER (
            PARTITION BY o.force_id, o.metric_id
            ORDER BY o.period_end DESC NULLS LAST, o.period_start DESC NULLS LAST
        ) AS recency
    FROM observation AS o
    JOIN source AS s ON s.source_id = o.source_id
    WHERE
        list_contains($force_ids, o.force_id)
        AND list_contains($metric_ids, o.metric_id)
        AND (o.period_end <= $as_at OR (o.period_end IS NULL AND s.published <= $as_at))
)

SELECT
    k.force_id,
    p.short_name AS place_name,
    k.metric_id,
    m.name AS metric_name,
    m.unit,
    m.higher_is_better,
    m.standard_value,
    m.standard_text,
    k.period_label,
    k.period_start,
    k.period_end,
    k.value,
    k.ci_half_width,
    k.public_note AS note,  -- the public note only
    k.source_publisher,
    k.source_title,
    k.source_title_kind,
    k.source_url,
    k.source_published,
    k.source_tier
FROM known AS k
JOIN metric AS m USING (metric_id)
JOIN force AS p ON p.force_id = k.force_id
WHERE k.recency = 1
ORDER BY list_position($metric_ids, k.metric_id), list_position($force_ids, k.force_id)
