-- report: diagnostics
-- title: Diagnostics waiting times by provider
-- description: Diagnostics (DM01) by provider: waiting list and the share waiting 6+ weeks against the target in force.
-- param: period date
-- param: org text
-- param: region text
-- param: icb text
-- param: limit bigint
-- latest: SELECT max(period) FROM nof.data_coverage WHERE dataset = 'diagnostics'
-- highlight: org_code
-- section: Diagnostics by provider
-- chart: bar label=org_code value=pct_6_weeks better=lower unit=% axis=waiting_6_weeks_or_more
-- footnote: Share of the month-end waiting list waiting 6 weeks or more (all 15 tests); lower is better.
SELECT org_code, org_name, denominator AS waiting_list, numerator AS waiting_6_weeks, round(rate, 1) AS pct_6_weeks,
       target, CASE met WHEN true THEN 'yes' WHEN false THEN 'no' END AS met
  FROM nof.standard_performance
 WHERE standard_code = 'dm01_6w' AND breakdown = '' AND period = :period AND org_level = 'provider'
   AND (:org IS NULL OR org_code = :org) AND (:region IS NULL OR region_code = :region)
   AND (:icb IS NULL OR org_code IN (SELECT i.org_code FROM nof.organisation_icb_month i WHERE i.icb_code = :icb AND i.period = :period))
 ORDER BY denominator DESC NULLS LAST, org_code
 LIMIT :limit;
