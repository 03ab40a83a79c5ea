-- grade_matrix: every territorial force's grade in every area of one inspection cycle, with its source.
-- Grain: one row per force × area of the cycle; a force × area with no grade row comes back as 'Not known'.
-- Parameters: $cycle_id (text, e.g. '2023-25').
-- Columns: force_id, force_name, force_short_name, region, area_id, area_name, area_short_name, theme_id,
--          sort_order, grade, grade_rank (1 = Outstanding, NULL when not a grade), is_grade (true for the five
--          grades), evidence, published (date), note, source_publisher, source_title, source_title_kind, source_url,
--          source_published, source_tier.
WITH forces AS (
    SELECT force_id, name, short_name, region
    FROM force
    WHERE kind = 'force'
),

areas AS (
    SELECT cycle_id, area_id, name, short_name, theme_id, sort_order
    FROM peel_area
    WHERE cycle_id = $cycle_id
)

SELECT
    f.force_id,
    f.name AS force_name,
    f.short_name AS force_short_name,
    f.region,
    a.area_id,
    a.name AS area_name,
    a.short_name AS area_short_name,
    a.theme_id,
    a.sort_order,
    coalesce(g.grade, 'Not known') AS grade,
    s.grade_rank,
    s.is_grade,
    coalesce(g.evidence, 'not found') AS evidence,
    g.published,
    g.public_note AS note,  -- the public note only; curation notes are never selected for display
    src.publisher AS source_publisher,
    src.title AS source_title,
    src.title_kind AS source_title_kind,
    src.url AS source_url,
    src.published AS source_published,
    src.tier AS source_tier
FROM forces AS f
CROSS JOIN areas AS a
LEFT JOIN grade AS g
    ON g.force_id = f.force_id AND g.cycle_id = a.cycle_id AND g.area_id = a.area_id
LEFT JOIN grade_scale AS s ON s.grade = coalesce(g.grade, 'Not known')
LEFT JOIN source AS src ON src.source_id = g.source_id
ORDER BY f.short_name, a.sort_order
