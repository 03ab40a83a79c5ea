-- load_log: every official release or template file loaded with `python -m dashboard load`, newest first.
-- Grain: one row per load.
-- Parameters: none.
-- Columns: load_id, kind, file_name, sha256, row_count (data rows in the file), loaded_at (timestamp),
--          source_id, source_publisher, source_title, source_title_kind, source_url, source_published, source_tier,
--          figures_shown (figures from this load now shown), figures_superseded (figures this load revised),
--          warnings (what the load warned about, ' | ' between warnings; NULL for none).
WITH shown AS (
    SELECT load_id, count(*) AS figures_shown FROM observation WHERE load_id IS NOT NULL GROUP BY load_id
),

superseded AS (
    SELECT superseded_by_load_id AS load_id, count(*) AS figures_superseded
    FROM observation_history
    GROUP BY superseded_by_load_id
)

SELECT
    l.load_id,
    l.kind,
    l.file_name,
    l.sha256,
    l.row_count,
    l.loaded_at,
    l.source_id,
    s.publisher AS source_publisher,
    s.title AS source_title,
    s.title_kind AS source_title_kind,
    s.url AS source_url,
    s.published AS source_published,
    s.tier AS source_tier,
    coalesce(sh.figures_shown, 0) AS figures_shown,
    coalesce(su.figures_superseded, 0) AS figures_superseded,
    l.warnings
FROM load_log AS l
JOIN source AS s USING (source_id)
LEFT JOIN shown AS sh USING (load_id)
LEFT JOIN superseded AS su USING (load_id)
ORDER BY l.load_id DESC
