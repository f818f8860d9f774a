-- rule: A league rank is 1 + the number of organisations ahead in the same table (by segment, then average score): ties share a rank (1, 2, 2, 4).
SELECT t.period_type, t.period, t.peer_group, t.domain, t.org_code, t.league_rank,
       1 + (SELECT count(*) FROM nof.league_table o
             WHERE o.period_type = t.period_type AND o.period = t.period AND o.peer_group = t.peer_group
               AND o.domain = t.domain
               AND (o.segment < t.segment OR (o.segment = t.segment AND o.average_score < t.average_score))) AS expected
  FROM nof.league_table t
 WHERE t.league_rank <> 1 + (SELECT count(*) FROM nof.league_table o
             WHERE o.period_type = t.period_type AND o.period = t.period AND o.peer_group = t.peer_group
               AND o.domain = t.domain
               AND (o.segment < t.segment OR (o.segment = t.segment AND o.average_score < t.average_score)))
