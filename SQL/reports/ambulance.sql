-- report: ambulance
-- title: Ambulance response times
-- description: Ambulance response times by trust (minutes) against the Ambulance Response Programme standards.
-- param: period date
-- param: org text
-- param: region text
-- latest: SELECT max(period) FROM nof.data_coverage WHERE dataset = 'ambulance'
-- highlight: org_code
-- section: Response times by trust
-- chart: bar label=org_code value=c2_mean better=lower unit=minutes axis=category_2_mean_response
-- footnote: Standards: C1 mean 7, 90th 15; C2 mean 18 (interim targets apply in some years), 90th 40; C3 90th 120; C4 90th 180 minutes.
SELECT org_code, org_name,
       round(max(rate) FILTER (WHERE standard_code = 'amb_c1_mean'), 1) AS c1_mean,
       round(max(rate) FILTER (WHERE standard_code = 'amb_c1_p90'), 1) AS c1_p90,
       round(max(rate) FILTER (WHERE standard_code = 'amb_c2_mean'), 1) AS c2_mean,
       max(target) FILTER (WHERE standard_code = 'amb_c2_mean') AS c2_target,
       round(max(rate) FILTER (WHERE standard_code = 'amb_c2_p90'), 1) AS c2_p90,
       round(max(rate) FILTER (WHERE standard_code = 'amb_c3_p90'), 1) AS c3_p90,
       round(max(rate) FILTER (WHERE standard_code = 'amb_c4_p90'), 1) AS c4_p90
  FROM nof.standard_performance
 WHERE standard_code LIKE 'amb_%' AND period = :period
   AND (org_level = 'provider' OR (org_level = 'england' AND :org IS NULL AND :region IS NULL))
   AND (:org IS NULL OR org_code = :org) AND (:region IS NULL OR region_code = :region)
 GROUP BY org_level, org_code, org_name
 ORDER BY org_level = 'england', org_code;
