-- report: segments
-- title: Segments and movers
-- description: How many ranked organisations sit in each segment, and who moved between the previous period and this one (--league nof or operational).
-- parameters: period, league, peer-group, domain
-- latest: SELECT NULL::date
-- bind: $1 period_type, $2 period, $3 peer_group, $4 domain, $8 previous, $12 league
-- section: Distribution
-- chart: bar label=segment value=organisations axis=ranked_organisations
SELECT segment::text AS segment, count(*) AS organisations, round(min(average_score), 2) AS best_average,
       round(max(average_score), 2) AS worst_average
  FROM nof.league_table
 WHERE league = $12 AND period_type = $1 AND period = $2::date AND peer_group = $3 AND domain = $4 AND ranked
 GROUP BY segment ORDER BY segment;
-- section: Movers
SELECT now_.org_code, now_.org_name, before_.segment AS previous_segment, now_.segment,
       CASE WHEN now_.segment < before_.segment THEN 'up' ELSE 'down' END AS direction,
       before_.league_rank AS previous_rank, now_.league_rank AS rank
  FROM nof.league_table now_
  JOIN nof.league_table before_
    ON before_.org_code = now_.org_code AND before_.league = now_.league AND before_.period_type = now_.period_type
   AND before_.peer_group = now_.peer_group AND before_.domain = now_.domain AND before_.period = $8::date
 WHERE now_.league = $12 AND now_.period_type = $1 AND now_.period = $2::date AND now_.peer_group = $3 AND now_.domain = $4
   AND now_.ranked AND before_.ranked AND now_.segment <> before_.segment
 ORDER BY now_.segment - before_.segment, now_.org_code;
