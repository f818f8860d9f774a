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
