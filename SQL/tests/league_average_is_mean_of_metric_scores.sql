-- rule: A league average is the mean of the organisation's metric scores in the table's domain, rounded to 2 dp (unscored metrics left out).
WITH means AS (
    SELECT sc.league, sc.period_type, sc.period, sc.peer_group, d.domain, sc.org_code, round(avg(sc.score), 2) AS mean
      FROM dw.mart_league_score sc
      JOIN dw.dim_standard s ON s.standard_code = sc.standard_code
      CROSS JOIN LATERAL (VALUES ('overall'), (s.league_domain)) AS d(domain)
     WHERE sc.score IS NOT NULL AND sc.score <> 0
     GROUP BY sc.league, sc.period_type, sc.period, sc.peer_group, d.domain, sc.org_code
)
SELECT l.league, l.period_type, l.period, l.peer_group, l.domain, l.org_code, l.average_score, m.mean
  FROM dw.mart_league l
  LEFT JOIN means m USING (league, period_type, period, peer_group, domain, org_code)
 WHERE l.average_score IS DISTINCT FROM m.mean
