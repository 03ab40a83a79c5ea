-- revised_figures: figures a later release replaced, with the value now shown; the history of revisions.
-- Grain: one row per replaced figure (place × metric × period × the load that replaced it).
-- Parameters: none.
-- Columns: place, metric_name, unit, period_label, earlier_value, earlier_source_publisher, earlier_source_title,
--          earlier_source_title_kind,
--          earlier_source_tier, superseded_by_load_id, superseded_by_file, current_value, current_source_publisher,
--          current_source_title, current_source_title_kind.
SELECT
    f.short_name AS place,
    m.name AS metric_name,
    m.unit,
    h.period_label,
    h.value AS earlier_value,
    hs.publisher AS earlier_source_publisher,
    hs.title AS earlier_source_title,
    hs.title_kind AS earlier_source_title_kind,
    hs.tier AS earlier_source_tier,
    h.superseded_by_load_id,
    l.file_name AS superseded_by_file,
    o.value AS current_value,
    os.publisher AS current_source_publisher,
    os.title AS current_source_title,
    os.title_kind AS current_source_title_kind
FROM observation_history AS h
JOIN force AS f USING (force_id)
JOIN metric AS m USING (metric_id)
JOIN source AS hs ON hs.source_id = h.source_id
LEFT JOIN load_log AS l ON l.load_id = h.superseded_by_load_id
LEFT JOIN observation AS o USING (force_id, metric_id, period_label)
LEFT JOIN source AS os ON os.source_id = o.source_id
ORDER BY h.superseded_by_load_id DESC, f.short_name, m.name, h.period_label
