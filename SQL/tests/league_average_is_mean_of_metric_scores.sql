-- rule: A league average is the mean of the organisation's metric scores in the table's domain, rounded to 2 dp (unscored metrics left out).
SELECT l.period_type, l.period, l.peer_group, l.domain, l.org_code, l.average_score, x.mean
  FROM dw.mart_league l
  JOIN LATERAL (
        SELECT round(avg(sc.score), 2) AS mean
          FROM dw.mart_league_score sc
          JOIN dw.dim_standard s ON s.standard_code = sc.standard_code
         WHERE sc.period_type = l.period_type AND sc.period = l.period AND sc.peer_group = l.peer_group
           AND sc.org_code = l.org_code AND sc.score IS NOT NULL AND sc.score <> 0
           AND (l.domain = 'overall' OR s.league_domain = l.domain)) x ON true
 WHERE l.average_score IS DISTINCT FROM x.mean
