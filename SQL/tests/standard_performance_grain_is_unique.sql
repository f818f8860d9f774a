-- rule: nof.standard_performance has one row per month, organisation level, organisation, standard and breakdown (no join fans out).
-- scope: periods
SELECT period, org_level, org_code, standard_code, breakdown, count(*) AS rows
  FROM nof.standard_performance
 WHERE :periods IS NULL OR period = ANY (:periods)
 GROUP BY period, org_level, org_code, standard_code, breakdown
HAVING count(*) > 1
