-- Quarterly figures for providers, regions and England. Provider rows come from
-- dw.v_standard_quarter_provider (whole quarters only). England and region rows are
-- like-for-like: made from the providers with a whole quarter (a site missing a month is left
-- out of the whole quarter), rates from summed numerators and denominators. Measures made
-- from weekly bands (RTT median, 92nd percentile) take the England or region value of the
-- quarter's last month, when all three months are loaded.
CREATE VIEW dw.v_standard_quarter AS
SELECT period, org_level, org_code, region_code, standard_code, breakdown, numerator, denominator, value, status,
       months, CASE WHEN status = 'reported' THEN 1 ELSE 0 END AS providers
  FROM dw.v_standard_quarter_provider
UNION ALL
SELECT p.period, lvl.org_level, lvl.org_code, lvl.region_code, p.standard_code, p.breakdown,
       sum(p.numerator), sum(p.denominator),
       CASE min(p.aggregation)
           WHEN 'pct' THEN 100.0 * sum(p.numerator) / nullif(sum(p.denominator), 0)
           WHEN 'mean' THEN sum(p.numerator) / nullif(sum(p.denominator), 0)
           WHEN 'published_mean' THEN sum(p.numerator) / nullif(sum(p.denominator), 0)
           WHEN 'sum' THEN sum(p.value)
       END,
       CASE WHEN count(p.value) > 0 THEN 'reported' ELSE 'incomplete_quarter' END,
       max(p.months), count(p.value)::integer
  FROM dw.v_standard_quarter_provider p
 CROSS JOIN LATERAL (VALUES ('england', 'ENG', NULL::text), ('region', p.region_code, p.region_code))
       AS lvl(org_level, org_code, region_code)
 WHERE p.aggregation IN ('pct', 'mean', 'published_mean', 'sum') AND lvl.org_code IS NOT NULL
 GROUP BY p.period, lvl.org_level, lvl.org_code, lvl.region_code, p.standard_code, p.breakdown
UNION ALL
SELECT m.quarter_start, m.org_level, m.org_code, max(m.region_code), m.standard_code, m.breakdown,
       max(m.numerator) FILTER (WHERE m.period = (m.quarter_start + interval '2 months')::date),
       max(m.denominator) FILTER (WHERE m.period = (m.quarter_start + interval '2 months')::date),
       CASE WHEN count(*) = 3 THEN max(m.value) FILTER (WHERE m.period = (m.quarter_start + interval '2 months')::date) END,
       CASE WHEN count(*) = 3 THEN 'reported' ELSE 'incomplete_quarter' END,
       count(*)::integer,
       max(m.providers) FILTER (WHERE m.period = (m.quarter_start + interval '2 months')::date)
  FROM dw.mart_standard m
  JOIN dw.dim_standard s ON s.standard_code = m.standard_code
 WHERE m.org_level IN ('england', 'region') AND s.aggregation = 'bands' AND s.quarter_method = 'last_month'
 GROUP BY m.quarter_start, m.org_level, m.org_code, m.standard_code, m.breakdown;
