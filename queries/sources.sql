-- sources: every source the dashboard cites, with its tier, status and licence, and how much rests on it.
-- Grain: one row per source.
-- Parameters: none.
-- Columns: source_id, publisher, title, title_kind ('title': the publisher's own; 'description': ours), url,
--          published, tier, status, licence, note,
--          grades_cited (count of known grades), findings_cited (count), figures_cited (count of figures now shown).
WITH grade_uses AS (
    SELECT source_id, count(*) AS grades_cited FROM grade WHERE grade <> 'Not known' GROUP BY source_id
),

finding_uses AS (
    SELECT source_id, count(*) AS findings_cited FROM finding GROUP BY source_id
),

figure_uses AS (
    SELECT source_id, count(*) AS figures_cited FROM observation GROUP BY source_id
)

SELECT
    s.source_id,
    s.publisher,
    s.title,
    s.title_kind,
    s.url,
    s.published,
    s.tier,
    s.status,
    s.licence,
    s.public_note AS note,  -- the public note only
    coalesce(g.grades_cited, 0) AS grades_cited,
    coalesce(f.findings_cited, 0) AS findings_cited,
    coalesce(o.figures_cited, 0) AS figures_cited
FROM source AS s
LEFT JOIN grade_uses AS g USING (source_id)
LEFT JOIN finding_uses AS f USING (source_id)
LEFT JOIN figure_uses AS o USING (source_id)
ORDER BY s.tier, s.publisher, s.title
