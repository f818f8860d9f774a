-- rule: nof.league_table has one row per period, peer group, domain and organisation.
SELECT period_type, period, peer_group, domain, org_code, count(*) AS rows
  FROM nof.league_table
 GROUP BY period_type, period, peer_group, domain, org_code
HAVING count(*) > 1
