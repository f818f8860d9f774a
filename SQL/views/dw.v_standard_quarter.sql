-- Quarterly figures for providers, regions and England. Provider rows come from
-- dw.v_standard_quarter_provider (whole quarters only). England and region rows are made as
-- NHS England publishes its quarterly figures: from the three published months (rates from
-- the months' summed numerators and denominators, so every provider reporting in any month
-- counts; month-end snapshots take the quarter's last month); a quarter missing a month has no
-- value. Beside them, the like-for-like figure: made from the providers with a whole quarter
-- only (a site missing a month is left out of all three), the basis of comparisons between
-- quarters. Measures made from weekly bands (RTT median, 92nd percentile) take the England or
-- region value of the quarter's last month, when all three months are loaded.
CREATE VIEW dw.v_standard_quarter AS
WITH like_for_like AS (
    SELECT p.period, lvl.org_level, lvl.org_code, p.standard_code, p.breakdown,
           CASE min(p.aggregation)
               WHEN 'pct' THEN 100.0 * sum(p.numerator) / nullif(sum(p.denominator), 0)
               WHEN 'mean' THEN sum(p.numerator) / nullif(sum(p.denominator), 0)
               WHEN 'published_mean' THEN sum(p.numerator) / nullif(sum(p.denominator), 0)
               WHEN 'sum' THEN sum(p.value)
           END AS value,
           count(p.value)::integer AS providers
      FROM dw.v_standard_quarter_provider p
     CROSS JOIN LATERAL (VALUES ('england', 'ENG'), ('region', p.region_code)) AS lvl(org_level, org_code)
     WHERE p.aggregation IN ('pct', 'mean', 'published_mean', 'sum') AND lvl.org_code IS NOT NULL
     GROUP BY p.period, lvl.org_level, lvl.org_code, p.standard_code, p.breakdown
), published AS (
    SELECT m.quarter_start AS period, m.org_level, m.org_code, max(m.region_code) AS region_code, m.standard_code, m.breakdown,
           s.aggregation, s.quarter_method, count(*)::integer AS months, count(m.value)::integer AS months_with_value,
           CASE WHEN s.quarter_method = 'last_month' THEN max(m.numerator) FILTER (WHERE m.period = (m.quarter_start + interval '2 months')::date)
                ELSE sum(m.numerator) END AS numerator,
           CASE WHEN s.quarter_method = 'last_month' THEN max(m.denominator) FILTER (WHERE m.period = (m.quarter_start + interval '2 months')::date)
                ELSE sum(m.denominator) END AS denominator,
           CASE WHEN s.quarter_method = 'last_month' THEN max(m.value) FILTER (WHERE m.period = (m.quarter_start + interval '2 months')::date)
                WHEN s.aggregation = 'pct' THEN 100.0 * sum(m.numerator) / nullif(sum(m.denominator), 0)
                WHEN s.aggregation IN ('mean', 'published_mean') THEN sum(m.numerator) / nullif(sum(m.denominator), 0)
                WHEN s.aggregation = 'sum' THEN sum(m.value)
           END AS value,
           min(m.providers) AS providers
      FROM dw.mart_standard m
      JOIN dw.dim_standard s ON s.standard_code = m.standard_code
     WHERE m.org_level IN ('england', 'region') AND s.aggregation IN ('pct', 'mean', 'published_mean', 'sum')
       AND s.quarter_method <> 'none'
     GROUP BY m.quarter_start, m.org_level, m.org_code, m.standard_code, m.breakdown, s.aggregation, s.quarter_method
)
SELECT period, org_level, org_code, region_code, standard_code, breakdown, numerator, denominator, value, status,
       months, CASE WHEN status = 'reported' THEN 1 ELSE 0 END AS providers, value AS like_for_like_value,
       CASE WHEN status = 'reported' THEN 1 ELSE 0 END AS like_for_like_providers
  FROM dw.v_standard_quarter_provider
UNION ALL
SELECT p.period, p.org_level, p.org_code, p.region_code, p.standard_code, p.breakdown,
       CASE WHEN p.months = 3 THEN p.numerator END, CASE WHEN p.months = 3 THEN p.denominator END,
       CASE WHEN p.months = 3 AND p.months_with_value = 3 THEN p.value END,
       CASE WHEN p.months = 3 AND p.months_with_value = 3 THEN 'reported' ELSE 'incomplete_quarter' END,
       p.months, p.providers, l.value, l.providers
  FROM published p
  LEFT JOIN like_for_like l ON l.period = p.period AND l.org_level = p.org_level AND l.org_code = p.org_code
                           AND l.standard_code = p.standard_code AND l.breakdown = p.breakdown
UNION ALL
SELECT m.quarter_start, m.org_level, m.org_code, max(m.region_code), m.standard_code, m.breakdown,
       max(m.numerator) FILTER (WHERE m.period = (m.quarter_start + interval '2 months')::date),
       max(m.denominator) FILTER (WHERE m.period = (m.quarter_start + interval '2 months')::date),
       CASE WHEN count(*) = 3 THEN max(m.value) FILTER (WHERE m.period = (m.quarter_start + interval '2 months')::date) END,
       CASE WHEN count(*) = 3 THEN 'reported' ELSE 'incomplete_quarter' END,
       count(*)::integer,
       max(m.providers) FILTER (WHERE m.period = (m.quarter_start + interval '2 months')::date),
       NULL::numeric, NULL::integer
  FROM dw.mart_standard m
  JOIN dw.dim_standard s ON s.standard_code = m.standard_code
 WHERE m.org_level IN ('england', 'region') AND s.aggregation = 'bands' AND s.quarter_method = 'last_month'
 GROUP BY m.quarter_start, m.org_level, m.org_code, m.standard_code, m.breakdown;
