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
