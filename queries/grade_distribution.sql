-- grade_distribution: how many territorial forces got each grade in each area of one inspection cycle.
-- Grain: one row per area × grade state (the five grades, 'Not graded', 'Not known'), zero counts included;
--        a force with no grade row for an area is counted as 'Not known'.
-- Parameters: $cycle_id (text, e.g. '2023-25').
-- Columns: area_id, area_name, area_short_name, sort_order, grade, grade_rank (1 = Outstanding, NULL when not
--          a grade), force_count (forces).
WITH areas AS (
    SELECT area_id, name, short_name, sort_order
    FROM peel_area
    WHERE cycle_id = $cycle_id
),

placed AS (
    SELECT
        a.area_id,
        coalesce(g.grade, 'Not known') AS grade
    FROM force AS f
    CROSS JOIN areas AS a
    LEFT JOIN grade AS g
        ON g.force_id = f.force_id AND g.cycle_id = $cycle_id AND g.area_id = a.area_id
    WHERE f.kind = 'force'
)

SELECT
    a.area_id,
    a.name AS area_name,
    a.short_name AS area_short_name,
    a.sort_order,
    s.grade,
    s.grade_rank,
    count(p.area_id) AS force_count
FROM areas AS a
CROSS JOIN grade_scale AS s
LEFT JOIN placed AS p ON p.area_id = a.area_id AND p.grade = s.grade
GROUP BY ALL
ORDER BY a.sort_order, s.grade_rank NULLS LAST, s.grade
