-- rule: Only a ranked organisation has a segment, and every ranked one has one; a ranked organisation is scored on at least two metrics (one in a domain table) and at least half the metrics its peer group has data for.
SELECT league, period_type, period, peer_group, domain, org_code, ranked, segment, metrics_scored, metrics_expected
  FROM dw.mart_league
 WHERE (ranked AND segment IS NULL) OR (NOT ranked AND segment IS NOT NULL)
    OR (ranked AND (metrics_scored < CASE WHEN domain = 'overall' THEN 2 ELSE 1 END OR 2 * metrics_scored < metrics_expected))
