-- Quarterly figures from the monthly mart: flows pooled over the months (rates from summed
-- numerators and denominators), month-end snapshots from the quarter's last month.
CREATE VIEW dw.v_standard_quarter AS
WITH m AS (
    SELECT m.*, s.aggregation, s.quarter_method,
           (m.period = (m.quarter_start + interval '2 months')::date) AS is_last_month
      FROM dw.mart_standard m
      JOIN dw.dim_standard s ON s.standard_code = m.standard_code
     WHERE s.quarter_method <> 'none'
)
SELECT quarter_start AS period, org_level, org_code, max(region_code) AS region_code, standard_code, breakdown,
       CASE quarter_method WHEN 'last_month' THEN max(numerator) FILTER (WHERE is_last_month) ELSE sum(numerator) END AS numerator,
       CASE quarter_method WHEN 'last_month' THEN max(denominator) FILTER (WHERE is_last_month) ELSE sum(denominator) END AS denominator,
       CASE WHEN quarter_method = 'last_month' THEN max(value) FILTER (WHERE is_last_month)
            WHEN aggregation = 'pct' THEN 100.0 * sum(numerator) / nullif(sum(denominator), 0)
            WHEN aggregation = 'mean' THEN sum(numerator) / nullif(sum(denominator), 0)
            WHEN aggregation = 'sum' THEN sum(value)
       END AS value,
       CASE WHEN bool_or(status = 'reported' AND (quarter_method <> 'last_month' OR is_last_month)) THEN 'reported'
            WHEN bool_or(status = 'not_reported_field_test') THEN 'not_reported_field_test'
            ELSE 'not_submitted' END AS status,
       count(*)::integer AS months
  FROM m
 GROUP BY quarter_start, org_level, org_code, standard_code, breakdown, quarter_method, aggregation
HAVING quarter_method <> 'last_month' OR bool_or(is_last_month);
