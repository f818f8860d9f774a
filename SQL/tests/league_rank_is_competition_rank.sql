-- rule: A league rank is 1 + the number of ranked organisations ahead in the same table (by segment, then average score): ties share a rank (1, 2, 2, 4); an organisation not ranked has no rank.
WITH t AS MATERIALIZED (
    SELECT league, period_type, period, peer_group, domain, org_code, ranked, league_rank, segment, average_score
      FROM nof.league_table
)
SELECT t.league, t.period_type, t.period, t.peer_group, t.domain, t.org_code, t.league_rank, count(o.org_code) + 1 AS expected
  FROM t
  LEFT JOIN t o
    ON o.league = t.league AND o.period_type = t.period_type AND o.period = t.period AND o.peer_group = t.peer_group
   AND o.domain = t.domain AND o.ranked
   AND (o.segment < t.segment OR (o.segment = t.segment AND o.average_score < t.average_score))
 WHERE t.ranked
 GROUP BY t.league, t.period_type, t.period, t.peer_group, t.domain, t.org_code, t.league_rank
HAVING t.league_rank IS DISTINCT FROM count(o.org_code) + 1
UNION ALL
SELECT league, period_type, period, peer_group, domain, org_code, league_rank, NULL
  FROM t WHERE NOT ranked AND league_rank IS NOT NULL
