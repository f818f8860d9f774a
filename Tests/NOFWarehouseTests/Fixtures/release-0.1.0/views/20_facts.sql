-- Monthly facts per dataset, as published, with names and regions joined and the A&E
-- field-test rule applied.

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

CREATE VIEW nof.ambulance_monthly AS
SELECT a.period, a.org_code, coalesce(o.org_name, r.region_name, CASE a.org_level WHEN 'england' THEN 'England' END) AS org_name,
       a.org_level, a.region_code, a.incidents, a.calls_answered,
       a.c1_incidents, round(a.c1_mean_s / 60.0, 2) AS c1_mean_min, round(a.c1_p90_s / 60.0, 2) AS c1_p90_min,
       a.c2_incidents, round(a.c2_mean_s / 60.0, 2) AS c2_mean_min, round(a.c2_p90_s / 60.0, 2) AS c2_p90_min,
       a.c3_incidents, round(a.c3_mean_s / 60.0, 2) AS c3_mean_min, round(a.c3_p90_s / 60.0, 2) AS c3_p90_min,
       a.c4_incidents, round(a.c4_mean_s / 60.0, 2) AS c4_mean_min, round(a.c4_p90_s / 60.0, 2) AS c4_p90_min,
       a.acodes
  FROM dw.fact_ambulance a
  LEFT JOIN dw.dim_organisation o ON o.org_code = a.org_code AND a.org_level = 'trust'
  LEFT JOIN dw.dim_region r ON r.region_code = a.org_code AND a.org_level = 'region';
COMMENT ON VIEW nof.ambulance_monthly IS 'Ambulance response times by trust, region and England per month (AmbSYS). Use org_level = ''trust'' to add up: single-trust regions repeat their trust. Times in minutes. Grain: organisation x month.';
COMMENT ON COLUMN nof.ambulance_monthly.period IS 'Month (first day).';
COMMENT ON COLUMN nof.ambulance_monthly.org_code IS 'Trust ODS code, region code (Y56-Y63), or Eng.';
COMMENT ON COLUMN nof.ambulance_monthly.org_name IS 'Trust, region or England.';
COMMENT ON COLUMN nof.ambulance_monthly.org_level IS 'trust, region or england.';
COMMENT ON COLUMN nof.ambulance_monthly.region_code IS 'Region of a trust; the region itself for region rows.';
COMMENT ON COLUMN nof.ambulance_monthly.incidents IS 'All incidents (A7).';
COMMENT ON COLUMN nof.ambulance_monthly.calls_answered IS 'Calls answered (A1).';
COMMENT ON COLUMN nof.ambulance_monthly.c1_incidents IS 'Category 1 incidents (A8).';
COMMENT ON COLUMN nof.ambulance_monthly.c1_mean_min IS 'Category 1 mean response time, minutes (A25/60).';
COMMENT ON COLUMN nof.ambulance_monthly.c1_p90_min IS 'Category 1 90th centile response time, minutes (A26/60).';
COMMENT ON COLUMN nof.ambulance_monthly.c2_incidents IS 'Category 2 incidents (A10).';
COMMENT ON COLUMN nof.ambulance_monthly.c2_mean_min IS 'Category 2 mean response time, minutes (A31/60).';
COMMENT ON COLUMN nof.ambulance_monthly.c2_p90_min IS 'Category 2 90th centile, minutes (A32/60).';
COMMENT ON COLUMN nof.ambulance_monthly.c3_incidents IS 'Category 3 incidents (A11).';
COMMENT ON COLUMN nof.ambulance_monthly.c3_mean_min IS 'Category 3 mean, minutes (A34/60).';
COMMENT ON COLUMN nof.ambulance_monthly.c3_p90_min IS 'Category 3 90th centile, minutes (A35/60).';
COMMENT ON COLUMN nof.ambulance_monthly.c4_incidents IS 'Category 4 incidents (A12).';
COMMENT ON COLUMN nof.ambulance_monthly.c4_mean_min IS 'Category 4 mean, minutes (A37/60).';
COMMENT ON COLUMN nof.ambulance_monthly.c4_p90_min IS 'Category 4 90th centile, minutes (A38/60).';
COMMENT ON COLUMN nof.ambulance_monthly.acodes IS 'Every A-code of the row as published (JSON; null where the file has ''.''), including codes nofdb does not type.';

