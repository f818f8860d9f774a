-- report: league-table
-- title: NOF-style league table
-- description: NOF-style league table: rank, segment and average score for a month or quarter, one peer group and domain.
-- parameters: period, peer-group, domain, region, limit
-- latest: SELECT coalesce((SELECT max(l.period) FROM dw.mart_league l JOIN nof.quarter_completeness q ON q.quarter_start = l.period AND q.complete WHERE l.period_type = $1), (SELECT max(period) FROM dw.mart_league WHERE period_type = $1))
-- bind: $1 period_type, $2 period, $3 peer_group, $4 domain, $6 region, $7 limit
-- section: League table
-- chart: bar label=org_name value=average_score
-- footnote: Scores run from 1 (best) to 4; segments 1-4 are quartiles of the average scores; ties share a rank.
-- footnote: † A&E four-hour not reported (field test): the site is scored on its other metrics.
SELECT league_rank AS rank, org_code, org_name, region_name AS region, segment, average_score,
       metrics_scored AS scored,
       CASE WHEN four_hour_not_reported THEN '†' ELSE '' END AS note
  FROM nof.league_table
 WHERE period_type = $1 AND period = $2::date AND peer_group = $3 AND domain = $4
   AND ($6::text IS NULL OR region_name = (SELECT region_name FROM dw.dim_region WHERE region_code = $6))
 ORDER BY league_rank, org_code
 LIMIT $7::integer;
