-- rule: The regions' numerators and denominators add up to no more than England's (a provider is in at most one region).
-- scope: periods
SELECT r.period, r.standard_code, r.breakdown, sum(r.numerator) AS regions_numerator, e.numerator AS england_numerator,
       sum(r.denominator) AS regions_denominator, e.denominator AS england_denominator
  FROM dw.mart_standard r
  JOIN dw.mart_standard e
    ON e.period = r.period AND e.standard_code = r.standard_code AND e.breakdown = r.breakdown AND e.org_level = 'england'
 WHERE r.org_level = 'region' AND (:periods IS NULL OR r.period = ANY (:periods))
 GROUP BY r.period, r.standard_code, r.breakdown, e.numerator, e.denominator
HAVING sum(r.numerator) > e.numerator + 1e-6 OR sum(r.denominator) > e.denominator + 1e-6
