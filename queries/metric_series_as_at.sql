-- metric_series_as_at: every figure held for some places and metrics, as known on a date: periods ending on or
-- before $as_at, and undated figures only where their source was published on or before it.
-- Grain: one row per place × metric × period, in the order of the places and metrics asked, then oldest to newest
-- (a figure with no stated period first, and of figures ending together the one starting latest last), so that the
-- last row of each is the latest as queries/latest_figures_as_at.sql decides it.
-- Parameters: $force_ids (list of text: force slugs and/or 'england-and-wales'), $metric_ids (list of text),
--             $as_at (date, 'data as at').
-- Columns: force_id, place_name (short name), metric_id, metric_name, unit, higher_is_better, standard_value, standard_text, period_label,
--          period_start (date), period_end (date), value, numerator, denominator, ci_half_width, note,
--          source_publisher, source_title, source_title_kind, source_url, source_published, source_tier.
SELECT
    o.force_id,
    p.short_name AS place_name,
    o.metric_id,
    m.name AS metric_name,
    m.unit,
    m.higher_is_better,
    m.standard_value,
    m.standard_text,
    o.period_label,
    o.period_start,
    o.period_end,
    o.value,
    o.numerator,
    o.denominator,
    o.ci_half_width,
    o.public_note AS note,  -- the public note only
    s.publisher AS source_publisher,
    s.title AS source_title,
    s.title_kind AS source_title_kind,
    s.url AS source_url,
    s.published AS source_published,
    s.tier AS source_tier
FROM observation AS o
JOIN metric AS m USING (metric_id)
JOIN source AS s ON s.source_id = o.source_id
JOIN force AS p ON p.force_id = o.force_id
WHERE
    list_contains($force_ids, o.force_id)
    AND list_contains($metric_ids, o.metric_id)
    AND (o.period_end <= $as_at OR (o.period_end IS NULL AND s.published <= $as_at))
ORDER BY list_position($force_ids, o.force_id), list_position($metric_ids, o.metric_id), o.period_end NULLS FIRST, o.period_start NULLS FIRST
