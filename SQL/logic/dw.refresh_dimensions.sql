-- Organisation attributes derived from one dataset's facts, after a load of some of its
-- months: AmbSYS marks ambulance trusts (any trust row in any month), the official NOF files
-- give trust types (the newest quarter's), the ODS trusts files each trust's ICB by month. Each is worked out from all the facts, not the
-- months loaded last, so it does not depend on load order. Organisations whose attribute
-- changed are noted in pg_temp.nofdb_changed_org (they move between league peer groups).
CREATE OR REPLACE FUNCTION dw.refresh_dimensions(p_dataset text, p_periods date[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM dw.note_changed_orgs();
    IF p_dataset = 'ambulance' THEN
        WITH candidates AS (
            SELECT o.org_code, o.is_ambulance AS old,
                   EXISTS (SELECT 1 FROM dw.fact_ambulance a WHERE a.org_code = o.org_code AND a.org_level = 'trust') AS new
              FROM dw.dim_organisation o
             WHERE o.is_ambulance
                OR o.org_code IN (SELECT a.org_code FROM dw.fact_ambulance a
                                   WHERE a.org_level = 'trust' AND a.period = ANY (p_periods))
        ), noted AS (
            INSERT INTO nofdb_changed_org (org_code, attribute) SELECT org_code, 'peer' FROM candidates WHERE old <> new
        )
        UPDATE dw.dim_organisation o SET is_ambulance = c.new FROM candidates c
         WHERE c.org_code = o.org_code AND c.old <> c.new;
    ELSIF p_dataset IN ('nof_data', 'nof_league') THEN
        WITH typed AS (
            SELECT DISTINCT ON (org_code) org_code, trust_type, trust_subtype
              FROM (SELECT org_code, trust_type, trust_subtype, period FROM dw.fact_nof_league
                    UNION ALL
                    SELECT org_code, trust_type, trust_subtype, period FROM dw.fact_nof_metric) x
             WHERE trust_type IS NOT NULL
             ORDER BY org_code, period DESC, trust_type, trust_subtype
        ), candidates AS (
            SELECT o.org_code, o.nof_trust_type AS old_type, o.nof_trust_subtype AS old_subtype,
                   t.trust_type AS new_type, t.trust_subtype AS new_subtype
              FROM dw.dim_organisation o
              LEFT JOIN typed t ON t.org_code = o.org_code
             WHERE o.nof_trust_type IS NOT NULL OR t.org_code IS NOT NULL
        ), noted AS (
            INSERT INTO nofdb_changed_org (org_code, attribute)
            SELECT org_code, 'peer' FROM candidates WHERE old_type IS DISTINCT FROM new_type
        )
        UPDATE dw.dim_organisation o SET nof_trust_type = c.new_type, nof_trust_subtype = c.new_subtype
          FROM candidates c
         WHERE c.org_code = o.org_code
           AND (c.old_type IS DISTINCT FROM c.new_type OR c.old_subtype IS DISTINCT FROM c.new_subtype);
    ELSIF p_dataset = 'ods_trusts' THEN
        PERFORM dw.refresh_organisation_icb();
    END IF;
END $$;
COMMENT ON FUNCTION dw.refresh_dimensions(text, date[]) IS 'Updates organisation attributes derived from one dataset''s facts (ambulance trusts, NOF trust types), noting the organisations that changed.';
