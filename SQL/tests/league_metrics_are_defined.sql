-- rule: Every league score is for a metric its table defines for that peer group (dw.league_metric): OF0014 and the operational-only standards never enter the nof table.
SELECT sc.league, sc.peer_group, sc.standard_code, count(*) AS scores
  FROM dw.mart_league_score sc
 WHERE NOT EXISTS (SELECT 1 FROM dw.league_metric m
                    WHERE m.league = sc.league AND m.peer_group = sc.peer_group AND m.standard_code = sc.standard_code)
 GROUP BY sc.league, sc.peer_group, sc.standard_code
