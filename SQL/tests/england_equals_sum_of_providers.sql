-- rule: England's numerator and denominator equal the sums of its providers' (rates are never averaged).
-- scope: periods
WITH providers AS (
    SELECT period, standard_code, breakdown, sum(numerator) AS numerator, sum(denominator) AS denominator
      FROM dw.mart_standard
     WHERE org_level = 'provider' AND (:periods IS NULL OR period = ANY (:periods))
     GROUP BY period, standard_code, breakdown
)
SELECT e.period, e.standard_code, e.breakdown, e.numerator, p.numerator AS providers_numerator,
       e.denominator, p.denominator AS providers_denominator
  FROM dw.mart_standard e
  JOIN dw.dim_standard s ON s.standard_code = e.standard_code AND s.aggregation IN ('pct', 'mean', 'sum')
  JOIN providers p ON p.period = e.period AND p.standard_code = e.standard_code AND p.breakdown = e.breakdown
 WHERE e.org_level = 'england' AND (:periods IS NULL OR e.period = ANY (:periods))
   AND (e.numerator IS DISTINCT FROM p.numerator OR e.denominator IS DISTINCT FROM p.denominator)
