-- report: diagnostics
-- title: Diagnostics waiting times by provider
-- description: Diagnostics (DM01) by provider: waiting list and the share waiting 6+ weeks against the target in force, England first, the worst first, charted with the target.
-- param: period date
-- param: org text
-- param: region text
-- param: icb text
-- param: limit bigint
-- latest: SELECT max(period) FROM nof.data_coverage WHERE dataset = 'diagnostics'
-- highlight: org_code
-- section: Diagnostics by provider
-- chart: bar label=org_name value=pct_6_weeks better=lower unit=% target=target code=org_code flag=flag axis=waiting_6_weeks_or_more
-- column: org_code | Code
-- column: org_name | Provider
-- column: waiting_list | Waiting list | count
-- column: waiting_6_weeks | 6+ weeks | count
-- column: pct_6_weeks | 6+ weeks % | percent
-- column: target | Target | percent
-- column: met | Met
-- column: flag | Read with care
-- footnote: Share of the month-end waiting list waiting 6 weeks or more (all 15 tests); lower is better. Sorted worst first (providers with small numbers after the others); England first, from all providers. small numbers: a waiting list under 20.
SELECT org_code, org_name, denominator AS waiting_list, numerator AS waiting_6_weeks, round(rate, 1) AS pct_6_weeks,
       target, CASE met WHEN true THEN 'yes' WHEN false THEN 'no' END AS met,
       CASE WHEN org_level = 'provider' AND denominator < (SELECT value FROM nof.flag_rule WHERE name = 'small_numbers_denominator')
            THEN 'small numbers' ELSE '' END AS flag
  FROM nof.standard_performance
 WHERE standard_code = 'dm01_6w' AND breakdown = '' AND period = :period
   AND (org_level = 'provider' OR (org_level = 'england' AND :org IS NULL))
   AND (:org IS NULL OR org_code = :org) AND (:region IS NULL OR org_level = 'england' OR region_code = :region)
   AND (:icb IS NULL OR org_level = 'england'
        OR org_code IN (SELECT i.org_code FROM nof.organisation_icb_month i WHERE i.icb_code = :icb AND i.period = :period))
 ORDER BY org_level <> 'england',
          org_level = 'provider' AND denominator < (SELECT value FROM nof.flag_rule WHERE name = 'small_numbers_denominator'),
          rate DESC NULLS LAST, org_code
 LIMIT :limit;
