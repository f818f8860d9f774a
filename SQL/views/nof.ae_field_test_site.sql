CREATE VIEW nof.ae_field_test_site AS
SELECT org_code, org_name, first_month_not_reported, last_month_not_reported, note FROM dw.ae_field_test_site;
COMMENT ON VIEW nof.ae_field_test_site IS 'The 14 trusts in the A&E four-hour field test (May 2019 - May 2023), whose files show 0 over four hours that is not a real 0. Source: NHS England, Publication of May A&E data (June 2019). Grain: one row per trust code.';
COMMENT ON COLUMN nof.ae_field_test_site.org_code IS 'ODS code of the trust.';
COMMENT ON COLUMN nof.ae_field_test_site.org_name IS 'Trust name (with merger notes).';
COMMENT ON COLUMN nof.ae_field_test_site.first_month_not_reported IS 'First month whose four-hour figures are not reported.';
COMMENT ON COLUMN nof.ae_field_test_site.last_month_not_reported IS 'Last month whose four-hour figures are not reported.';
COMMENT ON COLUMN nof.ae_field_test_site.note IS 'Merger notes.';
