-- League tables and segments: nofdb's own, ranked by the same SQL that ranks the official
-- NOF inputs (so the two can be compared and the method checked).

CREATE VIEW nof.league_metric_score AS
SELECT sc.period_type, sc.period,
       CASE sc.period_type WHEN 'quarter' THEN p.quarter_label ELSE p.month_name END AS period_label,
       sc.peer_group, s.league_domain AS domain, sc.org_code, o.org_name, sc.standard_code, s.name AS standard_name,
       s.unit, sc.value, sc.status, sc.threshold AS target, sc.target_kind, sc.met, sc.percentile, sc.score
  FROM dw.mart_league_score sc
  JOIN dw.dim_standard s ON s.standard_code = sc.standard_code
  JOIN dw.dim_period p ON p.period = sc.period
  LEFT JOIN dw.dim_organisation o ON o.org_code = sc.org_code;
COMMENT ON VIEW nof.league_metric_score IS 'Each organisation''s 1-4 score on each league metric, NOF 2025/26 method: meeting the target in force scores 1.00, the rest 2.00-4.00 by percentile rank (1.00-4.00 where there is no target); ties take the best score; missing data is not scored. Grain: period x peer group x organisation x metric.';
COMMENT ON COLUMN nof.league_metric_score.period_type IS 'month or quarter.';
COMMENT ON COLUMN nof.league_metric_score.period IS 'First day of the month or quarter.';
COMMENT ON COLUMN nof.league_metric_score.period_label IS 'May 2019, or Q1 2019/20.';
COMMENT ON COLUMN nof.league_metric_score.peer_group IS 'acute or ambulance.';
COMMENT ON COLUMN nof.league_metric_score.domain IS 'Domain of the metric.';
COMMENT ON COLUMN nof.league_metric_score.org_code IS 'Provider ODS code.';
COMMENT ON COLUMN nof.league_metric_score.org_name IS 'Provider name.';
COMMENT ON COLUMN nof.league_metric_score.standard_code IS 'Metric (a standard, see nof.standard).';
COMMENT ON COLUMN nof.league_metric_score.standard_name IS 'Metric in words.';
COMMENT ON COLUMN nof.league_metric_score.unit IS 'Unit of value.';
COMMENT ON COLUMN nof.league_metric_score.value IS 'The provider''s value for the period.';
COMMENT ON COLUMN nof.league_metric_score.status IS 'reported, not_reported_field_test or not_submitted.';
COMMENT ON COLUMN nof.league_metric_score.target IS 'Target in force (interim, else constitutional), if any.';
COMMENT ON COLUMN nof.league_metric_score.target_kind IS 'interim or constitutional.';
COMMENT ON COLUMN nof.league_metric_score.met IS 'Whether the target was met (NULL without a target or value).';
COMMENT ON COLUMN nof.league_metric_score.percentile IS 'Percentile rank among those scored 2-4 (or 1-4), 0 = best.';
COMMENT ON COLUMN nof.league_metric_score.score IS 'Score 1.00 (best) to 4.00; NULL when not scored.';

CREATE VIEW nof.league_ranking AS
WITH input AS (
    SELECT 'nofdb'::text AS source, period_type, period, peer_group, domain, org_code, average_score, segment
      FROM dw.mart_league
     WHERE segment IS NOT NULL
    UNION ALL
    SELECT 'official', 'quarter', period, trust_type, 'overall', org_code, average_score,
           dw.adjusted_segment(unadjusted_segment, finance_override)
      FROM nof.nof_official_summary
     WHERE average_score IS NOT NULL AND unadjusted_segment IS NOT NULL
)
SELECT source, period_type, period, peer_group, domain, org_code, average_score, segment,
       rank() OVER (PARTITION BY source, period_type, period, peer_group, domain ORDER BY segment, average_score) AS league_rank
  FROM input;
COMMENT ON VIEW nof.league_ranking IS 'League ranks by segment, then average score (lower is better), with standard competition ranking (1, 2, 2, 4). source = nofdb ranks nofdb''s own segments; source = official applies the same SQL (and the finance override) to the official NOF averages and unadjusted segments. Grain: source x period x peer group x domain x organisation.';
COMMENT ON COLUMN nof.league_ranking.source IS 'nofdb or official.';
COMMENT ON COLUMN nof.league_ranking.period_type IS 'month or quarter.';
COMMENT ON COLUMN nof.league_ranking.period IS 'First day of the month or quarter.';
COMMENT ON COLUMN nof.league_ranking.peer_group IS 'acute, ambulance, or the official trust type.';
COMMENT ON COLUMN nof.league_ranking.domain IS 'overall, or a domain.';
COMMENT ON COLUMN nof.league_ranking.org_code IS 'Organisation ODS code.';
COMMENT ON COLUMN nof.league_ranking.average_score IS 'Average of the available metric scores, 2 dp.';
COMMENT ON COLUMN nof.league_ranking.segment IS 'Segment 1-4 (official: after the finance override).';
COMMENT ON COLUMN nof.league_ranking.league_rank IS 'Rank within the table; ties share a rank.';

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

