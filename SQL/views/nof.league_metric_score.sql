CREATE VIEW nof.league_metric_score AS
SELECT sc.league, sc.period_type, sc.period,
       CASE sc.period_type WHEN 'quarter' THEN p.quarter_label ELSE p.month_name END AS period_label,
       sc.peer_group, s.league_domain AS domain, sc.org_code, o.org_name, sc.standard_code, sc.metric_id, s.name AS standard_name,
       s.unit, sc.value, sc.status, sc.threshold AS target, sc.target_kind, sc.met, sc.percentile, sc.score
  FROM dw.mart_league_score sc
  JOIN dw.dim_standard s ON s.standard_code = sc.standard_code
  JOIN dw.dim_period p ON p.period = sc.period
  LEFT JOIN dw.dim_organisation o ON o.org_code = sc.org_code;
COMMENT ON VIEW nof.league_metric_score IS 'Each organisation''s 1-4 score on each metric of the two league tables (nof.league_metric). nof table: the official NOF 2025/26 metrics these datasets provide, 1.00-4.00 by percentile rank within the peer group. operational table (nofdb''s own): meeting the target in force scores 1.00, the rest 2.00-4.00 by percentile rank. Ties take the best score; missing data is not scored. Grain: league x period x peer group x organisation x metric.';
COMMENT ON COLUMN nof.league_metric_score.league IS 'nof (the NOF metrics these datasets provide) or operational (nofdb''s wider set of operational standards; not an NHS England method).';
COMMENT ON COLUMN nof.league_metric_score.period_type IS 'month or quarter.';
COMMENT ON COLUMN nof.league_metric_score.period IS 'First day of the month or quarter.';
COMMENT ON COLUMN nof.league_metric_score.period_label IS 'May 2019, or Q1 2019/20.';
COMMENT ON COLUMN nof.league_metric_score.peer_group IS 'acute, specialist or ambulance (from trust types).';
COMMENT ON COLUMN nof.league_metric_score.domain IS 'Domain of the metric.';
COMMENT ON COLUMN nof.league_metric_score.org_code IS 'Provider ODS code.';
COMMENT ON COLUMN nof.league_metric_score.org_name IS 'Provider name.';
COMMENT ON COLUMN nof.league_metric_score.standard_code IS 'The standard the metric is (see nof.standard).';
COMMENT ON COLUMN nof.league_metric_score.metric_id IS 'The official NOF metric id (OF0013 ...) in the nof table; NULL in the operational table.';
COMMENT ON COLUMN nof.league_metric_score.standard_name IS 'Metric in words.';
COMMENT ON COLUMN nof.league_metric_score.unit IS 'Unit of value.';
COMMENT ON COLUMN nof.league_metric_score.value IS 'The provider''s value for the period.';
COMMENT ON COLUMN nof.league_metric_score.status IS 'reported, or why not: not_reported_field_test, not_submitted, incomplete_quarter, or too_few_reporting (fewer than half the peer group, or fewer than 3 organisations, report the metric in the period, so it is scored for nobody).';
COMMENT ON COLUMN nof.league_metric_score.target IS 'Target in force (operational table: interim, else constitutional); NULL in the nof table.';
COMMENT ON COLUMN nof.league_metric_score.target_kind IS 'interim or constitutional.';
COMMENT ON COLUMN nof.league_metric_score.met IS 'Whether the target was met (NULL without a target or value).';
COMMENT ON COLUMN nof.league_metric_score.percentile IS 'Percentile rank among those spread over the score range, 0 = best.';
COMMENT ON COLUMN nof.league_metric_score.score IS 'Score 1.00 (best) to 4.00; NULL when not scored.';
