-- rule: Every rate made from a numerator and a denominator equals them: 100 x numerator / denominator for percentages, numerator / denominator for means (published means are checked by ambulance_means_are_the_published_ones).
-- scope: periods
SELECT m.period, m.org_level, m.org_code, m.standard_code, m.breakdown, m.numerator, m.denominator, m.value,
       CASE s.aggregation WHEN 'pct' THEN 100 * m.numerator / m.denominator ELSE m.numerator / m.denominator END AS expected
  FROM dw.mart_standard m
  JOIN dw.dim_standard s ON s.standard_code = m.standard_code
 WHERE s.aggregation IN ('pct', 'mean') AND m.numerator IS NOT NULL AND m.denominator > 0
   AND (:periods IS NULL OR m.period = ANY (:periods))
   AND (m.value IS NULL
        OR abs(m.value - CASE s.aggregation WHEN 'pct' THEN 100 * m.numerator / m.denominator
                                            ELSE m.numerator / m.denominator END) > 1e-9)
