-- report: segments
-- title: Segments and movers
-- description: How many ranked organisations sit in each segment, and who moved between the previous period and this one (--league nof or operational).
-- param: period date
-- param: league text = nof
-- param: peer_group text = acute
-- param: domain text = overall
-- param: period_type text
-- param: previous date
-- period: month-or-quarter
-- latest: league-quarter
-- heading: SELECT CASE WHEN :domain = 'overall' THEN 'Segments and movers' ELSE upper(left(:domain, 1)) || replace(substr(:domain, 2), '_', ' ') || ' league segments and movers (not an overall ranking)' END AS heading
-- notice: SELECT scope AS notice FROM nof.league_scope WHERE league = :league AND period_type = :period_type AND period = :period AND peer_group = :peer_group AND domain = :domain
-- section: Distribution
-- chart: bar label=segment value=organisations axis=ranked_organisations
SELECT segment::text AS segment, count(*) AS organisations, round(min(average_score), 2) AS best_average,
       round(max(average_score), 2) AS worst_average
  FROM nof.league_table
 WHERE league = :league AND period_type = :period_type AND period = :period AND peer_group = :peer_group AND domain = :domain AND ranked
 GROUP BY segment ORDER BY segment;
-- section: Movers
SELECT now_.org_code, now_.org_name, before_.segment AS previous_segment, now_.segment,
       CASE WHEN now_.segment < before_.segment THEN 'up' ELSE 'down' END AS direction,
       before_.league_rank AS previous_rank, now_.league_rank AS rank
  FROM nof.league_table now_
  JOIN nof.league_table before_
    ON before_.org_code = now_.org_code AND before_.league = now_.league AND before_.period_type = now_.period_type
   AND before_.peer_group = now_.peer_group AND before_.domain = now_.domain AND before_.period = :previous
 WHERE now_.league = :league AND now_.period_type = :period_type AND now_.period = :period AND now_.peer_group = :peer_group AND now_.domain = :domain
   AND now_.ranked AND before_.ranked AND now_.segment <> before_.segment
 ORDER BY now_.segment - before_.segment, now_.org_code;
