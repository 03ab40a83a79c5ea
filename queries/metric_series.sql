-- metric_series: every figure held for the chosen places and metrics, over all periods, with its source.
-- Grain: one row per place × metric × period.
-- Parameters: $force_ids (list of text, place slugs, e.g. 'hertfordshire', 'england-and-wales'),
--             $metric_ids (list of text).
-- Columns: force_id, place_name, place_short_name, place_kind ('force', 'england_and_wales', 'united_kingdom',
--          'outside_england_and_wales'), region, metric_id, period_label, period_start (date), period_end (date),
--          value, numerator, denominator, ci_half_width (percentage points), note, load_id, source_id,
--          source_publisher, source_title, source_title_kind, source_url, source_published (date), source_tier, source_status.
SELECT
    o.force_id,
    f.name AS place_name,
    f.short_name AS place_short_name,
    f.kind AS place_kind,
    f.region,
    o.metric_id,
    o.period_label,
    o.period_start,
    o.period_end,
    o.value,
    o.numerator,
    o.denominator,
    o.ci_half_width,
    o.public_note AS note,  -- the public note only
    o.load_id,
    o.source_id,
    s.publisher AS source_publisher,
    s.title AS source_title,
    s.title_kind AS source_title_kind,
    s.url AS source_url,
    s.published AS source_published,
    s.tier AS source_tier,
    s.status AS source_status
FROM observation AS o
JOIN force AS f USING (force_id)
JOIN source AS s ON s.source_id = o.source_id
WHERE list_contains($force_ids, o.force_id) AND list_contains($metric_ids, o.metric_id)
ORDER BY o.metric_id, o.force_id, o.period_end NULLS LAST, o.period_start NULLS LAST, o.period_label