CREATE VIEW nof.nof_official_reproduction AS
SELECT s.period, s.quarter_label, s.org_code, s.org_name, s.trust_type,
       s.average_score AS official_average_score, s.recomputed_average_score,
       s.recomputed_average_score - s.average_score AS average_score_difference,
       s.unadjusted_segment, s.finance_override,
       s.adjusted_segment AS official_adjusted_segment,
       dw.adjusted_segment(s.unadjusted_segment, s.finance_override) AS recomputed_adjusted_segment,
       s.league_rank AS official_rank, r.league_rank AS recomputed_rank,
       l.rank AS league_file_rank, l.segment AS league_file_segment
  FROM nof.nof_official_summary s
  LEFT JOIN nof.league_ranking r
         ON r.source = 'official' AND r.period_type = 'quarter' AND r.period = s.period AND r.org_code = s.org_code
        AND r.peer_group = s.trust_type AND r.domain = 'overall'
  LEFT JOIN dw.fact_nof_league l ON l.period = s.period AND l.org_code = s.org_code;
COMMENT ON VIEW nof.nof_official_reproduction IS 'Checks nofdb''s scoring and ranking SQL against the official NOF files: the average metric score recomputed from the OF1xxx scores, the finance override applied to the unadjusted segment, and the rank computed by nof.league_ranking, beside the published figures. Grain: trust x quarter.';
COMMENT ON COLUMN nof.nof_official_reproduction.period IS 'First day of the quarter.';
COMMENT ON COLUMN nof.nof_official_reproduction.quarter_label IS 'Quarter.';
COMMENT ON COLUMN nof.nof_official_reproduction.org_code IS 'Trust ODS code.';
COMMENT ON COLUMN nof.nof_official_reproduction.org_name IS 'Trust name.';
COMMENT ON COLUMN nof.nof_official_reproduction.trust_type IS 'Official trust type (peer group).';
COMMENT ON COLUMN nof.nof_official_reproduction.official_average_score IS 'OF5002 as published.';
COMMENT ON COLUMN nof.nof_official_reproduction.recomputed_average_score IS 'nofdb''s average of the published OF1xxx scores.';
COMMENT ON COLUMN nof.nof_official_reproduction.average_score_difference IS 'Recomputed minus official (within 0.01: the published scores are themselves rounded).';
COMMENT ON COLUMN nof.nof_official_reproduction.unadjusted_segment IS 'OF5003 as published.';
COMMENT ON COLUMN nof.nof_official_reproduction.finance_override IS 'OF5004 = 1: in deficit or on deficit support.';
COMMENT ON COLUMN nof.nof_official_reproduction.official_adjusted_segment IS 'OF5000 as published.';
COMMENT ON COLUMN nof.nof_official_reproduction.recomputed_adjusted_segment IS 'nofdb: no better than 3 when in deficit.';
COMMENT ON COLUMN nof.nof_official_reproduction.official_rank IS 'Official league rank (OF5000 row).';
COMMENT ON COLUMN nof.nof_official_reproduction.recomputed_rank IS 'Rank from nof.league_ranking on the official inputs.';
COMMENT ON COLUMN nof.nof_official_reproduction.league_file_rank IS 'Rank in the official league-table file, where loaded.';
COMMENT ON COLUMN nof.nof_official_reproduction.league_file_segment IS 'Segment in the official league-table file, where loaded.';

CREATE VIEW nof.nof_official_comparison AS
SELECT s.period, s.quarter_label, s.org_code, s.org_name, s.trust_type,
       s.adjusted_segment AS official_segment, s.league_rank AS official_rank, s.average_score AS official_average_score,
       t.peer_group AS nofdb_peer_group, t.segment AS nofdb_segment, t.league_rank AS nofdb_rank,
       t.average_score AS nofdb_average_score, t.metrics_scored AS nofdb_metrics_scored
  FROM nof.nof_official_summary s
  LEFT JOIN nof.league_table t
         ON t.period_type = 'quarter' AND t.period = s.period AND t.org_code = s.org_code AND t.domain = 'overall';
COMMENT ON VIEW nof.nof_official_comparison IS 'Official NOF segments and ranks per trust and quarter beside nofdb''s own league for the same quarter (NULL where nofdb does not score the trust, e.g. mental health trusts). Grain: trust x quarter.';
COMMENT ON COLUMN nof.nof_official_comparison.period IS 'First day of the quarter.';
COMMENT ON COLUMN nof.nof_official_comparison.quarter_label IS 'Quarter.';
COMMENT ON COLUMN nof.nof_official_comparison.org_code IS 'Trust ODS code.';
COMMENT ON COLUMN nof.nof_official_comparison.org_name IS 'Trust name.';
COMMENT ON COLUMN nof.nof_official_comparison.trust_type IS 'Official trust type.';
COMMENT ON COLUMN nof.nof_official_comparison.official_segment IS 'Official adjusted segment (OF5000).';
COMMENT ON COLUMN nof.nof_official_comparison.official_rank IS 'Official league rank.';
COMMENT ON COLUMN nof.nof_official_comparison.official_average_score IS 'Official average metric score.';
COMMENT ON COLUMN nof.nof_official_comparison.nofdb_peer_group IS 'nofdb peer group of the trust, if scored.';
COMMENT ON COLUMN nof.nof_official_comparison.nofdb_segment IS 'nofdb segment (overall table, same quarter).';
COMMENT ON COLUMN nof.nof_official_comparison.nofdb_rank IS 'nofdb league rank.';
COMMENT ON COLUMN nof.nof_official_comparison.nofdb_average_score IS 'nofdb average score.';
COMMENT ON COLUMN nof.nof_official_comparison.nofdb_metrics_scored IS 'Metrics nofdb scored (operational standards only).';
