-- 014 the league rank stored in the mart, and the standards mart indexed by level. nof.league_table ranked with a window over every
-- period of dw.mart_league, so a reader asking for one trust (the trust report's league
-- position) or one period paid for ranking all of history first: 0.8 s at ten years of
-- national data (docs/performance.md). dw.refresh_league now writes the rank with the rows
-- it refreshes; this fills it for the rows already there, by the same rule: rank by segment
-- then average score among the ranked of each league x period x peer group x domain.
ALTER TABLE dw.mart_league ADD COLUMN league_rank bigint;  -- rank()'s type, as the views showed it
COMMENT ON COLUMN dw.mart_league.league_rank IS 'Rank by segment then average score among the ranked of its league, period, peer group and domain (ties share a rank); NULL when not ranked. Written by dw.refresh_league.';

UPDATE dw.mart_league l
   SET league_rank = r.league_rank
  FROM (SELECT league, period_type, period, peer_group, domain, org_code,
               rank() OVER (PARTITION BY league, period_type, period, peer_group, domain ORDER BY segment, average_score) AS league_rank
          FROM dw.mart_league
         WHERE ranked AND segment IS NOT NULL) r
 WHERE l.league = r.league AND l.period_type = r.period_type AND l.period = r.period
   AND l.peer_group = r.peer_group AND l.domain = r.domain AND l.org_code = r.org_code;

-- England, region and ICB rows by period: the national report's latest month and the coverage
-- view's England and region rows were a scan of every provider row of every month (0.19 s of
-- the national report at ten years; 0.02-0.04 s with this index).
CREATE INDEX mart_standard_level_period_idx ON dw.mart_standard (org_level, period);
