-- rule: England's quarterly rate for a flow (A&E, cancer, ambulance means) is made from the three published months' summed numerators and denominators, as NHS England publishes quarters; the like-for-like rate is a column of its own.
WITH months AS (
    SELECT s.quarter_start, s.standard_code, sum(s.numerator) AS numerator, sum(s.denominator) AS denominator, count(*) AS months
      FROM dw.mart_standard s
      JOIN dw.dim_standard d ON d.standard_code = s.standard_code
     WHERE s.org_level = 'england' AND s.breakdown = '' AND d.aggregation = 'pct' AND d.quarter_method = 'pooled'
     GROUP BY s.quarter_start, s.standard_code
    HAVING count(*) = 3 AND count(s.value) = 3
)
SELECT q.period, q.standard_code, q.rate, 100.0 * m.numerator / nullif(m.denominator, 0) AS from_months
  FROM nof.standard_performance_quarterly q
  JOIN months m ON m.quarter_start = q.period AND m.standard_code = q.standard_code
 WHERE q.org_level = 'england' AND q.breakdown = ''
   AND abs(q.rate - 100.0 * m.numerator / nullif(m.denominator, 0)) > 0.0001
