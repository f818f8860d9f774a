CREATE VIEW nof.league_table AS
SELECT l.league, l.period_type, l.period,
       CASE l.period_type WHEN 'quarter' THEN p.quarter_label ELSE p.month_name END AS period_label,
       l.peer_group, l.domain, l.league_rank, l.ranked, l.not_ranked_reason, l.org_code, o.org_name, reg.region_name,
       l.segment, l.average_score, l.metrics_scored, l.metrics_expected, l.metrics_missing, l.four_hour_not_reported,
       l.peer_group_source, l.method_year, l.domains_scored,
       CASE WHEN l.four_hour_not_reported
            THEN 'A&E four-hour not reported (field test): scored on its other ' || l.metrics_scored || ' metrics' END AS note
  FROM dw.mart_league l
  JOIN dw.dim_period p ON p.period = l.period
  LEFT JOIN dw.dim_organisation o ON o.org_code = l.org_code
  LEFT JOIN dw.dim_region reg ON reg.region_code = o.region_code;
COMMENT ON VIEW nof.league_table IS 'nofdb league tables for each month and quarter, two of them: nof (the NHS Oversight Framework 2025/26 metrics these datasets provide, official ids) and operational (nofdb''s wider set of standards). Peer groups (acute, specialist, ambulance) come from trust types, never from activity alone unless no source types a trust (peer_group_source = activity). An organisation is ranked when scored on at least two metrics (one in a domain table) and at least half the metrics its peer group has data for, and in an overall table on metrics from at least two domains (a table of one domain is that domain''s league, never an overall ranking); the others are listed with not_ranked_reason. What a table covers: nof.league_scope. Segments 1-4 among the ranked: quartiles of the averages (2025/26 method) or defined thresholds (2026/27). Grain: league x period x peer group x domain x organisation.';
COMMENT ON COLUMN nof.league_table.league IS 'nof or operational (see nof.league_metric).';
COMMENT ON COLUMN nof.league_table.period_type IS 'month or quarter.';
COMMENT ON COLUMN nof.league_table.period IS 'First day of the month or quarter.';
COMMENT ON COLUMN nof.league_table.period_label IS 'May 2019, or Q1 2019/20.';
COMMENT ON COLUMN nof.league_table.peer_group IS 'acute, specialist or ambulance.';
COMMENT ON COLUMN nof.league_table.domain IS 'overall, urgent_and_emergency_care, elective, cancer or diagnostics.';
COMMENT ON COLUMN nof.league_table.league_rank IS 'Rank by segment then average score among the ranked; ties share a rank (1, 2, 2, 4). NULL when not ranked.';
COMMENT ON COLUMN nof.league_table.ranked IS 'True when scored on enough metrics to be ranked.';
COMMENT ON COLUMN nof.league_table.not_ranked_reason IS 'Why it is not ranked, e.g. scored on 1 metric; at least 2 are needed.';
COMMENT ON COLUMN nof.league_table.org_code IS 'Provider ODS code.';
COMMENT ON COLUMN nof.league_table.org_name IS 'Provider name.';
COMMENT ON COLUMN nof.league_table.region_name IS 'Provider''s region.';
COMMENT ON COLUMN nof.league_table.segment IS 'Segment 1 (best) to 4; NULL when not ranked.';
COMMENT ON COLUMN nof.league_table.average_score IS 'Average of the available metric scores (1 best, 4 worst), 2 dp.';
COMMENT ON COLUMN nof.league_table.metrics_scored IS 'Metrics with a score.';
COMMENT ON COLUMN nof.league_table.metrics_expected IS 'Metrics of this table the peer group has data for in the period.';
COMMENT ON COLUMN nof.league_table.metrics_missing IS 'Metrics without a score (no data, or not reported).';
COMMENT ON COLUMN nof.league_table.four_hour_not_reported IS 'True when the site did not report A&E four-hour data (field test).';
COMMENT ON COLUMN nof.league_table.peer_group_source IS 'Where the peer group comes from: override, nof_2025_26_q3, eric_2024_25, nof_file, or activity (no source types the trust: A&E or a sizeable RTT list taken for acute).';
COMMENT ON COLUMN nof.league_table.method_year IS 'The financial year whose NOF method scored it (years before 2025/26 use the 2025/26 method).';
COMMENT ON COLUMN nof.league_table.domains_scored IS 'NOF domains (urgent and emergency care, elective, cancer, diagnostics) in which the organisation has a scored metric; an overall ranking needs 2.';
COMMENT ON COLUMN nof.league_table.note IS 'Footnote for the table.';
