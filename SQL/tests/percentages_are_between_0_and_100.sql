-- rule: A percentage is between 0 and 100.
-- scope: periods
SELECT m.period, m.org_level, m.org_code, m.standard_code, m.breakdown, m.value
  FROM dw.mart_standard m
  JOIN dw.dim_standard s ON s.standard_code = m.standard_code
 WHERE s.unit = '%' AND (m.value < 0 OR m.value > 100)
   AND (:periods IS NULL OR m.period = ANY (:periods))
