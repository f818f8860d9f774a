-- report: ambulance
-- title: Ambulance response times
-- description: Ambulance response times by trust (m:ss) against the Ambulance Response Programme standards, slowest Category 2 mean first, England last, charted with the Category 2 target.
-- param: period date
-- param: org text
-- param: region text
-- latest: SELECT max(period) FROM nof.data_coverage WHERE dataset = 'ambulance'
-- highlight: org_code
-- section: Response times by trust
-- chart: bar label=org_name value=c2_mean better=lower unit=minutes target=c2_target code=org_code axis=category_2_mean_response
-- column: org_code | Code
-- column: org_name | Trust
-- column: c1_mean | Cat 1 mean | minutes
-- column: c1_p90 | Cat 1 90th | minutes
-- column: c2_mean | Cat 2 mean | minutes
-- column: c2_target | Cat 2 target | minutes
-- column: c2_p90 | Cat 2 90th | minutes
-- column: c3_p90 | Cat 3 90th | minutes
-- column: c4_p90 | Cat 4 90th | minutes
-- footnote: Minutes and seconds from the call to the response; lower is better. Sorted by the Category 2 mean, slowest first; England last. Standards: C1 mean 7, 90th 15; C2 mean 18 (interim targets apply in some years), 90th 40; C3 90th 120; C4 90th 180 minutes.
SELECT org_code, org_name,
       round(max(rate) FILTER (WHERE standard_code = 'amb_c1_mean'), 2) AS c1_mean,
       round(max(rate) FILTER (WHERE standard_code = 'amb_c1_p90'), 2) AS c1_p90,
       round(max(rate) FILTER (WHERE standard_code = 'amb_c2_mean'), 2) AS c2_mean,
       max(target) FILTER (WHERE standard_code = 'amb_c2_mean') AS c2_target,
       round(max(rate) FILTER (WHERE standard_code = 'amb_c2_p90'), 2) AS c2_p90,
       round(max(rate) FILTER (WHERE standard_code = 'amb_c3_p90'), 2) AS c3_p90,
       round(max(rate) FILTER (WHERE standard_code = 'amb_c4_p90'), 2) AS c4_p90
  FROM nof.standard_performance
 WHERE standard_code LIKE 'amb_%' AND period = :period
   AND (org_level = 'provider' OR (org_level = 'england' AND :org IS NULL AND :region IS NULL))
   AND (:org IS NULL OR org_code = :org) AND (:region IS NULL OR region_code = :region)
 GROUP BY org_level, org_code, org_name
 ORDER BY org_level = 'england', max(rate) FILTER (WHERE standard_code = 'amb_c2_mean') DESC NULLS LAST, org_code;
