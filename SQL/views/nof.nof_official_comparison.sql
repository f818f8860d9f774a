CREATE VIEW nof.nof_official_comparison AS
SELECT s.period, s.quarter_label, s.org_code, s.org_name, s.trust_type,
       s.adjusted_segment AS official_segment, s.league_rank AS official_rank, s.average_score AS official_average_score,
       t.peer_group AS nofdb_peer_group, t.segment AS nofdb_segment, t.league_rank AS nofdb_rank,
       t.average_score AS nofdb_average_score, t.metrics_scored AS nofdb_metrics_scored
  FROM nof.nof_official_summary s
  LEFT JOIN nof.league_table t
         ON t.league = 'nof' AND t.period_type = 'quarter' AND t.period = s.period AND t.org_code = s.org_code AND t.domain = 'overall';
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