CREATE VIEW nof.rtt_provider_monthly AS
SELECT r.period, r.provider_code AS org_code, o.org_name, o.region_code,
       r.total_all AS waiting_list,
       dw.array_slice_sum(r.bands, 1, 18) AS within_18_weeks,
       round(100.0 * dw.array_slice_sum(r.bands, 1, 18) / nullif(r.total_all, 0), 2) AS pct_within_18_weeks,
       dw.array_slice_sum(r.bands, 53, cardinality(r.bands)) AS over_52_weeks,
       CASE WHEN cardinality(r.bands) > 53 THEN dw.array_slice_sum(r.bands, 66, cardinality(r.bands)) END AS over_65_weeks,
       CASE WHEN cardinality(r.bands) > 53 THEN dw.array_slice_sum(r.bands, 79, cardinality(r.bands)) END AS over_78_weeks,
       CASE WHEN cardinality(r.bands) > 53 THEN r.bands[cardinality(r.bands)]::numeric END AS over_104_weeks,
       round(dw.band_percentile(r.bands, 0.5), 1) AS median_wait_weeks,
       round(dw.band_percentile(r.bands, 0.92), 1) AS p92_wait_weeks,
       r.commissioner_rows
  FROM dw.fact_rtt_provider r
  LEFT JOIN dw.dim_organisation o ON o.org_code = r.provider_code
 WHERE r.part = '2';
COMMENT ON VIEW nof.rtt_provider_monthly IS 'RTT incomplete pathways (the waiting list) by provider and month, all specialties: the C_999 Total rows summed over commissioners. Grain: provider x month.';
COMMENT ON COLUMN nof.rtt_provider_monthly.period IS 'Month (first day); the list is the position at month end.';
COMMENT ON COLUMN nof.rtt_provider_monthly.org_code IS 'Provider ODS code.';
COMMENT ON COLUMN nof.rtt_provider_monthly.org_name IS 'Latest provider name.';
COMMENT ON COLUMN nof.rtt_provider_monthly.region_code IS 'Provider''s latest region.';
COMMENT ON COLUMN nof.rtt_provider_monthly.waiting_list IS 'Incomplete pathways (Part_2 Total All).';
COMMENT ON COLUMN nof.rtt_provider_monthly.within_18_weeks IS 'Pathways waiting 18 weeks or less.';
COMMENT ON COLUMN nof.rtt_provider_monthly.pct_within_18_weeks IS '% waiting 18 weeks or less (standard 92%).';
COMMENT ON COLUMN nof.rtt_provider_monthly.over_52_weeks IS 'Pathways waiting over 52 weeks.';
COMMENT ON COLUMN nof.rtt_provider_monthly.over_65_weeks IS 'Pathways waiting over 65 weeks (NULL for layouts whose bands stop at 52).';
COMMENT ON COLUMN nof.rtt_provider_monthly.over_78_weeks IS 'Pathways waiting over 78 weeks (NULL for layouts whose bands stop at 52).';
COMMENT ON COLUMN nof.rtt_provider_monthly.over_104_weeks IS 'Pathways waiting over 104 weeks (NULL for layouts whose bands stop at 52).';
COMMENT ON COLUMN nof.rtt_provider_monthly.median_wait_weeks IS 'Median wait in weeks, interpolated within the weekly bands.';
COMMENT ON COLUMN nof.rtt_provider_monthly.p92_wait_weeks IS '92nd percentile wait in weeks, interpolated within the weekly bands; NULL when beyond the last band.';
COMMENT ON COLUMN nof.rtt_provider_monthly.commissioner_rows IS 'Number of commissioner rows summed.';

CREATE VIEW nof.rtt_detail AS
SELECT r.period, r.provider_code, o.org_name AS provider_name, r.provider_parent_code, r.commissioner_parent_code,
       r.commissioner_code, c.commissioner_name, r.part, p.description AS part_description,
       r.treatment_function_code, t.treatment_function_name, r.bands, r.total, r.unknown_clock_start, r.total_all
  FROM dw.fact_rtt r
  LEFT JOIN dw.dim_organisation o ON o.org_code = r.provider_code
  LEFT JOIN dw.dim_commissioner c ON c.commissioner_code = r.commissioner_code
  LEFT JOIN dw.dim_rtt_part p ON p.part = r.part
  LEFT JOIN dw.dim_treatment_function t ON t.treatment_function_code = r.treatment_function_code;
