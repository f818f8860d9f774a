-- report: diagnostics
-- title: Diagnostics waiting times by provider
-- description: Diagnostics (DM01) by provider: waiting list and the share waiting 6+ weeks against the target in force.
-- parameters: period, org, region, icb, limit
-- latest: SELECT max(period) FROM nof.data_coverage WHERE dataset = 'diagnostics'
-- bind: $2 period, $5 org, $6 region, $13 icb, $7 limit
-- section: Diagnostics by provider
-- chart: bar label=org_code value=pct_6_weeks better=lower unit=% axis=waiting_6_weeks_or_more
-- footnote: Share of the month-end waiting list waiting 6 weeks or more (all 15 tests); lower is better.
SELECT org_code, org_name, denominator AS waiting_list, numerator AS waiting_6_weeks, round(rate, 1) AS pct_6_weeks,
       target, CASE met WHEN true THEN 'yes' WHEN false THEN 'no' END AS met
  FROM nof.standard_performance
 WHERE standard_code = 'dm01_6w' AND breakdown = '' AND period = $2::date AND org_level = 'provider'
   AND ($5::text IS NULL OR org_code = $5) AND ($6::text IS NULL OR region_code = $6)
   AND ($13::text IS NULL OR org_code IN (SELECT i.org_code FROM nof.organisation_icb_month i WHERE i.icb_code = $13 AND i.period = $2::date))
 ORDER BY denominator DESC NULLS LAST, org_code
 LIMIT $7::integer;
