-- report: rtt-waits
-- title: Elective waiting list by provider
-- description: Elective waiting list by provider: size, 18-week share against the target, 52/65/78/104+ week waits, median and 92nd-percentile wait; the lowest 18-week share first, charted with the target.
-- param: period date
-- param: org text
-- param: region text
-- param: icb text
-- param: limit bigint
-- latest: SELECT max(period) FROM nof.data_coverage WHERE dataset = 'rtt'
-- highlight: org_code
-- section: Waiting list by provider
-- chart: bar label=org_name value=pct_18w better=higher unit=% target=target code=org_code axis=waiting_18_weeks_or_less
-- column: org_code | Code
-- column: org_name | Provider
-- column: waiting_list | Waiting list | count
-- column: pct_18w | Within 18 weeks % | percent
-- column: target | Target | percent
-- column: w52_plus | Over 52 weeks | count
-- column: w65_plus | Over 65 | count
-- column: w78_plus | Over 78 | count
-- column: w104_plus | Over 104 | count
-- column: median_weeks | Median wait (weeks) | weeks
-- column: p92_weeks | 92nd centile (weeks) | weeks
-- footnote: Incomplete pathways at month end, all specialties; 65/78/104+ are blank for files whose bands stop at 52 weeks. Sorted by the 18-week share, lowest first.
SELECT r.org_code, r.org_name, r.waiting_list, r.pct_within_18_weeks AS pct_18w, t.target, r.over_52_weeks AS w52_plus,
       r.over_65_weeks AS w65_plus, r.over_78_weeks AS w78_plus, r.over_104_weeks AS w104_plus,
       r.median_wait_weeks AS median_weeks, r.p92_wait_weeks AS p92_weeks
  FROM nof.rtt_provider_monthly r
  LEFT JOIN nof.standard_performance t
         ON t.org_level = 'provider' AND t.org_code = r.org_code AND t.standard_code = 'rtt_18w' AND t.period = r.period AND t.breakdown = ''
 WHERE r.period = :period AND (:org IS NULL OR r.org_code = :org) AND (:region IS NULL OR r.region_code = :region)
   AND (:icb IS NULL OR r.org_code IN (SELECT i.org_code FROM nof.organisation_icb_month i WHERE i.icb_code = :icb AND i.period = :period))
 ORDER BY r.pct_within_18_weeks NULLS LAST, r.org_code
 LIMIT :limit;
