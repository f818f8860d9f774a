-- report: trust
-- title: Trust profile
-- description: One trust's profile: every standard's latest value against its target, a 13-month trend, and its league rank and segment.
-- parameters: ORG, period, league
-- latest: SELECT max(period) FROM nof.standard_performance WHERE org_code = $5 AND org_level = 'provider'
-- bind: $2 period, $5 org, $9 trend_start, $12 league
-- section: Standards
-- footnote: † not reported: A&E four-hour field test.
SELECT standard_name AS standard, to_char(period, 'YYYY-MM') AS month, round(rate, CASE WHEN unit = 'count' THEN 0 ELSE 2 END) AS value, unit,
       target, target_kind, CASE met WHEN true THEN 'yes' WHEN false THEN 'no' END AS met,
       CASE WHEN status = 'not_reported_field_test' THEN '†' ELSE '' END AS note
  FROM (SELECT DISTINCT ON (standard_code) *
          FROM nof.standard_performance
         WHERE org_code = $5 AND org_level = 'provider' AND breakdown = '' AND period <= $2::date
         ORDER BY standard_code, period DESC) latest
 ORDER BY (SELECT sort_order FROM nof.standard s WHERE s.standard_code = latest.standard_code);
-- section: 13-month trend
-- chart: line x=month y=value series=standard only=unit:%
SELECT to_char(period, 'YYYY-MM') AS month, standard_name AS standard, round(rate, CASE WHEN unit = 'count' THEN 0 ELSE 2 END) AS value, unit,
       CASE WHEN status = 'not_reported_field_test' THEN '†' ELSE '' END AS note
  FROM nof.standard_performance
 WHERE org_code = $5 AND org_level = 'provider' AND breakdown = '' AND unit = '%'
   AND period BETWEEN $9::date AND $2::date
 ORDER BY standard_code, period;
-- section: League position
-- footnote: of: the organisations ranked in that table; a trust scored on too few metrics is not ranked (the reason is given).
WITH latest AS (
    SELECT period_type, max(period) AS period FROM nof.league_table
     WHERE org_code = $5 AND league = $12 AND period <= $2::date GROUP BY period_type
), sizes AS (
    SELECT l.period_type, l.period, l.peer_group, l.domain, count(*) FILTER (WHERE l.ranked) AS organisations
      FROM nof.league_table l JOIN latest USING (period_type, period)
     WHERE l.league = $12
     GROUP BY 1, 2, 3, 4
)
SELECT t.period_type, t.period_label AS period, t.peer_group, t.domain, t.league_rank AS rank, s.organisations AS of,
       t.segment, t.average_score, t.metrics_scored || ' of ' || t.metrics_expected AS scored,
       coalesce(t.not_ranked_reason, t.note, '') AS note
  FROM latest
  JOIN nof.league_table t ON t.league = $12 AND t.period_type = latest.period_type AND t.period = latest.period AND t.org_code = $5
  JOIN sizes s ON s.period_type = t.period_type AND s.period = t.period AND s.peer_group = t.peer_group AND s.domain = t.domain
 ORDER BY t.period_type, t.domain = 'overall' DESC, t.domain;
