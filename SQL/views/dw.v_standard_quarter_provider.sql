-- Quarterly figures per provider, from the monthly mart, only from whole quarters: a value
-- needs all three months of the quarter reported for that measure. Flows pool the months
-- (rates from summed numerators and denominators); month-end snapshots (waiting lists) take
-- the quarter's last month. Otherwise the value, numerator and denominator are NULL and the
-- status says why: not_reported_field_test (an A&E field-test month), not_submitted (a month
-- published without the figure), incomplete_quarter (a month missing: not loaded, or the
-- provider absent from that month's file).
CREATE VIEW dw.v_standard_quarter_provider AS
WITH months AS (
    SELECT m.quarter_start, m.org_code, m.region_code, m.standard_code, m.breakdown, m.numerator, m.denominator,
           m.value, m.status, s.aggregation, s.quarter_method,
           (m.period = (m.quarter_start + interval '2 months')::date) AS is_last_month
      FROM dw.mart_standard m
      JOIN dw.dim_standard s ON s.standard_code = m.standard_code
     WHERE m.org_level = 'provider' AND s.quarter_method <> 'none'
), grouped AS (
    SELECT quarter_start AS period, org_code, max(region_code) AS region_code, standard_code, breakdown,
           aggregation, quarter_method,
           count(*)::integer AS months,
           count(*) FILTER (WHERE status = 'reported' AND value IS NOT NULL)::integer AS months_reported,
           bool_or(status = 'not_reported_field_test') AS field_test,
           bool_or(status = 'not_submitted') AS not_submitted,
           CASE quarter_method WHEN 'last_month' THEN max(numerator) FILTER (WHERE is_last_month) ELSE sum(numerator) END AS numerator,
           CASE quarter_method WHEN 'last_month' THEN max(denominator) FILTER (WHERE is_last_month) ELSE sum(denominator) END AS denominator,
           CASE WHEN quarter_method = 'last_month' THEN max(value) FILTER (WHERE is_last_month)
                WHEN aggregation = 'pct' THEN 100.0 * sum(numerator) / nullif(sum(denominator), 0)
                WHEN aggregation IN ('mean', 'published_mean') THEN sum(numerator) / nullif(sum(denominator), 0)
                WHEN aggregation = 'sum' THEN sum(value)
           END AS value
      FROM months
     GROUP BY quarter_start, org_code, standard_code, breakdown, aggregation, quarter_method
)
SELECT period, 'provider'::text AS org_level, org_code, region_code, standard_code, breakdown, aggregation,
       CASE WHEN months_reported = 3 THEN numerator END AS numerator,
       CASE WHEN months_reported = 3 THEN denominator END AS denominator,
       CASE WHEN months_reported = 3 THEN value END AS value,
       CASE WHEN months_reported = 3 THEN 'reported'
            WHEN field_test THEN 'not_reported_field_test'
            WHEN not_submitted THEN 'not_submitted'
            ELSE 'incomplete_quarter' END AS status,
       months
  FROM grouped;
