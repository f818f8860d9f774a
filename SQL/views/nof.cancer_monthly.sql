CREATE VIEW nof.cancer_monthly AS
SELECT c.period, c.org_code, o.org_name, c.cancer_standard, c.stage_route, c.modality, c.cancer_type,
       c.total_treated, c.within_standard, c.breaches,
       round(100.0 * c.within_standard / nullif(c.total_treated, 0), 2) AS pct_within_standard
  FROM dw.fact_cancer c
  LEFT JOIN dw.dim_organisation o ON o.org_code = c.org_code;
COMMENT ON VIEW nof.cancer_monthly IS 'Cancer Waiting Times (CWT CRS provider extract) as published. Rows are two cross-cuts: cancer type x ALL MODALITIES, and ALL CANCERS x each modality; do not add both. Grain: provider x month x standard x route x modality x cancer type.';
COMMENT ON COLUMN nof.cancer_monthly.period IS 'Month (first day).';
COMMENT ON COLUMN nof.cancer_monthly.org_code IS 'Provider ODS code.';
COMMENT ON COLUMN nof.cancer_monthly.org_name IS 'Latest provider name (from other datasets; the CRS file has codes only).';
COMMENT ON COLUMN nof.cancer_monthly.cancer_standard IS '28-day FDS, 31-day Combined or 62-day Combined.';
COMMENT ON COLUMN nof.cancer_monthly.stage_route IS 'Stage or referral route as published.';
COMMENT ON COLUMN nof.cancer_monthly.modality IS 'Treatment modality; NULL for 28-day FDS.';
COMMENT ON COLUMN nof.cancer_monthly.cancer_type IS 'Cancer type, referral type or ALL CANCERS.';
COMMENT ON COLUMN nof.cancer_monthly.total_treated IS 'Patients (halves count: shared 62-day patients are 0.5 each).';
COMMENT ON COLUMN nof.cancer_monthly.within_standard IS 'Patients within the standard.';
COMMENT ON COLUMN nof.cancer_monthly.breaches IS 'Patients outside the standard.';
COMMENT ON COLUMN nof.cancer_monthly.pct_within_standard IS '% within the standard for this row.';
