-- improvement_tracker: each cause of concern and area for improvement being tracked for one force and cycle,
-- with its status as at a date (the latest update on or before it).
-- Grain: one row per action with at least one update on or before $as_at.
-- Parameters: $force_id (text), $cycle_id (text), $as_at (date, 'data as at').
-- Columns: action_id, finding_id, finding_kind, area_id, area_name, item, status, owner (NULL = not published),
--          target_date (date, NULL = not published), update_date (date), update_summary, evidence_url, first_update_date (date),
--          update_count, source_publisher, source_title, source_title_kind, source_url, source_published, source_tier.
WITH updates AS (
    SELECT
        a.*,
        row_number() OVER (PARTITION BY a.action_id ORDER BY a.update_date DESC) AS recency,
        min(a.update_date) OVER (PARTITION BY a.action_id) AS first_update_date,
        count(*) OVER (PARTITION BY a.action_id) AS update_count
    FROM improvement_action AS a
    WHERE a.force_id = $force_id AND a.cycle_id = $cycle_id AND a.update_date <= $as_at
)

SELECT
    u.action_id,
    u.finding_id,
    f.kind AS finding_kind,
    f.area_id,
    p.name AS area_name,
    u.item,
    u.status,
    u.owner,
    u.target_date,
    u.update_date,
    u.update_summary,
    u.evidence_url,
    u.first_update_date,
    u.update_count,
    s.publisher AS source_publisher,
    s.title AS source_title,
    s.title_kind AS source_title_kind,
    s.url AS source_url,
    s.published AS source_published,
    s.tier AS source_tier
FROM updates AS u
LEFT JOIN finding AS f ON f.finding_id = u.finding_id
LEFT JOIN peel_area AS p ON p.cycle_id = f.cycle_id AND p.area_id = f.area_id
JOIN source AS s ON s.source_id = u.source_id
WHERE u.recency = 1
ORDER BY f.kind = 'cause_of_concern' DESC, p.sort_order NULLS LAST, u.action_id
