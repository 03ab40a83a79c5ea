-- improvement_updates: what changed in the improvement tracker between two dates, with each item's status before.
-- Grain: one row per update dated after $since and on or before $as_at.
-- Parameters: $force_id (text), $cycle_id (text), $since (date, exclusive), $as_at (date, inclusive).
-- Columns: action_id, finding_kind, item, update_date (date), status, previous_status (NULL for a new item),
--          update_summary, evidence_url, source_publisher, source_title, source_title_kind, source_url, source_published, source_tier.
WITH history AS (
    SELECT
        a.*,
        lag(a.status) OVER (PARTITION BY a.action_id ORDER BY a.update_date) AS previous_status
    FROM improvement_action AS a
    WHERE a.force_id = $force_id AND a.cycle_id = $cycle_id
)

SELECT
    h.action_id,
    f.kind AS finding_kind,
    h.item,
    h.update_date,
    h.status,
    h.previous_status,
    h.update_summary,
    h.evidence_url,
    s.publisher AS source_publisher,
    s.title AS source_title,
    s.title_kind AS source_title_kind,
    s.url AS source_url,
    s.published AS source_published,
    s.tier AS source_tier
FROM history AS h
LEFT JOIN finding AS f ON f.finding_id = h.finding_id
JOIN source AS s ON s.source_id = h.source_id
WHERE h.update_date > $since AND h.update_date <= $as_at
ORDER BY h.update_date DESC, h.action_id