COMMENT ON VIEW nof.rtt_detail IS 'RTT Full CSV rows as published: provider x commissioner x part x treatment function x month. C_999 rows are totals: do not add them to specialty rows. Filter on period: a national month is ~180,000 rows.';
COMMENT ON COLUMN nof.rtt_detail.period IS 'Month (first day).';
COMMENT ON COLUMN nof.rtt_detail.provider_code IS 'Provider ODS code.';
COMMENT ON COLUMN nof.rtt_detail.provider_name IS 'Latest provider name.';
COMMENT ON COLUMN nof.rtt_detail.provider_parent_code IS 'Provider''s parent (ICB; earlier STP/region) as reported.';
COMMENT ON COLUMN nof.rtt_detail.commissioner_parent_code IS 'Commissioner''s parent code as reported (blank for hubs).';
COMMENT ON COLUMN nof.rtt_detail.commissioner_code IS 'Commissioner code (NONC = non-English commissioner).';
COMMENT ON COLUMN nof.rtt_detail.commissioner_name IS 'Commissioner name (NULL for NONC).';
COMMENT ON COLUMN nof.rtt_detail.part IS 'RTT part: 1A, 1B (completed), 2, 2A (incomplete), 3 (new periods).';
COMMENT ON COLUMN nof.rtt_detail.part_description IS 'Part description as published.';
COMMENT ON COLUMN nof.rtt_detail.treatment_function_code IS 'Treatment function (C_999 = Total).';
COMMENT ON COLUMN nof.rtt_detail.treatment_function_name IS 'Treatment function name.';
COMMENT ON COLUMN nof.rtt_detail.bands IS 'Weekly bands: element i counts waits of i-1 to i weeks; the last is the open band (104+ or 52+). NULL where the file is blank (Part_3).';
COMMENT ON COLUMN nof.rtt_detail.total IS 'Total (blank for parts 2, 2A and 3).';
COMMENT ON COLUMN nof.rtt_detail.unknown_clock_start IS 'Patients with unknown clock start date (blank for parts 2, 2A and 3).';
COMMENT ON COLUMN nof.rtt_detail.total_all IS 'Total All.';

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

CREATE VIEW nof.diagnostics_monthly AS
SELECT d.period, d.org_code, o.org_name, d.region_code, d.test_id, t.test_name, d.total_waiting, d.waiting_6plus,
       d.waiting_13plus, round(100.0 * d.waiting_6plus / nullif(d.total_waiting, 0), 2) AS pct_waiting_6plus,
       d.bands, d.planned, d.unscheduled, d.waiting_list_activity
  FROM dw.fact_diagnostics d
  LEFT JOIN dw.dim_organisation o ON o.org_code = d.org_code
  LEFT JOIN dw.dim_diagnostic_test t ON t.test_id = d.test_id;
COMMENT ON VIEW nof.diagnostics_monthly IS 'DM01 diagnostics waiting list and activity by provider, test and month (Provider by Test sheet; providers'' Total rows are checked, not stored). Grain: provider x test x month.';
COMMENT ON COLUMN nof.diagnostics_monthly.period IS 'Month (first day); the waiting list is the position at month end.';
COMMENT ON COLUMN nof.diagnostics_monthly.org_code IS 'Provider ODS code.';
COMMENT ON COLUMN nof.diagnostics_monthly.org_name IS 'Latest provider name.';
COMMENT ON COLUMN nof.diagnostics_monthly.region_code IS 'Regional team code as reported (Y56-Y63).';
COMMENT ON COLUMN nof.diagnostics_monthly.test_id IS 'DM01 test number 1-15.';
COMMENT ON COLUMN nof.diagnostics_monthly.test_name IS 'Test name, e.g. Magnetic Resonance Imaging.';
COMMENT ON COLUMN nof.diagnostics_monthly.total_waiting IS 'Total waiting list.';
COMMENT ON COLUMN nof.diagnostics_monthly.waiting_6plus IS 'Waiting 6 weeks or more.';
COMMENT ON COLUMN nof.diagnostics_monthly.waiting_13plus IS 'Waiting 13 weeks or more.';
COMMENT ON COLUMN nof.diagnostics_monthly.pct_waiting_6plus IS '% waiting 6 weeks or more (standard 1%).';
COMMENT ON COLUMN nof.diagnostics_monthly.bands IS 'Weekly bands 0-<1 ... 12-<13, then 13+.';
COMMENT ON COLUMN nof.diagnostics_monthly.planned IS 'Planned tests/procedures in the month.';
COMMENT ON COLUMN nof.diagnostics_monthly.unscheduled IS 'Unscheduled tests/procedures in the month.';
COMMENT ON COLUMN nof.diagnostics_monthly.waiting_list_activity IS 'Waiting-list tests/procedures (excluding planned) in the month.';
