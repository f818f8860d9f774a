-- Standards performance: one long, BI-friendly view per grain (month, quarter).

-- The one target each month is judged against: the interim planning target when there is
-- one, else the constitutional standard (with its comparator). Both grains read it.
DROP VIEW IF EXISTS dw.v_target_in_force CASCADE;
CREATE VIEW dw.v_target_in_force AS
SELECT standard_code, period, constitutional, interim,
       coalesce(interim, constitutional) AS target,
       CASE WHEN interim IS NOT NULL THEN 'interim' WHEN constitutional IS NOT NULL THEN 'constitutional' END AS target_kind,
       CASE WHEN interim IS NOT NULL THEN interim_comparator ELSE constitutional_comparator END AS comparator
  FROM dw.standard_target_month;

CREATE VIEW nof.standard_performance AS
SELECT m.period, p.month_name AS period_label, m.org_level, m.org_code,
       CASE m.org_level WHEN 'england' THEN 'England' WHEN 'region' THEN r.region_name ELSE o.org_name END AS org_name,
       m.region_code, rr.region_name, m.standard_code, s.name AS standard_name, m.breakdown, s.unit,
       m.numerator, m.denominator, m.value AS rate,
       t.constitutional AS constitutional_standard, t.interim AS interim_target,
       t.target, t.target_kind, dw.meets(m.value, t.target, t.comparator) AS met,
       m.status, m.providers
  FROM dw.mart_standard m
  JOIN dw.dim_standard s ON s.standard_code = m.standard_code
  JOIN dw.dim_period p ON p.period = m.period
  LEFT JOIN dw.dim_organisation o ON o.org_code = m.org_code AND m.org_level = 'provider'
  LEFT JOIN dw.dim_region r ON r.region_code = m.org_code AND m.org_level = 'region'
  LEFT JOIN dw.dim_region rr ON rr.region_code = m.region_code
  LEFT JOIN dw.v_target_in_force t ON t.standard_code = m.standard_code AND t.period = m.period;
COMMENT ON VIEW nof.standard_performance IS 'Performance against each operational standard by month: providers, NHS regions and England. England and region rows are computed from providers (rates from summed numerators and denominators, never averaged; A&E field-test sites excluded from four-hour figures). Grain: month x organisation x standard x breakdown.';
COMMENT ON COLUMN nof.standard_performance.period IS 'Month (first day).';
COMMENT ON COLUMN nof.standard_performance.period_label IS 'Month and year, e.g. May 2019.';
COMMENT ON COLUMN nof.standard_performance.org_level IS 'provider, region or england.';
COMMENT ON COLUMN nof.standard_performance.org_code IS 'Provider ODS code, region code (Y56-Y63) or ENG.';
COMMENT ON COLUMN nof.standard_performance.org_name IS 'Provider, region or England.';
COMMENT ON COLUMN nof.standard_performance.region_code IS 'Region of the provider (or the region itself).';
COMMENT ON COLUMN nof.standard_performance.region_name IS 'Name of that region.';
COMMENT ON COLUMN nof.standard_performance.standard_code IS 'Standard (see nof.standard).';
COMMENT ON COLUMN nof.standard_performance.standard_name IS 'Standard in words.';
COMMENT ON COLUMN nof.standard_performance.breakdown IS 'Empty for the headline; for diagnostics, the test name.';
COMMENT ON COLUMN nof.standard_performance.unit IS 'Unit of rate: %, minutes, weeks or count.';
COMMENT ON COLUMN nof.standard_performance.numerator IS 'Numerator (e.g. attendances within 4 hours; for means, total minutes); NULL when not reported.';
COMMENT ON COLUMN nof.standard_performance.denominator IS 'Denominator (e.g. attendances; for means, incidents); NULL when not reported.';
COMMENT ON COLUMN nof.standard_performance.rate IS 'The measure in its unit: a percentage for % standards, otherwise minutes, weeks or a count. NULL when not reported.';
COMMENT ON COLUMN nof.standard_performance.constitutional_standard IS 'The constitutional standard in force that month, if any.';
COMMENT ON COLUMN nof.standard_performance.interim_target IS 'The interim planning target in force that month, if any.';
COMMENT ON COLUMN nof.standard_performance.target IS 'The target in force: the interim target when there is one, else the constitutional standard.';
COMMENT ON COLUMN nof.standard_performance.target_kind IS 'interim or constitutional: which one target is.';
COMMENT ON COLUMN nof.standard_performance.met IS 'Whether rate meets target; NULL when either is missing.';
COMMENT ON COLUMN nof.standard_performance.status IS 'reported, not_reported_field_test (A&E four-hour field-test site) or not_submitted.';
COMMENT ON COLUMN nof.standard_performance.providers IS 'For region and England rows: how many providers contributed.';

