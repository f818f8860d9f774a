-- Organisation attributes derived from the facts of one dataset, for the periods a load
-- touched: AmbSYS marks ambulance trusts; the official NOF files give trust types.
CREATE OR REPLACE FUNCTION dw.refresh_dimensions(p_dataset text, p_periods date[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF p_dataset = 'ambulance' THEN
        UPDATE dw.dim_organisation o SET is_ambulance = true
         WHERE NOT o.is_ambulance
           AND EXISTS (SELECT 1 FROM dw.fact_ambulance a
                        WHERE a.org_code = o.org_code AND a.org_level = 'trust' AND a.period = ANY (p_periods));
    ELSIF p_dataset IN ('nof_data', 'nof_league') THEN
        UPDATE dw.dim_organisation o
           SET nof_trust_type = s.trust_type, nof_trust_subtype = s.trust_subtype
          FROM (SELECT DISTINCT ON (org_code) org_code, trust_type, trust_subtype
                  FROM (SELECT org_code, trust_type, trust_subtype, period FROM dw.fact_nof_league
                         WHERE period = ANY (p_periods)
                        UNION ALL
                        SELECT org_code, trust_type, trust_subtype, period FROM dw.fact_nof_metric
                         WHERE period = ANY (p_periods)) x
                 WHERE trust_type IS NOT NULL
                 ORDER BY org_code, period DESC) s
         WHERE s.org_code = o.org_code;
    END IF;
END $$;
COMMENT ON FUNCTION dw.refresh_dimensions(text, date[]) IS 'Updates organisation attributes derived from one dataset''s facts (ambulance trusts, NOF trust types) for the given periods.';
