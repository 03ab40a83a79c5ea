-- forces: the 43 territorial forces of England and Wales, for the force picker and URL matching.
-- Grain: one row per force.
-- Parameters: none.
-- Columns: force_id (URL slug), name (official), short_name, pfa_code, region, country,
--          aliases (list of other names sources use).
WITH aliases AS (
    SELECT force_id, list(alias ORDER BY alias) AS aliases
    FROM force_alias
    GROUP BY force_id
)

SELECT
    f.force_id,
    f.name,
    f.short_name,
    f.pfa_code,
    f.region,
    f.country,
    coalesce(a.aliases, []) AS aliases
FROM force AS f
LEFT JOIN aliases AS a USING (force_id)
WHERE f.kind = 'force'
ORDER BY f.short_name
