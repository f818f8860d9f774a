-- rule: The standards mart holds one row per month, standard, organisation level, organisation and breakdown.
-- scope: periods
SELECT period, standard_code, org_level, org_code, breakdown, count(*) AS rows
  FROM dw.mart_standard
 WHERE :periods IS NULL OR period = ANY (:periods)
 GROUP BY period, standard_code, org_level, org_code, breakdown
HAVING count(*) > 1
