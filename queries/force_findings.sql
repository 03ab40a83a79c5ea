-- force_findings: what the inspection found for one force in one cycle (causes of concern, areas for
-- improvement, innovative and promising practice), with the area each belongs to where a source says so.
-- Grain: one row per finding.
-- Parameters: $force_id (text, force slug), $cycle_id (text, e.g. '2023-25').
-- Columns: finding_id, area_id (NULL when not tied to one area), area_name, area_short_name, sort_order, kind,
--          summary, source_publisher, source_title, source_title_kind, source_url, source_published, source_tier.
SELECT
    fi.finding_id,
    fi.area_id,
    a.name AS area_name,
    a.short_name AS area_short_name,
    a.sort_order,
    fi.kind,
    fi.summary,
    src.publisher AS source_publisher,
    src.title AS source_title,
    src.title_kind AS source_title_kind,
    src.url AS source_url,
    src.published AS source_published,
    src.tier AS source_tier
FROM finding AS fi
LEFT JOIN peel_area AS a ON a.cycle_id = fi.cycle_id AND a.area_id = fi.area_id
JOIN source AS src ON src.source_id = fi.source_id
WHERE fi.force_id = $force_id AND fi.cycle_id = $cycle_id
ORDER BY
    a.sort_order NULLS LAST,
    CASE fi.kind
        WHEN 'cause_of_concern' THEN 1
        WHEN 'area_for_improvement' THEN 2
        WHEN 'innovative_practice' THEN 3
        ELSE 4
    END,
    fi.finding_id
