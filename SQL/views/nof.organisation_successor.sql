CREATE VIEW nof.organisation_successor AS
SELECT s.old_code, coalesce(oo.org_name, (SELECT t.org_name FROM dw.fact_ods_trust t WHERE t.org_code = s.old_code ORDER BY t.period DESC LIMIT 1)) AS old_name,
       s.new_code, coalesce(no.org_name, (SELECT t.org_name FROM dw.fact_ods_trust t WHERE t.org_code = s.new_code ORDER BY t.period DESC LIMIT 1)) AS new_name,
       s.effective_from, s.not_confirmed, l.current_code,
       coalesce(co.org_name, (SELECT t.org_name FROM dw.fact_ods_trust t WHERE t.org_code = l.current_code ORDER BY t.period DESC LIMIT 1)) AS current_name,
       l.path AS chain, s.source
  FROM dw.v_trust_successor s
  LEFT JOIN dw.v_organisation_lineage l ON l.org_code = s.old_code
  LEFT JOIN dw.dim_organisation oo ON oo.org_code = s.old_code
  LEFT JOIN dw.dim_organisation no ON no.org_code = s.new_code
  LEFT JOIN dw.dim_organisation co ON co.org_code = l.current_code;
COMMENT ON VIEW nof.organisation_successor IS 'Trust mergers and code changes: ODS successor organisations (succ.csv, trusts only), with each predecessor''s organisation today (chains followed). Grain: predecessor x successor.';
COMMENT ON COLUMN nof.organisation_successor.old_code IS 'The predecessor''s ODS code, e.g. RD3.';
COMMENT ON COLUMN nof.organisation_successor.old_name IS 'Its name.';
COMMENT ON COLUMN nof.organisation_successor.new_code IS 'The organisation it became part of, e.g. R0D.';
COMMENT ON COLUMN nof.organisation_successor.new_name IS 'Its name.';
COMMENT ON COLUMN nof.organisation_successor.effective_from IS 'The first day of the successor (the predecessor closed the day before).';
COMMENT ON COLUMN nof.organisation_successor.not_confirmed IS 'True when ODS marks the succession as not confirmed (indicator 1).';
COMMENT ON COLUMN nof.organisation_successor.current_code IS 'The predecessor''s organisation today, following chains (A -> B -> C).';
COMMENT ON COLUMN nof.organisation_successor.current_name IS 'Its name.';
COMMENT ON COLUMN nof.organisation_successor.chain IS 'The codes from the predecessor to today''s organisation.';
COMMENT ON COLUMN nof.organisation_successor.source IS 'ods (the loaded succ.csv) or nofdb (seeded links, used only where no ODS file has the trust).';
