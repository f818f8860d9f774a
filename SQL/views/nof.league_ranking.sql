-- nofdb's rank is stored in the mart by dw.refresh_league (same rule as the official one here).
CREATE VIEW nof.league_ranking AS
SELECT 'nofdb'::text AS source, league, period_type, period, peer_group, domain, org_code, average_score, segment, league_rank
  FROM dw.mart_league
 WHERE ranked AND segment IS NOT NULL
UNION ALL
SELECT 'official', 'nof', 'quarter', period, trust_type, 'overall', org_code, average_score,
       dw.adjusted_segment(unadjusted_segment, finance_override),
       rank() OVER (PARTITION BY period, trust_type ORDER BY dw.adjusted_segment(unadjusted_segment, finance_override), average_score)
  FROM nof.nof_official_summary
 WHERE average_score IS NOT NULL AND unadjusted_segment IS NOT NULL;
COMMENT ON VIEW nof.league_ranking IS 'League ranks by segment, then average score (lower is better), with standard competition ranking (1, 2, 2, 4), over the ranked organisations only. source = nofdb ranks nofdb''s own segments; source = official applies the same SQL (and the finance override) to the official NOF averages and unadjusted segments. Grain: source x league x period x peer group x domain x organisation.';
COMMENT ON COLUMN nof.league_ranking.source IS 'nofdb or official.';
COMMENT ON COLUMN nof.league_ranking.league IS 'nof or operational (official rows: nof).';
COMMENT ON COLUMN nof.league_ranking.period_type IS 'month or quarter.';
COMMENT ON COLUMN nof.league_ranking.period IS 'First day of the month or quarter.';
COMMENT ON COLUMN nof.league_ranking.peer_group IS 'acute, specialist, ambulance, or the official trust type.';
COMMENT ON COLUMN nof.league_ranking.domain IS 'overall, or a domain.';
COMMENT ON COLUMN nof.league_ranking.org_code IS 'Organisation ODS code.';
COMMENT ON COLUMN nof.league_ranking.average_score IS 'Average of the available metric scores, 2 dp.';
COMMENT ON COLUMN nof.league_ranking.segment IS 'Segment 1-4 (official: after the finance override).';
COMMENT ON COLUMN nof.league_ranking.league_rank IS 'Rank within the table; ties share a rank.';
