-- change_days: every day on which something an "as at" view can show changes, so that two "as at" (or "since")
-- dates with none of these days between them show exactly the same: grades published, sources published (an
-- undated figure counts from its source's publication, and a source published later is marked), the ends of
-- figures' periods, tracker updates, the day after a tracker target date (overdue from then), timeline events and
-- the day after each (the last meeting *before* a date). Grade counts' publication dates are text, read in Python
-- (dashboard/holding/briefing/content.py), so they are not here.
-- Grain: one row per day, oldest first.
-- Parameters: none.
-- Columns: day (date).
WITH days AS (
    SELECT published AS day FROM grade
    UNION
    SELECT published FROM source
    UNION
    SELECT period_end FROM observation
    UNION
    SELECT update_date FROM improvement_action
    UNION
    SELECT target_date + 1 FROM improvement_action
    UNION
    SELECT event_date FROM timeline_event
    UNION
    SELECT event_date + 1 FROM timeline_event
)

SELECT day
FROM days
WHERE day IS NOT NULL
ORDER BY day
