-- rule: A metric is scored in a league period only when at least 3 organisations, and at least half of the peer group's organisations reporting anything in that period, are scored on it (a rank among one or two trusts is not a league position).
WITH scored AS (
    SELECT league, period_type, period, peer_group, standard_code, count(*) AS n
      FROM dw.mart_league_score WHERE score IS NOT NULL
     GROUP BY league, period_type, period, peer_group, standard_code
), peer AS (
    SELECT league, period_type, period, peer_group, count(DISTINCT org_code) AS n
      FROM dw.mart_league_score WHERE value IS NOT NULL AND status IN ('reported', 'too_few_reporting')
     GROUP BY league, period_type, period, peer_group
)
SELECT s.league, s.period_type, s.period, s.peer_group, s.standard_code, s.n AS scored, p.n AS peer_group_reporting
  FROM scored s JOIN peer p USING (league, period_type, period, peer_group)
 WHERE s.n < 3 OR 2 * s.n < p.n