CREATE VIEW nof.standard_performance_quarterly AS
SELECT q.period, p.quarter_code, p.quarter_label, q.org_level, q.org_code,
       CASE q.org_level WHEN 'england' THEN 'England' WHEN 'region' THEN r.region_name ELSE o.org_name END AS org_name,
       q.region_code, q.standard_code, s.name AS standard_name, q.breakdown, s.unit,
       q.numerator, q.denominator, q.value AS rate,
       t.target, t.target_kind, dw.meets(q.value, t.target, t.comparator) AS met,
       q.status, q.months
  FROM dw.v_standard_quarter q
  JOIN dw.dim_standard s ON s.standard_code = q.standard_code
  JOIN dw.dim_period p ON p.period = q.period
  LEFT JOIN dw.dim_organisation o ON o.org_code = q.org_code AND q.org_level = 'provider'
  LEFT JOIN dw.dim_region r ON r.region_code = q.org_code AND q.org_level = 'region'
  LEFT JOIN dw.v_target_in_force t
         ON t.standard_code = q.standard_code AND t.period = (q.period + interval '2 months')::date;
COMMENT ON VIEW nof.standard_performance_quarterly IS 'Performance against each standard by NHS financial quarter. Flows (A&E, cancer, ambulance means) pool the three months'' numerators and denominators; month-end snapshots (RTT, DM01) use the quarter''s last month; centiles have no quarterly figure. Grain: quarter x organisation x standard x breakdown.';
COMMENT ON COLUMN nof.standard_performance_quarterly.period IS 'First day of the quarter.';
COMMENT ON COLUMN nof.standard_performance_quarterly.quarter_code IS 'Quarter, e.g. 2024-Q3.';
COMMENT ON COLUMN nof.standard_performance_quarterly.quarter_label IS 'Quarter as NOF writes it, e.g. Q3 2024/25.';
COMMENT ON COLUMN nof.standard_performance_quarterly.org_level IS 'provider, region or england.';
COMMENT ON COLUMN nof.standard_performance_quarterly.org_code IS 'Provider ODS code, region code or ENG.';
COMMENT ON COLUMN nof.standard_performance_quarterly.org_name IS 'Provider, region or England.';
COMMENT ON COLUMN nof.standard_performance_quarterly.region_code IS 'Region of the provider (or the region itself).';
COMMENT ON COLUMN nof.standard_performance_quarterly.standard_code IS 'Standard (see nof.standard).';
COMMENT ON COLUMN nof.standard_performance_quarterly.standard_name IS 'Standard in words.';
COMMENT ON COLUMN nof.standard_performance_quarterly.breakdown IS 'Empty for the headline; for diagnostics, the test name.';
COMMENT ON COLUMN nof.standard_performance_quarterly.unit IS 'Unit of rate.';
COMMENT ON COLUMN nof.standard_performance_quarterly.numerator IS 'Summed numerator (pooled) or the last month''s.';
COMMENT ON COLUMN nof.standard_performance_quarterly.denominator IS 'Summed denominator (pooled) or the last month''s.';
COMMENT ON COLUMN nof.standard_performance_quarterly.rate IS 'The measure in its unit for the quarter.';
COMMENT ON COLUMN nof.standard_performance_quarterly.target IS 'Target in force in the quarter''s last month (interim, else constitutional).';
COMMENT ON COLUMN nof.standard_performance_quarterly.target_kind IS 'interim or constitutional.';
COMMENT ON COLUMN nof.standard_performance_quarterly.met IS 'Whether rate meets target; NULL when either is missing.';
COMMENT ON COLUMN nof.standard_performance_quarterly.status IS 'reported, not_reported_field_test or not_submitted.';
COMMENT ON COLUMN nof.standard_performance_quarterly.months IS 'Months of the quarter loaded for this row.';
