-- figure_changes: figures that became known between two dates, for every territorial force and the chosen measures:
-- new figures and figures a later release revised. A figure counts from the end of its period (an undated one from
-- its source's publication: the rule of metric_series_as_at.sql), and a figure a release loaded no earlier than the
-- day of that load (the release log's loaded_at), since it was not held before. A revision is dated on the day of
-- the load that made it, with the value it replaced and the value that load wrote (a later revision has its own row).
-- A new figure keeps the value it first had: a later revision is a change of its own.
-- Grain: one row per force × metric × period × change (a new figure, or a revision by one load).
-- Parameters: $metric_ids (list of text), $since (date, exclusive), $as_at (date, inclusive).
-- Columns: force_id, force_short_name, metric_id, metric_name, unit, higher_is_better, standard_value,
--          period_label, period_end (date), value (the figure, or the value the revision wrote), ci_half_width,
--          earlier_value (the value replaced; NULL for a new figure), load_id (the load that wrote or revised it;
--          NULL for the curated data), day (date the change became known).
WITH versions AS (
    -- every value a figure has had: the one shown, and those later releases replaced
    SELECT force_id, metric_id, period_label, period_end, value, ci_half_width, source_id, load_id FROM observation
    UNION ALL
    SELECT force_id, metric_id, period_label, period_end, value, ci_half_width, source_id, load_id FROM observation_history
),

new_figures AS (
    -- a figure's first value, as it was first held (a later revision does not take its announcement away)
    SELECT
        v.force_id,
        v.metric_id,
        v.period_label,
        v.period_end,
        v.value,
        v.ci_half_width,
        NULL::DOUBLE AS earlier_value,
        v.load_id,
        greatest(coalesce(v.period_end, s.published), l.loaded_at::DATE) AS day
    FROM versions AS v
    JOIN source AS s ON s.source_id = v.source_id
    LEFT JOIN load_log AS l ON l.load_id = v.load_id
    -- a value whose load replaced an earlier one is a revision, below
    WHERE NOT EXISTS (
        SELECT 1
        FROM observation_history AS h
        WHERE
            h.force_id = v.force_id
            AND h.metric_id = v.metric_id
            AND h.period_label = v.period_label
            AND h.superseded_by_load_id = v.load_id
    )
),

revisions AS (
    SELECT
        h.force_id,
        h.metric_id,
        h.period_label,
        h.period_end,
        v.value,
        v.ci_half_width,
        h.value AS earlier_value,
        h.superseded_by_load_id AS load_id,
        l.loaded_at::DATE AS day
    FROM observation_history AS h
    JOIN load_log AS l ON l.load_id = h.superseded_by_load_id
    JOIN versions AS v
        ON
            v.force_id = h.force_id
            AND v.metric_id = h.metric_id
            AND v.period_label = h.period_label
            AND v.load_id = h.superseded_by_load_id
),

changes AS (
    SELECT * FROM new_figures
    UNION ALL
    SELECT * FROM revisions
)

SELECT
    c.force_id,
    f.short_name AS force_short_name,
    c.metric_id,
    m.name AS metric_name,
    m.unit,
    m.higher_is_better,
    m.standard_value,
    c.period_label,
    c.period_end,
    c.value,
    c.ci_half_width,
    c.earlier_value,
    c.load_id,
    c.day
FROM changes AS c
JOIN force AS f ON f.force_id = c.force_id AND f.kind = 'force'
JOIN metric AS m ON m.metric_id = c.metric_id
WHERE list_contains($metric_ids, c.metric_id) AND c.day > $since AND c.day <= $as_at
ORDER BY c.day DESC, f.short_name, list_position($metric_ids, c.metric_id), c.period_end DESC NULLS LAST, c.period_label
