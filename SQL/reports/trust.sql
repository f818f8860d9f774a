-- report: trust
-- title: Trust profile
-- description: One trust's profile: every standard's newest value against its target, England, its region and its peers (median and rank), flagged when stale or from small numbers; a 13-month trend beside England; its league rank and segment quarter by quarter; and the trusts that merged into it. --merged restates history on today's organisation (predecessors' figures summed in before each merger).
-- param: org text required
-- param: period date
-- param: league text = nof
-- param: merged boolean
-- param: trend_start date
-- latest: SELECT max(period) FROM nof.standard_performance WHERE org_code = :org AND org_level = 'provider'
-- section: Standards
-- column: standard_code | Code | | wide
-- column: unit | Unit | | wide
-- column: standard | Standard
-- column: as_of | Month | month
-- column: value | Value | unit
-- column: target | Target | unit
-- column: met | Met
-- column: england | England | unit
-- column: region | Region | unit
-- column: peer_median | Peer median | unit
-- column: peer_rank | Rank in peers
-- column: vs_england | vs England
-- column: flag | Read with care
-- footnote: England and region: rates from all their providers' summed numerators and denominators. Peers: the trust's peer group (as in the league tables); rank 1 is the best of the peers reporting that month. Counts are not ranked.
-- footnote: stale: the standard's newest figure is more than two months before the report's month; it is shown as of its own month, not as current. small numbers: fewer than 20 patients behind the rate.
-- footnote: † not reported: A&E four-hour field test. With --merged, ‡ marks a month made without the predecessors named (they did not report).
WITH own AS (
    SELECT period, standard_code, rate, numerator, denominator, target, target_kind, met, status, NULL::text[] AS not_reporting
      FROM nof.standard_performance
     WHERE :merged IS NOT TRUE AND org_code = :org AND org_level = 'provider' AND breakdown = ''
    UNION ALL
    SELECT period, standard_code, rate, numerator, denominator, target, target_kind, met, status, not_reporting
      FROM nof.standard_performance_merged
     WHERE :merged IS TRUE AND org_code = :org AND breakdown = ''
), latest AS (
    SELECT DISTINCT ON (standard_code) * FROM own WHERE period <= :period ORDER BY standard_code, period DESC
), rules AS (
    SELECT max(value) FILTER (WHERE name = 'stale_months')::integer AS stale_months,
           max(value) FILTER (WHERE name = 'small_numbers_denominator') AS small,
           max(value) FILTER (WHERE name = 'peers_minimum') AS peers_minimum
      FROM nof.flag_rule
)
SELECT st.short_name AS standard, l.standard_code, to_char(l.period, 'YYYY-MM') AS as_of,
       round(l.rate, 2) AS value, st.unit, l.target,
       CASE l.met WHEN true THEN 'yes' WHEN false THEN 'no' END AS met,
       CASE WHEN e.coverage_status <> 'partial' THEN round(e.rate, 2) END AS england,
       CASE WHEN r.coverage_status <> 'partial' THEN round(r.rate, 2) END AS region,
       CASE WHEN c.peers_ranked >= rules.peers_minimum THEN round(c.peer_median, 2) END AS peer_median,
       CASE WHEN c.peers_ranked >= rules.peers_minimum THEN c.peer_rank || ' of ' || c.peers_ranked END AS peer_rank,
       CASE WHEN l.rate IS NULL OR e.rate IS NULL OR e.coverage_status = 'partial' OR st.unit = 'count' THEN NULL
            WHEN l.rate = e.rate THEN 'same'
            WHEN (l.rate > e.rate) = st.higher_is_better THEN 'better' ELSE 'worse' END AS vs_england,
       concat_ws('; ',
           CASE WHEN l.period < (:period - make_interval(months => rules.stale_months))
                THEN 'stale: as of ' || to_char(l.period, 'Mon YYYY') END,
           CASE WHEN st.unit <> 'count' AND l.denominator < rules.small
                THEN 'small numbers: ' || trim_scale(round(l.numerator, 1)) || ' of ' || trim_scale(round(l.denominator, 1)) END,
           CASE WHEN l.status = 'not_reported_field_test' THEN '† not reported (field test)' END,
           CASE WHEN l.not_reporting IS NOT NULL AND cardinality(l.not_reporting) > 0
                THEN '‡ without ' || array_to_string(l.not_reporting, ', ') END,
           CASE WHEN e.coverage_status = 'partial'
                THEN 'England only from ' || e.providers_reporting || ' of ~' || e.providers_expected || ' providers: not shown' END,
           CASE WHEN c.peers_ranked < rules.peers_minimum THEN 'too few peers report it to compare' END) AS flag
  FROM latest l
  CROSS JOIN rules
  JOIN nof.standard st ON st.standard_code = l.standard_code
  LEFT JOIN nof.standard_performance e
         ON e.org_level = 'england' AND e.period = l.period AND e.standard_code = l.standard_code AND e.breakdown = ''
  LEFT JOIN nof.organisation o ON o.org_code = :org
  LEFT JOIN nof.standard_performance r
         ON r.org_level = 'region' AND r.org_code = o.region_code AND r.period = l.period AND r.standard_code = l.standard_code
        AND r.breakdown = ''
  LEFT JOIN nof.provider_comparison c ON c.org_code = :org AND c.period = l.period AND c.standard_code = l.standard_code
 ORDER BY st.sort_order;
