-- metric_latest: the latest period held for each measure, across every place, for the freshness line on each page.
-- Grain: one row per metric with at least one figure.
-- Parameters: none.
-- Columns: metric_id, latest_end (date: last day of the latest period held), figures (count of figures held).
SELECT
    metric_id,
    max(period_end) AS latest_end,
    count(*) AS figures
FROM observation
GROUP BY metric_id
ORDER BY metric_id
