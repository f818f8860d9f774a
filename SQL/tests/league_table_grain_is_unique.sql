-- rule: nof.league_table has one row per league table, period, peer group, domain and organisation.
SELECT league, period_type, period, peer_group, domain, org_code, count(*) AS rows
  FROM nof.league_table
 GROUP BY league, period_type, period, peer_group, domain, org_code
HAVING count(*) > 1