-- section: 13-month trend
-- column: standard_code | Code | | wide
-- column: unit | Unit | | wide
-- chart: line x=month y=value panels=standard unit=unit target=target fieldtest=note england=england flag=flag
-- column: month | Month | month
-- column: value | Value | unit
-- column: england | England | unit
-- column: target | Target | unit
-- column: flag | Read with care
SELECT to_char(s.period, 'YYYY-MM') AS month, st.short_name AS standard, s.standard_code, round(s.rate, 2) AS value,
       round(e.rate, 2) AS england, st.unit, s.target,
       CASE WHEN st.unit <> 'count' AND s.denominator < (SELECT value FROM nof.flag_rule WHERE name = 'small_numbers_denominator')
            THEN 'small numbers' ELSE '' END AS flag,
       CASE WHEN s.status = 'not_reported_field_test' THEN '†'
            WHEN s.status = 'partial' THEN '‡ without ' || array_to_string(s.not_reporting, ', ') ELSE '' END AS note
  FROM (SELECT period, standard_code, rate, denominator, target, status, NULL::text[] AS not_reporting
          FROM nof.standard_performance
         WHERE :merged IS NOT TRUE AND org_code = :org AND org_level = 'provider' AND breakdown = ''
        UNION ALL
        SELECT period, standard_code, rate, denominator, target, status, not_reporting
          FROM nof.standard_performance_merged
         WHERE :merged IS TRUE AND org_code = :org AND breakdown = '') s
  JOIN nof.standard st ON st.standard_code = s.standard_code
  LEFT JOIN nof.standard_performance e
         ON e.org_level = 'england' AND e.period = s.period AND e.standard_code = s.standard_code AND e.breakdown = ''
 WHERE s.period BETWEEN :trend_start AND :period
 ORDER BY st.sort_order, s.period;
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
-- section: League history
-- column: quarter | Quarter
-- column: table_scope | League
-- column: rank | Rank
-- column: of | Of
-- column: segment | Segment
-- column: average_score | Average score | score
-- footnote: Each quarter's rank and segment in the tables that rank the trust: the overall table (only when its metrics span two domains) and the domain leagues, which are not overall rankings. Segments 1 (best) to 4 among the ranked.
SELECT t.period_label AS quarter,
       CASE WHEN t.domain = 'overall' THEN 'overall' ELSE replace(t.domain, '_', ' ') || ' league' END AS table_scope,
       t.league_rank AS rank, sc.organisations_ranked AS of, t.segment, t.average_score,
       CASE WHEN t.domain <> 'overall' THEN 'not an overall ranking' ELSE '' END AS note
  FROM nof.league_table t
  JOIN nof.league_scope sc ON sc.league = t.league AND sc.period_type = t.period_type AND sc.period = t.period
                          AND sc.peer_group = t.peer_group AND sc.domain = t.domain
 WHERE t.org_code = :org AND t.league = :league AND t.period_type = 'quarter' AND t.period <= :period
   AND t.ranked
 ORDER BY t.period DESC, t.domain = 'overall' DESC, t.domain;
-- section: Predecessors
-- footnote: Trusts that merged into this one (ODS successions, chains followed). Without --merged the figures above are this trust's own; with --merged the predecessors' numerators and denominators are summed in for every month before each merger.
SELECT old_code AS predecessor, old_name AS name, to_char(effective_from, 'YYYY-MM-DD') AS merged_on,
       array_to_string(chain, ' → ') AS chain,
       CASE WHEN :merged IS TRUE THEN 'folded in' ELSE 'not folded in (--merged folds it in)' END AS figures
  FROM nof.organisation_successor
 WHERE current_code = :org
   AND EXISTS (SELECT 1 FROM nof.standard_performance m WHERE m.org_code = old_code AND m.org_level = 'provider')
 ORDER BY effective_from, old_code;
