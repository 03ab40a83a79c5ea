-- grade_changes: grades that became known between two dates, for every territorial force: each grade published after
-- $since and on or before $as_at (a grade counts from the day it was published, the rule of grades_as_at.sql), and
-- each grade a later load of the grades template replaced, dated on the day of that load. Grades with no recorded
-- publication date, and areas whose grade is not known, changed on no day we can name, so they are not here. A
-- publication keeps the grade as last known for that day, even after a later load replaced it with another day's.
-- Grain: one row per force × cycle × area × change (a publication, or a revision by one load).
-- Parameters: $since (date, exclusive), $as_at (date, inclusive).
-- Columns: force_id, force_short_name, cycle_id, area_id, area_name, area_short_name, sort_order, grade,
--          earlier_grade (the grade replaced; NULL for a publication), published (date), load_id (the load that
--          revised it; NULL for a publication), day (date the change became known).
WITH versions AS (
    -- every grade held, the one shown and those a later load replaced, newest first for each publication day
    SELECT
        force_id, cycle_id, area_id, grade, published,
        row_number() OVER (
            PARTITION BY force_id, cycle_id, area_id, published ORDER BY superseded_by_load_id DESC NULLS FIRST
        ) AS recency
    FROM (
        SELECT force_id, cycle_id, area_id, grade, published, NULL::INTEGER AS superseded_by_load_id FROM grade
        UNION ALL
        SELECT force_id, cycle_id, area_id, grade, published, superseded_by_load_id FROM grade_history
    )
),

published AS (
    -- a publication keeps its place when a later load replaces the grade with one published on another day
    SELECT
        v.force_id,
        v.cycle_id,
        v.area_id,
        v.grade,
        NULL AS earlier_grade,
        v.published,
        NULL::INTEGER AS load_id,
        v.published AS day
    FROM versions AS v
    WHERE v.recency = 1 AND v.grade <> 'Not known' AND v.published > $since AND v.published <= $as_at
),

revised AS (
    SELECT
        h.force_id,
        h.cycle_id,
        h.area_id,
        coalesce(g.grade, 'Not known') AS grade,
        h.grade AS earlier_grade,
        g.published,
        h.superseded_by_load_id AS load_id,
        l.loaded_at::DATE AS day
    FROM grade_history AS h
    JOIN load_log AS l ON l.load_id = h.superseded_by_load_id
    LEFT JOIN grade AS g USING (force_id, cycle_id, area_id)
    WHERE l.loaded_at::DATE > $since AND l.loaded_at::DATE <= $as_at
),

changes AS (
    SELECT * FROM published
    UNION ALL
    SELECT * FROM revised
)

SELECT
    c.force_id,
    f.short_name AS force_short_name,
    c.cycle_id,
    c.area_id,
    a.name AS area_name,
    a.short_name AS area_short_name,
    a.sort_order,
    c.grade,
    c.earlier_grade,
    c.published,
    c.load_id,
    c.day
FROM changes AS c
JOIN force AS f ON f.force_id = c.force_id AND f.kind = 'force'
JOIN peel_area AS a ON a.cycle_id = c.cycle_id AND a.area_id = c.area_id
ORDER BY c.day DESC, f.short_name, c.cycle_id, a.sort_order
