-- Records the organisations seen in one slice of a load: arrays of equal length (code, name,
-- parent code, parent name, region code). Every (name, parent) combination is kept in
-- organisation_history. The current name and region in dim_organisation are then worked out
-- from that history alone (the latest month wins; within a month a fixed order of datasets,
-- then the value), so they never depend on the order files were loaded in. A region is
-- taken from the file's own region code, or from a parent that is a region (A&E's Parent Org,
-- the NOF files' Region); an RTT parent is an ICB, whose name says nothing reliable about the
-- region. Organisations whose region changes are noted in pg_temp.nofdb_changed_org, so
-- dw.after_load can refresh the other months that read it.
CREATE OR REPLACE FUNCTION dw.touch_organisations(
    p_dataset text, p_period date, p_codes text[], p_names text[],
    p_parent_codes text[], p_parent_names text[], p_region_codes text[]
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM dw.note_changed_orgs();
    INSERT INTO dw.organisation_history AS h
        (org_code, dataset, org_name, parent_code, parent_name, region_code, first_period, last_period)
    SELECT DISTINCT ON (code) code, p_dataset, nullif(btrim(name), ''), parent_code, parent_name,
           coalesce(region_code, CASE WHEN p_dataset IN ('ae', 'nof_data', 'nof_league') THEN dw.region_code_for(parent_name) END),
           p_period, p_period
      FROM unnest(p_codes, p_names, p_parent_codes, p_parent_names, p_region_codes)
           AS u(code, name, parent_code, parent_name, region_code)
     WHERE code IS NOT NULL AND code <> '' AND nullif(btrim(name), '') IS NOT NULL
     ORDER BY code
    ON CONFLICT (org_code, dataset, org_name, parent_name_key) DO UPDATE SET
        first_period = least(h.first_period, p_period),
        last_period = greatest(h.last_period, p_period),
        parent_code = coalesce(EXCLUDED.parent_code, h.parent_code),
        region_code = coalesce(EXCLUDED.region_code, h.region_code);

    INSERT INTO dw.dim_organisation AS o (org_code, org_name, org_kind, first_period, last_period)
    SELECT DISTINCT ON (code) code, coalesce(nullif(btrim(name), ''), code),
           CASE WHEN code ~ '^R[A-Z0-9]{2}$' THEN 'nhs_trust'
                WHEN code ~ '^[A-Z][0-9]{5}$' THEN 'gp_practice'
                WHEN code ~ '^(N|A)[A-Z0-9]{2}' THEN 'independent'
                ELSE 'other' END,
           p_period, p_period
      FROM unnest(p_codes, p_names) AS u(code, name)
     WHERE code IS NOT NULL AND code <> ''
     ORDER BY code
    ON CONFLICT (org_code) DO UPDATE SET
        first_period = least(o.first_period, p_period),
        last_period = greatest(o.last_period, p_period);

    WITH latest AS (
        SELECT o.org_code, o.org_name AS old_name, o.region_code AS old_region, c.org_name AS name, c.region_code AS region
          FROM dw.dim_organisation o
          JOIN dw.organisation_current(p_codes) c ON c.org_code = o.org_code
    ), noted AS (
        INSERT INTO nofdb_changed_org (org_code, attribute)
        SELECT org_code, 'region' FROM latest WHERE old_region IS DISTINCT FROM region
    )
    UPDATE dw.dim_organisation o
       SET org_name = coalesce(l.name, o.org_name), region_code = l.region
      FROM latest l
     WHERE l.org_code = o.org_code
       AND (o.org_name IS DISTINCT FROM coalesce(l.name, o.org_name) OR o.region_code IS DISTINCT FROM l.region);
END $$;
COMMENT ON FUNCTION dw.touch_organisations(text, date, text[], text[], text[], text[], text[]) IS 'Records the organisations of one loaded slice; current names and regions follow from their history, whatever the load order.';
