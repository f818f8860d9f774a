-- report: cancer
-- title: Cancer waiting times by provider
-- description: Cancer waiting times by provider: 28-day FDS, 31-day and 62-day performance against the targets in force.
-- param: period date
-- param: org text
-- param: region text
-- param: icb text
-- param: limit bigint
-- latest: SELECT max(period) FROM nof.data_coverage WHERE dataset = 'cancer'
-- highlight: org_code
-- section: Cancer standards by provider
-- footnote: Targets: the interim planning target in force, else the constitutional standard. Counts include half-patients.
SELECT org_code, org_name,
       round(max(rate) FILTER (WHERE standard_code = 'cancer_fds28'), 1) AS fds28_pct,
       max(target) FILTER (WHERE standard_code = 'cancer_fds28') AS fds28_target,
       round(max(rate) FILTER (WHERE standard_code = 'cancer_31d'), 1) AS d31_pct,
       max(target) FILTER (WHERE standard_code = 'cancer_31d') AS d31_target,
       round(max(rate) FILTER (WHERE standard_code = 'cancer_62d'), 1) AS d62_pct,
       max(target) FILTER (WHERE standard_code = 'cancer_62d') AS d62_target,
       max(denominator) FILTER (WHERE standard_code = 'cancer_62d') AS d62_treated
  FROM nof.standard_performance
 WHERE standard_code IN ('cancer_fds28', 'cancer_31d', 'cancer_62d') AND period = :period AND org_level = 'provider'
   AND (:org IS NULL OR org_code = :org) AND (:region IS NULL OR region_code = :region)
   AND (:icb IS NULL OR org_code IN (SELECT i.org_code FROM nof.organisation_icb_month i WHERE i.icb_code = :icb AND i.period = :period))
 GROUP BY org_code, org_name
 ORDER BY d62_treated DESC NULLS LAST, org_code
 LIMIT :limit;
