-- cycle_grade_counts: forces whose grades in one cycle are known only as counts (how many areas got each
-- grade, not which area got which), for every force.
-- Grain: one row per force × grade with a count.
-- Parameters: $cycle_id (text, e.g. '2021-22').
-- Columns: force_id, force_short_name, grade, grade_rank, area_count, graded_areas, published (text), note,
--          source_publisher, source_title, source_title_kind, source_url, source_published, source_tier.
SELECT
    c.force_id,
    f.short_name AS force_short_name,
    c.grade,
    s.grade_rank,
    c.area_count,
    c.graded_areas,
    c.published,
    c.public_note AS note,  -- the public note only
    src.publisher AS source_publisher,
    src.title AS source_title,
    src.title_kind AS source_title_kind,
    src.url AS source_url,
    src.published AS source_published,
    src.tier AS source_tier
FROM grade_count AS c
JOIN force AS f USING (force_id)
JOIN grade_scale AS s USING (grade)
JOIN source AS src USING (source_id)
WHERE c.cycle_id = $cycle_id
ORDER BY f.short_name, s.grade_rank
