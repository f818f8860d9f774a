CREATE VIEW nof.organisation_icb_month AS
SELECT m.org_code, m.period, m.icb_code, i.icb_name, m.region_code, m.basis
  FROM dw.organisation_icb_month m
  LEFT JOIN dw.icb i ON i.icb_code = m.icb_code;
COMMENT ON VIEW nof.organisation_icb_month IS 'Each trust''s ICB in each month (dated membership, from the loaded ODS trusts files): a trust''s ICB in 2024 is the pre-April-2026 one. Grain: trust x month.';
COMMENT ON COLUMN nof.organisation_icb_month.org_code IS 'Trust ODS code.';
COMMENT ON COLUMN nof.organisation_icb_month.period IS 'Month (first day).';
COMMENT ON COLUMN nof.organisation_icb_month.icb_code IS 'The ICB it belonged to that month.';
COMMENT ON COLUMN nof.organisation_icb_month.icb_name IS 'That ICB''s name.';
COMMENT ON COLUMN nof.organisation_icb_month.region_code IS 'Its NHS England region in the ODS file used.';
COMMENT ON COLUMN nof.organisation_icb_month.basis IS 'in force (a file lists it in an ICB existing that month), first ICB (before ICBs began in July 2022), or nearest file (no file gives an ICB existing then).';
