-- places: every place figures are published for: the 43 forces, England and Wales, the United Kingdom and
-- Police Scotland (which is never counted in England and Wales).
-- Grain: one row per place.
-- Parameters: none.
-- Columns: force_id (URL slug), name (official), short_name, kind ('force', 'england_and_wales',
--          'united_kingdom', 'outside_england_and_wales'), region, aliases (list of other names sources use).
WITH aliases AS (
    SELECT force_id, list(alias ORDER BY alias) AS aliases
    FROM force_alias
    GROUP BY force_id
)

SELECT
    f.force_id,
    f.name,
    f.short_name,
    f.kind,
    f.region,
    coalesce(a.aliases, []) AS aliases
FROM force AS f
LEFT JOIN aliases AS a USING (force_id)
ORDER BY f.kind = 'force' DESC, f.short_name
