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
         ON r.source = 'official' AND r.league = 'nof' AND r.period_type = 'quarter' AND r.period = s.period AND r.org_code = s.org_code
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
