-- report: cancer
-- title: Cancer waiting times by provider
-- description: Cancer waiting times by provider: 28-day FDS, 31-day and 62-day performance against the targets in force.
-- parameters: period, org, region, icb, limit
-- latest: SELECT max(period) FROM nof.data_coverage WHERE dataset = 'cancer'
-- bind: $2 period, $5 org, $6 region, $13 icb, $7 limit
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
 WHERE standard_code IN ('cancer_fds28', 'cancer_31d', 'cancer_62d') AND period = $2::date AND org_level = 'provider'
   AND ($5::text IS NULL OR org_code = $5) AND ($6::text IS NULL OR region_code = $6)
   AND ($13::text IS NULL OR org_code IN (SELECT i.org_code FROM nof.organisation_icb_month i WHERE i.icb_code = $13 AND i.period = $2::date))
 GROUP BY org_code, org_name
 ORDER BY d62_treated DESC NULLS LAST, org_code
 LIMIT $7::integer;
