CREATE VIEW nof.standard_performance_quarterly AS
SELECT q.period, p.quarter_code, p.quarter_label, q.org_level, q.org_code,
       CASE q.org_level WHEN 'england' THEN 'England' WHEN 'region' THEN r.region_name ELSE o.org_name END AS org_name,
       q.region_code, q.standard_code, s.name AS standard_name, q.breakdown, s.unit,
       q.numerator, q.denominator, q.value AS rate,
       t.target, t.target_kind, dw.meets(q.value, t.target, t.comparator) AS met,
       q.status, q.months, q.providers,
       CASE q.org_level WHEN 'provider' THEN 1 ELSE c.providers_expected END AS providers_expected,
       CASE WHEN q.org_level = 'provider' THEN CASE WHEN q.value IS NULL THEN 'not_reported' ELSE 'complete' END
            WHEN q.value IS NULL OR coalesce(q.providers, 0) = 0 THEN 'not_reported'
            WHEN q.org_level = 'england' AND q.providers < 10 THEN 'partial'
            WHEN c.providers_expected IS NULL THEN 'unknown'
            WHEN q.providers >= 0.95 * c.providers_expected THEN 'complete'
            ELSE 'partial' END AS coverage_status,
       q.like_for_like_value AS like_for_like_rate, q.like_for_like_providers
  FROM dw.v_standard_quarter q
  JOIN dw.dim_standard s ON s.standard_code = q.standard_code
  JOIN dw.dim_period p ON p.period = q.period
  LEFT JOIN dw.dim_organisation o ON o.org_code = q.org_code AND q.org_level = 'provider'
  LEFT JOIN dw.dim_region r ON r.region_code = q.org_code AND q.org_level = 'region'
  LEFT JOIN dw.v_target_in_force t
         ON t.standard_code = q.standard_code AND t.period = (q.period + interval '2 months')::date
  LEFT JOIN LATERAL (
        SELECT max(c.providers_expected) AS providers_expected FROM dw.v_standard_coverage c
         WHERE q.org_level <> 'provider' AND c.org_level = q.org_level AND c.org_code = q.org_code
           AND c.standard_code = q.standard_code AND c.breakdown = q.breakdown
           AND c.period >= q.period AND c.period < (q.period + interval '3 months')::date) c ON true;
COMMENT ON VIEW nof.standard_performance_quarterly IS 'Performance against each standard by NHS financial quarter, from whole quarters only: a provider''s quarter needs all three months reported (else NULL, with the reason in status). Flows (A&E, cancer, ambulance means) pool the three months'' numerators and denominators; month-end snapshots (RTT, DM01) use the quarter''s last month; centiles have no quarterly figure. England and region rows are made as NHS England publishes quarters: from the three published months (every provider reporting in any month counts); like_for_like_rate beside them counts only providers with a whole quarter. Grain: quarter x organisation x standard x breakdown.';
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
COMMENT ON COLUMN nof.standard_performance_quarterly.status IS 'reported; or why there is no value: not_reported_field_test (an A&E field-test month in the quarter), not_submitted (a month published without the figure), incomplete_quarter (a month not loaded, or the provider absent from it).';
COMMENT ON COLUMN nof.standard_performance_quarterly.months IS 'Months of the quarter loaded for this organisation (England and regions: the published months).';
COMMENT ON COLUMN nof.standard_performance_quarterly.providers IS 'England and regions: providers reporting in the quarter''s thinnest month; 1 or 0 for a provider row.';
COMMENT ON COLUMN nof.standard_performance_quarterly.providers_expected IS 'Providers expected (the most any month of the quarter expects, see nof.standard_performance); 1 on a provider row.';
COMMENT ON COLUMN nof.standard_performance_quarterly.coverage_status IS 'complete; partial (under 95% of the expected providers have a whole quarter, or England from fewer than 10); unknown; not_reported.';
COMMENT ON COLUMN nof.standard_performance_quarterly.like_for_like_rate IS 'England and regions: the rate from the providers that reported all three months only (like for like between quarters); rate is the sum of the three published months, as NHS England publishes quarters. Providers: the same as rate.';
COMMENT ON COLUMN nof.standard_performance_quarterly.like_for_like_providers IS 'Providers in the like-for-like rate.';
