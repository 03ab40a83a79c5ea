-- peer_groups: published peer groups for one force (its most similar group, as a source listed it).
-- Grain: one row per group member.
-- Parameters: $force_id (text, force slug).
-- Columns: group_id, group_name, member_force_id, member_short_name, source_publisher, source_title,
--          source_url, source_published, source_tier.
SELECT
    p.group_id,
    p.name AS group_name,
    p.member_force_id,
    f.short_name AS member_short_name,
    src.publisher AS source_publisher,
    src.title AS source_title,
    src.title_kind AS source_title_kind,
    src.url AS source_url,
    src.published AS source_published,
    src.tier AS source_tier
FROM peer_group AS p
JOIN force AS f ON f.force_id = p.member_force_id
JOIN source AS src ON src.source_id = p.source_id
WHERE p.force_id = $force_id
ORDER BY p.group_id, f.short_name
