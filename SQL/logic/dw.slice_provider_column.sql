-- How a dataset's providers are named in the table its slice guard reads, and which rows
-- count: AmbSYS trusts (not England or regions); RTT providers from the provider summary.
CREATE OR REPLACE FUNCTION dw.slice_provider_column(p_dataset text) RETURNS TABLE (guard_table text, provider text, filter text)
LANGUAGE sql IMMUTABLE AS $$
    SELECT d.guard_table, d.provider, d.filter FROM (VALUES
        ('ae', 'fact_ae', 'org_code', 'true'),
        ('ambulance', 'fact_ambulance', 'org_code', 'org_level = ''trust'''),
        ('rtt', 'fact_rtt_provider', 'provider_code', 'true'),
        ('cancer', 'fact_cancer', 'org_code', 'true'),
        ('diagnostics', 'fact_diagnostics', 'org_code', 'true'),
        ('nof_data', 'fact_nof_metric', 'org_code', 'true'),
        ('nof_league', 'fact_nof_league', 'org_code', 'true'),
        ('ods_trusts', 'fact_ods_trust', 'org_code', 'true'),
        ('ods_successors', 'fact_ods_successor', 'old_code', 'true')) AS d(dataset, guard_table, provider, filter)
     WHERE d.dataset = p_dataset
$$;
COMMENT ON FUNCTION dw.slice_provider_column(text) IS 'The table, provider column and row filter the slice guards use for a dataset.';
