-- timeline_events: an inspection's dated events up to a date, then the documents and events looked for and not found.
-- Grain: one row per event that started on or before $as_at, plus every 'not found' event (these have no date).
-- Parameters: $force_id (text), $as_at (date, 'data as at').
-- Columns: event_id, cycle_id, kind, title, status, event_date (date), end_date (date), date_precision, detail,
--          source_publisher, source_title, source_title_kind, source_url, source_published, source_tier.
SELECT
    e.event_id,
    e.cycle_id,
    e.kind,
    e.title,
    e.status,
    e.event_date,
    e.end_date,
    e.date_precision,
    e.detail,
    s.publisher AS source_publisher,
    s.title AS source_title,
    s.title_kind AS source_title_kind,
    s.url AS source_url,
    s.published AS source_published,
    s.tier AS source_tier
FROM timeline_event AS e
JOIN source AS s ON s.source_id = e.source_id
WHERE e.force_id = $force_id AND (e.event_date <= $as_at OR e.status = 'not found')
ORDER BY
    e.event_date NULLS LAST,
    -- Same-day events and undated ones in the order things happen after an inspection.
    list_position(
        ['fieldwork', 'publication', 'response', 'meeting', 'formal_response', 'findings_list', 'action_plan',
         'peer_review', 'return_visit', 'progress_update', 'closure'],
        e.kind
    ),
    e.event_id
