-- 015 the league marts indexed by period. Their keys lead with the league (nof, operational),
-- so dw.refresh_league's delete of the refreshed months and quarters, and its read-back of the
-- scores it has just written, found them by scanning every period ever loaded: at ten years of
-- national data (docs/performance.md) 216,000 score rows and 151,000 league rows each month,
-- 0.3-0.4 s of a late month's load against a few milliseconds for an early one. Reports that
-- ask for one period (league-table, segments) take the same index.
CREATE INDEX mart_league_score_period_idx ON dw.mart_league_score (period_type, period);
CREATE INDEX mart_league_period_idx ON dw.mart_league (period_type, period);
