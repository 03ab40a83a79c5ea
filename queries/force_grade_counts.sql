-- force_grade_counts: how many areas got each grade, where a source gives only the counts
-- (Hertfordshire 2021-22: which area got which grade was not published in the sources held).
-- Grain: one row per grade with a count.
-- Parameters: $force_id (text), $cycle_id (text).
-- Columns: grade, grade_rank, area_count, graded_areas, published (text), note, source_publisher,
--          source_title, source_title_kind, source_url, source_tier.
SELECT
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
    src.tier AS source_tier
FROM grade_count AS c
JOIN grade_scale AS s USING (grade)
JOIN source AS src USING (source_id)
WHERE c.force_id = $force_id AND c.cycle_id = $cycle_id
ORDER BY s.grade_rank
