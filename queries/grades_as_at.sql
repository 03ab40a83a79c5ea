-- grades_as_at: one force's grade in every area of one cycle as it stood on a date; grades published after it
-- come back as 'Not yet published' (a grade with no recorded publication date is shown, with published NULL).
-- Grain: one row per area of the cycle.
-- Parameters: $force_id (text), $cycle_id (text), $as_at (date, 'data as at').
-- Columns: area_id, area_name, area_short_name, sort_order, grade, grade_rank (NULL when not a grade), evidence,
--          published (date), source_publisher, source_title, source_title_kind, source_url, source_published, source_tier.
SELECT
    a.area_id,
    a.name AS area_name,
    a.short_name AS area_short_name,
    a.sort_order,
    CASE WHEN g.published > $as_at THEN 'Not yet published' ELSE coalesce(g.grade, 'Not known') END AS grade,
    CASE WHEN g.published > $as_at THEN NULL ELSE s.grade_rank END AS grade_rank,
    coalesce(g.evidence, 'not found') AS evidence,
    g.published,
    src.publisher AS source_publisher,
    src.title AS source_title,
    src.title_kind AS source_title_kind,
    src.url AS source_url,
    src.published AS source_published,
    src.tier AS source_tier
FROM peel_area AS a
LEFT JOIN grade AS g
    ON g.cycle_id = a.cycle_id AND g.area_id = a.area_id AND g.force_id = $force_id
LEFT JOIN grade_scale AS s ON s.grade = coalesce(g.grade, 'Not known')
LEFT JOIN source AS src ON src.source_id = g.source_id
WHERE a.cycle_id = $cycle_id
ORDER BY a.sort_order
