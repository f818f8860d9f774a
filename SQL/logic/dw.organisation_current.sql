-- The current name and region of organisations. The name is the one in the newest ODS trusts
-- file holding the organisation, when one is loaded (the reference NHS England's Organisation
-- Data Service keeps), else from its history in the data files: the latest month wins; within
-- a month, a fixed order of datasets (dw.dataset_rank), then the value. The region comes from
-- the history. NULL codes: every organisation.
CREATE OR REPLACE FUNCTION dw.organisation_current(p_codes text[] DEFAULT NULL)
RETURNS TABLE (org_code text, org_name text, region_code text)
LANGUAGE sql STABLE AS $$
    SELECT o.org_code,
           coalesce(
               (SELECT t.org_name FROM dw.fact_ods_trust t WHERE t.org_code = o.org_code ORDER BY t.period DESC LIMIT 1),
               (SELECT h.org_name FROM dw.organisation_history h
                 WHERE h.org_code = o.org_code AND h.org_name <> h.org_code
                 ORDER BY h.last_period DESC, dw.dataset_rank(h.dataset), h.org_name LIMIT 1)),
           (SELECT h.region_code FROM dw.organisation_history h
             WHERE h.org_code = o.org_code AND h.region_code IS NOT NULL
             ORDER BY h.last_period DESC, dw.dataset_rank(h.dataset), h.region_code LIMIT 1)
      FROM dw.dim_organisation o
     WHERE p_codes IS NULL OR o.org_code = ANY (p_codes)
$$;
COMMENT ON FUNCTION dw.organisation_current(text[]) IS 'Current name (the newest ODS trusts file''s, else the data files'') and region of organisations.';
