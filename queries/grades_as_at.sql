-- grades_as_at: every territorial force's grade in every area of one cycle as it stood on a date. The one place the
-- "as at" rule for grades is worked out: a grade counts from the day it was published, so one published after
-- $as_at comes back as 'Not yet published' (a grade with no recorded publication date is shown, published NULL).
-- The meeting slides and the briefing pack take one force's rows; the pack's counts beside peers take them all.
-- Grain: one row per force × area of the cycle; a force × area with no grade row comes back as 'Not known'.
-- Parameters: $cycle_id (text), $as_at (date, 'data as at').
-- Columns: force_id, force_short_name, area_id, area_name, area_short_name, sort_order, grade, grade_rank (NULL
--          when not a grade), evidence, published (date), source_publisher, source_title, source_title_kind,
--          source_url, source_published, source_tier.
WITH forces AS (
    SELECT force_id, short_name
    FROM force
    WHERE kind = 'force'
),

areas AS (
    SELECT cycle_id, area_id, name, short_name, sort_order
    FROM peel_area
    WHERE cycle_id = $cycle_id
)

SELECT
    f.force_id,
    f.short_name AS force_short_name,
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
FROM forces AS f
CROSS JOIN areas AS a
LEFT JOIN grade AS g
    ON g.force_id = f.force_id AND g.cycle_id = a.cycle_id AND g.area_id = a.area_id
LEFT JOIN grade_scale AS s ON s.grade = coalesce(g.grade, 'Not known')
LEFT JOIN source AS src ON src.source_id = g.source_id
ORDER BY f.short_name, a.sort_order
