-- Provider performance restated on today's organisations: for every month, the numerators and
-- denominators of a trust and of every predecessor that merged into it (chains followed, see
-- dw.v_organisation_lineage) are summed, so a trend for R0D or RAJ runs unbroken across the
-- merger. A predecessor that did not report (an A&E field-test site) drops out of both sums, as
-- in the England figures: the month is then made from the sites that did ('partial' status,
-- not_reporting names them). Figures that cannot be summed (centiles, RTT medians) are given only
-- when one organisation contributes.
CREATE VIEW nof.standard_performance_merged AS
WITH rows AS (
    SELECT m.period, coalesce(l.current_code, m.org_code) AS org_code, m.org_code AS source_code, m.standard_code,
           m.breakdown, m.numerator, m.denominator, m.value, m.status
      FROM dw.mart_standard m
      LEFT JOIN dw.v_organisation_lineage l ON l.org_code = m.org_code AND m.period < l.merged_on
     WHERE m.org_level = 'provider'
), merged AS (
    SELECT r.period, r.org_code, r.standard_code, r.breakdown, s.aggregation,
           sum(r.numerator) AS numerator, sum(r.denominator) AS denominator,
           CASE WHEN count(*) = 1 THEN max(r.value)
                WHEN s.aggregation = 'pct' THEN 100.0 * sum(r.numerator) / nullif(sum(r.denominator), 0)
                WHEN s.aggregation = 'published_mean' THEN sum(r.numerator) / nullif(sum(r.denominator), 0)
                WHEN s.aggregation = 'sum' THEN sum(r.value)
           END AS rate,
           count(*)::integer AS organisations, count(r.value)::integer AS organisations_reporting,
           array_agg(r.source_code ORDER BY r.source_code) AS merged_from,
           coalesce(array_agg(r.source_code ORDER BY r.source_code) FILTER (WHERE r.value IS NULL), '{}') AS not_reporting,
           bool_or(r.status = 'not_reported_field_test') AS field_test,
           min(r.status) AS any_status
      FROM rows r
      JOIN dw.dim_standard s ON s.standard_code = r.standard_code
     GROUP BY r.period, r.org_code, r.standard_code, r.breakdown, s.aggregation
)
SELECT g.period, p.month_name AS period_label, g.org_code, coalesce(o.org_name, g.org_code) AS org_name,
       g.standard_code, st.name AS standard_name, g.breakdown, st.unit, g.numerator, g.denominator, g.rate,
       t.target, t.target_kind, dw.meets(g.rate, t.target, t.comparator) AS met,
       CASE WHEN g.rate IS NULL AND g.field_test THEN 'not_reported_field_test'
            WHEN g.rate IS NULL AND g.organisations > 1 AND g.organisations_reporting > 1 THEN 'not_mergeable'
            WHEN g.rate IS NULL THEN g.any_status
            WHEN g.organisations_reporting < g.organisations THEN 'partial'
            ELSE 'reported' END AS status,
       g.organisations, g.organisations_reporting, g.merged_from, g.not_reporting
  FROM merged g
  JOIN dw.dim_standard st ON st.standard_code = g.standard_code
  JOIN dw.dim_period p ON p.period = g.period
  LEFT JOIN dw.dim_organisation o ON o.org_code = g.org_code
  LEFT JOIN dw.v_target_in_force t ON t.standard_code = g.standard_code AND t.period = g.period;
COMMENT ON VIEW nof.standard_performance_merged IS 'Provider performance restated on today''s organisations: each month, a trust''s numerators and denominators summed with those of the predecessors that later merged into it (ODS successions, chains followed), so trends run unbroken across mergers. The unadjusted series is nof.standard_performance. Grain: month x organisation (today''s) x standard x breakdown.';
COMMENT ON COLUMN nof.standard_performance_merged.period IS 'Month (first day).';
COMMENT ON COLUMN nof.standard_performance_merged.period_label IS 'Month in words.';
COMMENT ON COLUMN nof.standard_performance_merged.org_code IS 'Today''s organisation (e.g. R0D).';
COMMENT ON COLUMN nof.standard_performance_merged.org_name IS 'Its name.';
COMMENT ON COLUMN nof.standard_performance_merged.standard_code IS 'The standard (nof.standard).';
COMMENT ON COLUMN nof.standard_performance_merged.standard_name IS 'The standard in words.';
COMMENT ON COLUMN nof.standard_performance_merged.breakdown IS 'Breakdown (e.g. a cancer route), '''' for the headline figure.';
COMMENT ON COLUMN nof.standard_performance_merged.unit IS 'Unit of rate.';
COMMENT ON COLUMN nof.standard_performance_merged.numerator IS 'Summed numerator of the organisations that reported.';
COMMENT ON COLUMN nof.standard_performance_merged.denominator IS 'Summed denominator of the organisations that reported.';
COMMENT ON COLUMN nof.standard_performance_merged.rate IS 'Rate from the summed numerator and denominator (never averaged).';
COMMENT ON COLUMN nof.standard_performance_merged.target IS 'Target in force that month.';
COMMENT ON COLUMN nof.standard_performance_merged.target_kind IS 'constitutional or interim.';
COMMENT ON COLUMN nof.standard_performance_merged.met IS 'Whether the rate meets the target.';
COMMENT ON COLUMN nof.standard_performance_merged.status IS 'reported; partial (a predecessor did not report, e.g. an A&E field-test site: the figure is the others''); not_reported_field_test; not_mergeable (a centile or median of several organisations); not_submitted.';
COMMENT ON COLUMN nof.standard_performance_merged.organisations IS 'Organisations folded into the row that month.';
COMMENT ON COLUMN nof.standard_performance_merged.organisations_reporting IS 'Of those, the ones with a value.';
COMMENT ON COLUMN nof.standard_performance_merged.merged_from IS 'Their codes (e.g. {RD3,RDZ} before October 2020, {R0D} after).';
COMMENT ON COLUMN nof.standard_performance_merged.not_reporting IS 'Those without a value (e.g. RD3 in the A&E field test).';
