-- rule: An ICB row's numerator and denominator are the sums of those of the trusts in that ICB that month (dw.organisation_icb_month), and no ambulance standard has ICB rows.
-- scope: periods
WITH members AS (
    SELECT m.period, om.icb_code, m.standard_code, m.breakdown, sum(m.numerator) AS numerator, sum(m.denominator) AS denominator
      FROM dw.mart_standard m
      JOIN dw.organisation_icb_month om ON om.org_code = m.org_code AND om.period = m.period
      JOIN dw.dim_standard s ON s.standard_code = m.standard_code
     WHERE m.org_level = 'provider' AND s.aggregation IN ('pct', 'sum') AND (:periods IS NULL OR m.period = ANY (:periods))
     GROUP BY m.period, om.icb_code, m.standard_code, m.breakdown
)
SELECT coalesce(i.period, p.period) AS period, coalesce(i.org_code, p.icb_code) AS icb_code,
       coalesce(i.standard_code, p.standard_code) AS standard_code, i.numerator AS icb_numerator, p.numerator AS trusts_numerator,
       i.denominator AS icb_denominator, p.denominator AS trusts_denominator
  FROM (SELECT m.* FROM dw.mart_standard m JOIN dw.dim_standard s ON s.standard_code = m.standard_code
         WHERE m.org_level = 'icb' AND s.aggregation IN ('pct', 'sum') AND (:periods IS NULL OR m.period = ANY (:periods))) i
  FULL JOIN members p ON p.period = i.period AND p.icb_code = i.org_code AND p.standard_code = i.standard_code AND p.breakdown = i.breakdown
 WHERE i.numerator IS DISTINCT FROM p.numerator OR i.denominator IS DISTINCT FROM p.denominator
UNION ALL
SELECT m.period, m.org_code, m.standard_code, m.numerator, NULL, m.denominator, NULL
  FROM dw.mart_standard m JOIN dw.dim_standard s ON s.standard_code = m.standard_code
 WHERE m.org_level = 'icb' AND s.dataset = 'ambulance'
