CREATE VIEW nof.league_table AS
SELECT r.period_type, r.period,
       CASE r.period_type WHEN 'quarter' THEN p.quarter_label ELSE p.month_name END AS period_label,
       r.peer_group, r.domain, r.league_rank, r.org_code, o.org_name, reg.region_name, r.segment, r.average_score,
       l.metrics_scored, l.metrics_missing, l.four_hour_not_reported,
       CASE WHEN l.four_hour_not_reported
            THEN 'A&E four-hour not reported (field test): scored on its other ' || l.metrics_scored || ' metrics' END AS note
  FROM nof.league_ranking r
  JOIN dw.mart_league l ON l.period_type = r.period_type AND l.period = r.period AND l.peer_group = r.peer_group
                       AND l.domain = r.domain AND l.org_code = r.org_code
  JOIN dw.dim_period p ON p.period = r.period
  LEFT JOIN dw.dim_organisation o ON o.org_code = r.org_code
  LEFT JOIN dw.dim_region reg ON reg.region_code = o.region_code
 WHERE r.source = 'nofdb';
COMMENT ON VIEW nof.league_table IS 'nofdb league tables, NOF 2025/26 style, for each month and quarter: acute and ambulance peer groups, an overall table and one per domain. Segments 1-4 by quartile of the average scores. Grain: period x peer group x domain x organisation.';
COMMENT ON COLUMN nof.league_table.period_type IS 'month or quarter.';
COMMENT ON COLUMN nof.league_table.period IS 'First day of the month or quarter.';
COMMENT ON COLUMN nof.league_table.period_label IS 'May 2019, or Q1 2019/20.';
COMMENT ON COLUMN nof.league_table.peer_group IS 'acute or ambulance.';
COMMENT ON COLUMN nof.league_table.domain IS 'overall, urgent_and_emergency_care, elective, cancer or diagnostics.';
COMMENT ON COLUMN nof.league_table.league_rank IS 'Rank by segment then average score; ties share a rank (1, 2, 2, 4).';
COMMENT ON COLUMN nof.league_table.org_code IS 'Provider ODS code.';
COMMENT ON COLUMN nof.league_table.org_name IS 'Provider name.';
COMMENT ON COLUMN nof.league_table.region_name IS 'Provider''s region.';
COMMENT ON COLUMN nof.league_table.segment IS 'Segment 1 (best quartile of averages) to 4.';
COMMENT ON COLUMN nof.league_table.average_score IS 'Average of the available metric scores (1 best, 4 worst), 2 dp.';
COMMENT ON COLUMN nof.league_table.metrics_scored IS 'Metrics with a score.';
COMMENT ON COLUMN nof.league_table.metrics_missing IS 'Metrics without a score (no data, or not reported).';
COMMENT ON COLUMN nof.league_table.four_hour_not_reported IS 'True when the site did not report A&E four-hour data (field test).';
COMMENT ON COLUMN nof.league_table.note IS 'Footnote for the table.';
