CREATE VIEW nof.standard_performance AS
SELECT m.period, p.month_name AS period_label, m.org_level, m.org_code,
       CASE m.org_level WHEN 'england' THEN 'England' WHEN 'region' THEN r.region_name WHEN 'icb' THEN i.icb_name ELSE o.org_name END AS org_name,
       m.region_code, rr.region_name, m.standard_code, s.name AS standard_name, m.breakdown, s.unit,
       m.numerator, m.denominator, m.value AS rate,
       t.constitutional AS constitutional_standard, t.interim AS interim_target,
       t.target, t.target_kind, dw.meets(m.value, t.target, t.comparator) AS met,
       m.status, m.providers,
       CASE m.org_level WHEN 'provider' THEN CASE WHEN m.value IS NULL THEN 0 ELSE 1 END ELSE c.providers_reporting END AS providers_reporting,
       CASE m.org_level WHEN 'provider' THEN 1 ELSE c.providers_expected END AS providers_expected,
       CASE m.org_level WHEN 'provider' THEN CASE WHEN m.value IS NULL THEN 'not_reported' ELSE 'complete' END
            ELSE c.coverage_status END AS coverage_status,
       CASE WHEN m.org_level <> 'provider' THEN c.coverage_basis END AS coverage_basis
  FROM dw.mart_standard m
  JOIN dw.dim_standard s ON s.standard_code = m.standard_code
  JOIN dw.dim_period p ON p.period = m.period
  LEFT JOIN dw.dim_organisation o ON o.org_code = m.org_code AND m.org_level = 'provider'
  LEFT JOIN dw.dim_region r ON r.region_code = m.org_code AND m.org_level = 'region'
  LEFT JOIN dw.icb i ON i.icb_code = m.org_code AND m.org_level = 'icb'
  LEFT JOIN dw.dim_region rr ON rr.region_code = m.region_code
  LEFT JOIN dw.v_target_in_force t ON t.standard_code = m.standard_code AND t.period = m.period
  -- Coverage for the aggregate rows only, looked up row by row by its key (OFFSET 0 keeps it a
  -- per-row lookup: joined as a whole, the planner computed every month's coverage to answer
  -- one month, e.g. the grain rule run inside each load: 70 ms -> 25 ms at ten years).
  LEFT JOIN LATERAL (
        SELECT c.providers_reporting, c.providers_expected, c.coverage_status, c.coverage_basis
          FROM dw.v_standard_coverage c
         WHERE m.org_level <> 'provider' AND c.period = m.period AND c.org_level = m.org_level AND c.org_code = m.org_code
           AND c.standard_code = m.standard_code AND c.breakdown = m.breakdown
        OFFSET 0) c ON true;
COMMENT ON VIEW nof.standard_performance IS 'Performance against each operational standard by month: providers, ICBs, NHS regions and England. England, region and ICB rows are computed from providers (an ICB from the trusts in it that month, per the ODS files; ambulance standards have no ICB rows) (rates from summed numerators and denominators, never averaged; A&E field-test sites excluded from four-hour figures), except ambulance means and centiles, which are the ones AmbSYS publishes. Every aggregate says how complete it is (providers_reporting, providers_expected, coverage_status): an England row from one trust is partial, not England. Grain: month x organisation x standard x breakdown.';
COMMENT ON COLUMN nof.standard_performance.period IS 'Month (first day).';
COMMENT ON COLUMN nof.standard_performance.period_label IS 'Month and year, e.g. May 2019.';
COMMENT ON COLUMN nof.standard_performance.org_level IS 'provider, icb, region or england.';
COMMENT ON COLUMN nof.standard_performance.org_code IS 'Provider ODS code, ICB code (e.g. QVV), region code (Y56-Y63) or ENG.';
COMMENT ON COLUMN nof.standard_performance.org_name IS 'Provider, ICB, region or England.';
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
COMMENT ON COLUMN nof.standard_performance.providers IS 'For region and England rows: how many providers contributed (the same as providers_reporting).';
COMMENT ON COLUMN nof.standard_performance.providers_reporting IS 'Providers the figure is made from (with a value); 1 or 0 on a provider row.';
COMMENT ON COLUMN nof.standard_performance.providers_expected IS 'Providers expected: where the file''s own total was checked (A&E TOTAL row, AmbSYS England row), the providers present; else the most present in the dataset''s months within six months either side, and at least the acute trusts the reference says submit it. 1 on a provider row.';
COMMENT ON COLUMN nof.standard_performance.coverage_basis IS 'What providers_expected rests on: file total, neighbouring months or organisation reference (aggregates only).';
COMMENT ON COLUMN nof.standard_performance.coverage_status IS 'complete; partial (fewer than 95% of the expected providers present, or England from fewer than 10 providers, never complete); unknown (nothing to compare with); not_reported (no value).';
