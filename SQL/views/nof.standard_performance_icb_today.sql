-- ICB figures restated on today's ICBs: every month's provider rows summed into the ICB each
-- trust (or the trust it later merged into) belongs to in the newest month known, so a trend
-- for NHS Essex (D7T5G) runs back before April 2026. The rows in force each month are the icb
-- rows of nof.standard_performance. Rates from summed numerators and denominators; standards
-- that cannot be summed (centiles, medians) and ambulance standards are left out.
CREATE VIEW nof.standard_performance_icb_today AS
WITH today AS (
    SELECT DISTINCT ON (org_code) org_code, icb_code
      FROM dw.organisation_icb_month
     ORDER BY org_code, period DESC
), rows AS (
    SELECT m.period, t.icb_code, m.standard_code, m.breakdown, m.org_code, m.numerator, m.denominator, m.value, s.aggregation
      FROM dw.mart_standard m
      JOIN dw.dim_standard s ON s.standard_code = m.standard_code
      LEFT JOIN dw.v_organisation_lineage l ON l.org_code = m.org_code
      JOIN today t ON t.org_code = coalesce(l.current_code, m.org_code)
     WHERE m.org_level = 'provider' AND s.dataset <> 'ambulance' AND s.aggregation IN ('pct', 'sum')
)
SELECT r.period, r.icb_code, i.icb_name, r.standard_code, st.name AS standard_name, r.breakdown, st.unit,
       sum(r.numerator) AS numerator, sum(r.denominator) AS denominator,
       CASE r.aggregation WHEN 'pct' THEN 100.0 * sum(r.numerator) / nullif(sum(r.denominator), 0) ELSE sum(r.value) END AS rate,
       count(*)::integer AS providers, count(r.value)::integer AS providers_reporting,
       array_agg(r.org_code ORDER BY r.org_code) AS trusts
  FROM rows r
  JOIN dw.dim_standard st ON st.standard_code = r.standard_code
  LEFT JOIN dw.icb i ON i.icb_code = r.icb_code
 GROUP BY r.period, r.icb_code, i.icb_name, r.standard_code, st.name, r.breakdown, st.unit, r.aggregation;
COMMENT ON VIEW nof.standard_performance_icb_today IS 'ICB performance restated on today''s ICBs: each month''s trusts (and predecessors, through their successor) summed into the ICB they belong to in the newest month known, so trends run across the April 2026 ICB mergers. The ICB rows in force each month are in nof.standard_performance (org_level icb). Grain: month x today''s ICB x standard x breakdown.';
COMMENT ON COLUMN nof.standard_performance_icb_today.period IS 'Month (first day).';
COMMENT ON COLUMN nof.standard_performance_icb_today.icb_code IS 'Today''s ICB (e.g. D7T5G).';
COMMENT ON COLUMN nof.standard_performance_icb_today.icb_name IS 'Its name.';
COMMENT ON COLUMN nof.standard_performance_icb_today.standard_code IS 'The standard (nof.standard; percentages and counts only).';
COMMENT ON COLUMN nof.standard_performance_icb_today.standard_name IS 'The standard in words.';
COMMENT ON COLUMN nof.standard_performance_icb_today.breakdown IS 'Breakdown, '''' for the headline figure.';
COMMENT ON COLUMN nof.standard_performance_icb_today.unit IS 'Unit of rate.';
COMMENT ON COLUMN nof.standard_performance_icb_today.numerator IS 'Summed numerator of the trusts that reported.';
COMMENT ON COLUMN nof.standard_performance_icb_today.denominator IS 'Summed denominator.';
COMMENT ON COLUMN nof.standard_performance_icb_today.rate IS 'Rate from the sums (never averaged).';
COMMENT ON COLUMN nof.standard_performance_icb_today.providers IS 'Trusts folded in that month.';
COMMENT ON COLUMN nof.standard_performance_icb_today.providers_reporting IS 'Of those, the ones with a value.';
COMMENT ON COLUMN nof.standard_performance_icb_today.trusts IS 'Their codes.';
