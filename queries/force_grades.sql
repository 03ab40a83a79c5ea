-- force_grades: one force's grade in every area of one inspection cycle, with its source.
-- Grain: one row per area of the cycle (areas without a grade row come back as 'Not known').
-- Parameters: $force_id (text, force slug), $cycle_id (text, e.g. '2023-25').
-- Columns: area_id, area_name, area_short_name, theme_id, sort_order, grade, grade_rank (1 = Outstanding,
--          NULL when not a grade), evidence, published (date), note, source_id, source_publisher,
--          source_title, source_title_kind, source_url, source_published, source_tier (the most authoritative source held),
--          corroborating_sources (list of {publisher, title, title_kind}: the other sources held that state the grade,
--          or NULL).
WITH corroboration AS (
    SELECT
        g.cycle_id,
        g.area_id,
        list({'publisher': c.publisher, 'title': c.title, 'title_kind': c.title_kind} ORDER BY c.tier, c.publisher)
            AS corroborating_sources
    FROM grade AS g
    CROSS JOIN unnest(string_split(g.corroborating_source_ids, ';')) AS ids (source_id)
    JOIN source AS c ON c.source_id = trim(ids.source_id)
    WHERE g.force_id = $force_id AND g.cycle_id = $cycle_id
    GROUP BY g.cycle_id, g.area_id
)
SELECT
    a.area_id,
    a.name AS area_name,
    a.short_name AS area_short_name,
    a.theme_id,
    a.sort_order,
    coalesce(g.grade, 'Not known') AS grade,
    s.grade_rank,
    coalesce(g.evidence, 'not found') AS evidence,
    g.published,
    g.public_note AS note,  -- the public note only; curation notes are never selected for display
    g.source_id,
    src.publisher AS source_publisher,
    src.title AS source_title,
    src.title_kind AS source_title_kind,
    src.url AS source_url,
    src.published AS source_published,
    src.tier AS source_tier,
    co.corroborating_sources
FROM peel_area AS a
LEFT JOIN grade AS g
    ON g.cycle_id = a.cycle_id AND g.area_id = a.area_id AND g.force_id = $force_id
LEFT JOIN grade_scale AS s ON s.grade = coalesce(g.grade, 'Not known')
LEFT JOIN source AS src ON src.source_id = g.source_id
LEFT JOIN corroboration AS co ON co.cycle_id = a.cycle_id AND co.area_id = a.area_id
WHERE a.cycle_id = $cycle_id
ORDER BY a.sort_order
