CREATE VIEW nof.standard_target AS
SELECT standard_code, target_kind, threshold, comparator, effective_from, effective_to, domain, measure, source
  FROM dw.standard_target;
COMMENT ON VIEW nof.standard_target IS 'Constitutional standards and interim planning targets with effective dates, seeded from reference/standards.csv. Grain: one row per target.';
COMMENT ON COLUMN nof.standard_target.standard_code IS 'The nofdb standard it applies to; NULL when nofdb cannot measure it.';
COMMENT ON COLUMN nof.standard_target.target_kind IS 'constitutional, interim, report_only, not_computable or legacy_not_in_data.';
COMMENT ON COLUMN nof.standard_target.threshold IS 'Threshold in the standard''s unit.';
COMMENT ON COLUMN nof.standard_target.comparator IS 'How to compare: >=, <=, <, or a non-numeric rule.';
COMMENT ON COLUMN nof.standard_target.effective_from IS 'First day in force (NULL: before the data).';
COMMENT ON COLUMN nof.standard_target.effective_to IS 'Last day in force (NULL: still in force).';
COMMENT ON COLUMN nof.standard_target.domain IS 'Domain as the reference file writes it.';
COMMENT ON COLUMN nof.standard_target.measure IS 'Measure as the reference file writes it.';
COMMENT ON COLUMN nof.standard_target.source IS 'Where the target comes from.';
