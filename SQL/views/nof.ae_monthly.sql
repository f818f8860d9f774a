CREATE VIEW nof.ae_monthly AS
SELECT f.period, f.org_code, o.org_name, f.region_code, f.parent_name,
       f.att_type1, f.att_type2, f.att_other, f.att_booked_type1, f.att_booked_type2, f.att_booked_other,
       CASE WHEN ft.org_code IS NULL THEN f.over4_type1 END AS over4_type1,
       CASE WHEN ft.org_code IS NULL THEN f.over4_type2 END AS over4_type2,
       CASE WHEN ft.org_code IS NULL THEN f.over4_other END AS over4_other,
       CASE WHEN ft.org_code IS NULL THEN f.over4_booked_type1 END AS over4_booked_type1,
       CASE WHEN ft.org_code IS NULL THEN f.over4_booked_type2 END AS over4_booked_type2,
       CASE WHEN ft.org_code IS NULL THEN f.over4_booked_other END AS over4_booked_other,
       f.dta_4_to_12, f.dta_12_plus, f.emadm_type1, f.emadm_type2, f.emadm_other_ae, f.emadm_other,
       CASE WHEN ft.org_code IS NULL THEN 'reported' ELSE 'not_reported_field_test' END AS four_hour_status
  FROM dw.fact_ae f
  LEFT JOIN dw.dim_organisation o ON o.org_code = f.org_code
  LEFT JOIN dw.ae_field_test_site ft
         ON ft.org_code = f.org_code AND f.period BETWEEN ft.first_month_not_reported AND ft.last_month_not_reported;
COMMENT ON VIEW nof.ae_monthly IS 'A&E attendances and emergency admissions by provider and month (MSitAE). Four-hour columns are NULL for A&E field-test sites in the months they did not report. Grain: provider x month.';
COMMENT ON COLUMN nof.ae_monthly.period IS 'Month (first day).';
COMMENT ON COLUMN nof.ae_monthly.org_code IS 'ODS code of the provider.';
COMMENT ON COLUMN nof.ae_monthly.org_name IS 'Latest provider name.';
COMMENT ON COLUMN nof.ae_monthly.region_code IS 'Region (Y56-Y63) from the Parent Org column of that month.';
COMMENT ON COLUMN nof.ae_monthly.parent_name IS 'Parent Org as written in the file.';
COMMENT ON COLUMN nof.ae_monthly.att_type1 IS 'Attendances, type 1 (major A&E departments).';
COMMENT ON COLUMN nof.ae_monthly.att_type2 IS 'Attendances, type 2 (single-specialty).';
COMMENT ON COLUMN nof.ae_monthly.att_other IS 'Attendances, other A&E departments (type 3/4: UTC, MIU, WIC).';
COMMENT ON COLUMN nof.ae_monthly.att_booked_type1 IS 'Booked-appointment attendances, type 1 (from August 2020; NULL before).';
COMMENT ON COLUMN nof.ae_monthly.att_booked_type2 IS 'Booked-appointment attendances, type 2 (from August 2020).';
COMMENT ON COLUMN nof.ae_monthly.att_booked_other IS 'Booked-appointment attendances, other departments (from August 2020).';
COMMENT ON COLUMN nof.ae_monthly.over4_type1 IS 'Attendances over 4 hours, type 1; NULL when not reported (field test).';
COMMENT ON COLUMN nof.ae_monthly.over4_type2 IS 'Attendances over 4 hours, type 2; NULL when not reported.';
COMMENT ON COLUMN nof.ae_monthly.over4_other IS 'Attendances over 4 hours, other departments; NULL when not reported.';
COMMENT ON COLUMN nof.ae_monthly.over4_booked_type1 IS 'Booked attendances over 4 hours, type 1; NULL before August 2020 or when not reported.';
COMMENT ON COLUMN nof.ae_monthly.over4_booked_type2 IS 'Booked attendances over 4 hours, type 2.';
COMMENT ON COLUMN nof.ae_monthly.over4_booked_other IS 'Booked attendances over 4 hours, other departments.';
COMMENT ON COLUMN nof.ae_monthly.dta_4_to_12 IS 'Patients waiting 4-12 hours from decision to admit to admission.';
COMMENT ON COLUMN nof.ae_monthly.dta_12_plus IS 'Patients waiting 12+ hours from decision to admit to admission (trolley waits).';
COMMENT ON COLUMN nof.ae_monthly.emadm_type1 IS 'Emergency admissions via type 1 A&E.';
COMMENT ON COLUMN nof.ae_monthly.emadm_type2 IS 'Emergency admissions via type 2 A&E.';
COMMENT ON COLUMN nof.ae_monthly.emadm_other_ae IS 'Emergency admissions via other A&E departments.';
COMMENT ON COLUMN nof.ae_monthly.emadm_other IS 'Other emergency admissions (not via A&E).';
COMMENT ON COLUMN nof.ae_monthly.four_hour_status IS 'reported, or not_reported_field_test for the field-test sites'' months.';
