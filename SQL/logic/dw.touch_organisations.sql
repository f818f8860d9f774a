-- Upserts the organisations seen in one slice of a load: arrays of equal length
-- (code, name, parent code, parent name, region code). Latest period wins for the current
-- name and region; every (name, parent) combination is kept in organisation_history.
CREATE OR REPLACE FUNCTION dw.touch_organisations(
    p_dataset text, p_period date, p_codes text[], p_names text[],
    p_parent_codes text[], p_parent_names text[], p_region_codes text[]
) RETURNS void LANGUAGE sql AS $$
    WITH seen AS (
        SELECT DISTINCT ON (code) code, nullif(btrim(name), '') AS name, parent_code, parent_name,
               coalesce(region_code, dw.region_code_for(parent_name)) AS region_code
        FROM unnest(p_codes, p_names, p_parent_codes, p_parent_names, p_region_codes)
             AS u(code, name, parent_code, parent_name, region_code)
        WHERE code IS NOT NULL AND code <> ''
        ORDER BY code
    ), upsert AS (
        INSERT INTO dw.dim_organisation AS o (org_code, org_name, org_kind, region_code, first_period, last_period)
        SELECT code, coalesce(name, code),
               CASE WHEN code ~ '^R[A-Z0-9]{2}$' THEN 'nhs_trust'
                    WHEN code ~ '^[A-Z][0-9]{5}$' THEN 'gp_practice'
                    WHEN code ~ '^(N|A)[A-Z0-9]{2}' THEN 'independent'
                    ELSE 'other' END,
               region_code, p_period, p_period
        FROM seen
        ON CONFLICT (org_code) DO UPDATE SET
            org_name = CASE WHEN p_period >= o.last_period AND EXCLUDED.org_name <> EXCLUDED.org_code
                            THEN EXCLUDED.org_name ELSE o.org_name END,
            region_code = CASE WHEN EXCLUDED.region_code IS NOT NULL AND p_period >= o.last_period
                               THEN EXCLUDED.region_code ELSE coalesce(o.region_code, EXCLUDED.region_code) END,
            first_period = least(o.first_period, p_period),
            last_period = greatest(o.last_period, p_period)
        RETURNING 1
    )
    INSERT INTO dw.organisation_history AS h
        (org_code, dataset, org_name, parent_code, parent_name, region_code, first_period, last_period)
    SELECT code, p_dataset, name, parent_code, parent_name, region_code, p_period, p_period
    FROM seen WHERE name IS NOT NULL
    ON CONFLICT (org_code, dataset, org_name, parent_name_key) DO UPDATE SET
        first_period = least(h.first_period, p_period),
        last_period = greatest(h.last_period, p_period),
        parent_code = coalesce(EXCLUDED.parent_code, h.parent_code),
        region_code = coalesce(EXCLUDED.region_code, h.region_code);
$$;
