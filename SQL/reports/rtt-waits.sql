-- report: rtt-waits
-- title: Elective waiting list by provider
-- description: Elective waiting list by provider: size, 18-week share, 52/65/78/104+ week waits, median and 92nd-percentile wait.
-- param: period date
-- param: org text
-- param: region text
-- param: icb text
-- param: limit bigint
-- latest: SELECT max(period) FROM nof.data_coverage WHERE dataset = 'rtt'
-- highlight: org_code
-- section: Waiting list by provider
-- chart: bar label=org_code value=pct_18w better=higher unit=% axis=waiting_under_18_weeks
-- footnote: Incomplete pathways at month end, all specialties; 65/78/104+ are blank for files whose bands stop at 52 weeks.
SELECT org_code, org_name, waiting_list, pct_within_18_weeks AS pct_18w, over_52_weeks AS w52_plus,
       over_65_weeks AS w65_plus, over_78_weeks AS w78_plus, over_104_weeks AS w104_plus,
       median_wait_weeks AS median_weeks, p92_wait_weeks AS p92_weeks
  FROM nof.rtt_provider_monthly
 WHERE period = :period AND (:org IS NULL OR org_code = :org) AND (:region IS NULL OR region_code = :region)
   AND (:icb IS NULL OR org_code IN (SELECT i.org_code FROM nof.organisation_icb_month i WHERE i.icb_code = :icb AND i.period = :period))
 ORDER BY waiting_list DESC NULLS LAST, org_code
 LIMIT :limit;
