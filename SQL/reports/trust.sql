-- report: trust
-- title: Trust profile
-- description: One trust's profile: every standard's latest value against its target, a 13-month trend, its league rank and segment, and the trusts that merged into it. --merged restates history on today's organisation (predecessors' figures summed in before each merger).
-- param: org text required
-- param: period date
-- param: league text = nof
-- param: merged boolean
-- param: trend_start date
-- latest: SELECT max(period) FROM nof.standard_performance WHERE org_code = :org AND org_level = 'provider'
-- section: Standards
-- footnote: † not reported: A&E four-hour field test. With --merged, ‡ marks a month made without the predecessors named (they did not report).
SELECT standard_name AS standard, to_char(period, 'YYYY-MM') AS month, round(rate, CASE WHEN unit = 'count' THEN 0 ELSE 2 END) AS value, unit,
       target, target_kind, CASE met WHEN true THEN 'yes' WHEN false THEN 'no' END AS met,
       CASE WHEN status = 'not_reported_field_test' THEN '†'
            WHEN status = 'partial' THEN '‡ without ' || array_to_string(not_reporting, ', ') ELSE '' END AS note
  FROM (SELECT DISTINCT ON (standard_code) *
          FROM (SELECT period, standard_code, standard_name, rate, unit, target, target_kind, met, status, NULL::text[] AS not_reporting
          FROM nof.standard_performance
         WHERE :merged IS NOT TRUE AND org_code = :org AND org_level = 'provider' AND breakdown = ''
        UNION ALL
        SELECT period, standard_code, standard_name, rate, unit, target, target_kind, met, status, not_reporting
          FROM nof.standard_performance_merged
         WHERE :merged IS TRUE AND org_code = :org AND breakdown = '') s
         WHERE period <= :period
         ORDER BY standard_code, period DESC) latest
 ORDER BY (SELECT sort_order FROM nof.standard s WHERE s.standard_code = latest.standard_code);
-- section: 13-month trend
-- chart: line x=month y=value panels=standard unit=unit target=target fieldtest=note
SELECT to_char(period, 'YYYY-MM') AS month, standard_name AS standard, round(rate, CASE WHEN unit = 'count' THEN 0 ELSE 2 END) AS value, unit, target,
       CASE WHEN status = 'not_reported_field_test' THEN '†'
            WHEN status = 'partial' THEN '‡ without ' || array_to_string(not_reporting, ', ') ELSE '' END AS note
  FROM (SELECT period, standard_code, standard_name, rate, unit, target, target_kind, met, status, NULL::text[] AS not_reporting
          FROM nof.standard_performance
         WHERE :merged IS NOT TRUE AND org_code = :org AND org_level = 'provider' AND breakdown = ''
        UNION ALL
        SELECT period, standard_code, standard_name, rate, unit, target, target_kind, met, status, not_reporting
          FROM nof.standard_performance_merged
         WHERE :merged IS TRUE AND org_code = :org AND breakdown = '') s
 WHERE period BETWEEN :trend_start AND :period
 ORDER BY (SELECT sort_order FROM nof.standard d WHERE d.standard_code = s.standard_code), period;
-- section: League position
-- footnote: of: the organisations ranked in that table; a trust scored on too few metrics is not ranked (the reason is given).
WITH latest AS (
    SELECT period_type, max(period) AS period FROM nof.league_table
     WHERE org_code = :org AND league = :league AND period <= :period GROUP BY period_type
), sizes AS (
    SELECT l.period_type, l.period, l.peer_group, l.domain, count(*) FILTER (WHERE l.ranked) AS organisations
      FROM nof.league_table l JOIN latest USING (period_type, period)
     WHERE l.league = :league
     GROUP BY 1, 2, 3, 4
)
SELECT t.period_type, t.period_label AS period, t.peer_group, t.domain, t.league_rank AS rank, s.organisations AS of,
       t.segment, t.average_score, t.metrics_scored || ' of ' || t.metrics_expected AS scored,
       coalesce(t.not_ranked_reason, t.note, '') AS note
  FROM latest
  JOIN nof.league_table t ON t.league = :league AND t.period_type = latest.period_type AND t.period = latest.period AND t.org_code = :org
  JOIN sizes s ON s.period_type = t.period_type AND s.period = t.period AND s.peer_group = t.peer_group AND s.domain = t.domain
 ORDER BY t.period_type, t.domain = 'overall' DESC, t.domain;
-- section: Predecessors
-- footnote: Trusts that merged into this one (ODS successions, chains followed). Without --merged the figures above are this trust's own; with --merged the predecessors' numerators and denominators are summed in for every month before each merger.
SELECT old_code AS predecessor, old_name AS name, to_char(effective_from, 'YYYY-MM-DD') AS merged_on,
       array_to_string(chain, ' → ') AS chain,
       CASE WHEN :merged IS TRUE THEN 'folded in' ELSE 'not folded in (--merged folds it in)' END AS figures
  FROM nof.organisation_successor
 WHERE current_code = :org
   AND EXISTS (SELECT 1 FROM nof.standard_performance m WHERE m.org_code = old_code AND m.org_level = 'provider')
 ORDER BY effective_from, old_code;
