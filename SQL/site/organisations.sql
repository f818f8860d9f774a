-- report: site-organisations
-- title: Organisation pages
-- description: The tables of every organisation's page of the published site (nofdb publish), for all providers at once: page_key is the organisation, and each organisation's figures are the trust report's (nofdb report trust ORG) at its own newest month, which a test holds them to.
-- section: Standards
-- column: standard_code | Code | | wide
-- column: unit | Unit
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
-- footnote: stale: the standard's newest figure is more than two months before the organisation's newest month; it is shown as of its own month, not as current. small numbers: fewer than 20 patients behind the rate.
-- footnote: † not reported: A&E four-hour field test.
WITH org_period AS (
    SELECT org_code, max(period) AS period FROM nof.standard_performance WHERE org_level = 'provider' GROUP BY org_code
), latest AS (
    SELECT DISTINCT ON (s.org_code, s.standard_code)
           s.org_code, s.period, s.standard_code, s.rate, s.numerator, s.denominator, s.target, s.met, s.status, op.period AS report_period
      FROM nof.standard_performance s
      JOIN org_period op ON op.org_code = s.org_code
     WHERE s.org_level = 'provider' AND s.breakdown = '' AND s.period <= op.period
     ORDER BY s.org_code, s.standard_code, s.period DESC
), rules AS (
    SELECT max(value) FILTER (WHERE name = 'stale_months')::integer AS stale_months,
           max(value) FILTER (WHERE name = 'small_numbers_denominator') AS small,
           max(value) FILTER (WHERE name = 'peers_minimum') AS peers_minimum
      FROM nof.flag_rule
)
SELECT l.org_code AS page_key, st.short_name AS standard, l.standard_code, to_char(l.period, 'YYYY-MM') AS as_of,
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
           CASE WHEN l.period < (l.report_period - make_interval(months => rules.stale_months))
                THEN 'stale: as of ' || to_char(l.period, 'Mon YYYY') END,
           CASE WHEN st.unit <> 'count' AND l.denominator < rules.small
                THEN 'small numbers: ' || trim_scale(round(l.numerator, 1)) || ' of ' || trim_scale(round(l.denominator, 1)) END,
           CASE WHEN l.status = 'not_reported_field_test' THEN '† not reported (field test)' END,
           CASE WHEN e.coverage_status = 'partial'
                THEN 'England only from ' || e.providers_reporting || ' of ~' || e.providers_expected || ' providers: not shown' END,
           CASE WHEN c.peers_ranked < rules.peers_minimum THEN 'too few peers report it to compare' END) AS flag
  FROM latest l
  CROSS JOIN rules
  JOIN nof.standard st ON st.standard_code = l.standard_code
  LEFT JOIN nof.standard_performance e
         ON e.org_level = 'england' AND e.period = l.period AND e.standard_code = l.standard_code AND e.breakdown = ''
  LEFT JOIN nof.organisation o ON o.org_code = l.org_code
  LEFT JOIN nof.standard_performance r
         ON r.org_level = 'region' AND r.org_code = o.region_code AND r.period = l.period AND r.standard_code = l.standard_code
        AND r.breakdown = ''
  LEFT JOIN nof.provider_comparison c ON c.org_code = l.org_code AND c.period = l.period AND c.standard_code = l.standard_code
 ORDER BY l.org_code, st.sort_order;
-- section: 13-month trend
-- column: standard_code | Code | | wide
-- column: unit | Unit | | wide
-- chart: line x=month y=value panels=standard unit=unit target=target fieldtest=note england=england flag=flag
-- column: month | Month | month
-- column: value | Value | unit
-- column: england | England | unit
-- column: target | Target | unit
-- column: flag | Read with care
-- footnote: The 13 months to the organisation's newest month, beside England (all its providers). † not reported: A&E four-hour field test.
WITH org_period AS (
    SELECT org_code, max(period) AS period FROM nof.standard_performance WHERE org_level = 'provider' GROUP BY org_code
)
SELECT s.org_code AS page_key, to_char(s.period, 'YYYY-MM') AS month, st.short_name AS standard, s.standard_code,
       round(s.rate, 2) AS value, round(e.rate, 2) AS england, st.unit, s.target,
       CASE WHEN st.unit <> 'count' AND s.denominator < (SELECT value FROM nof.flag_rule WHERE name = 'small_numbers_denominator')
            THEN 'small numbers' ELSE '' END AS flag,
       CASE WHEN s.status = 'not_reported_field_test' THEN '†' ELSE '' END AS note
  FROM nof.standard_performance s
  JOIN org_period op ON op.org_code = s.org_code
  JOIN nof.standard st ON st.standard_code = s.standard_code
  LEFT JOIN nof.standard_performance e
         ON e.org_level = 'england' AND e.period = s.period AND e.standard_code = s.standard_code AND e.breakdown = ''
 WHERE s.org_level = 'provider' AND s.breakdown = ''
   AND s.period BETWEEN (op.period - interval '12 months')::date AND op.period
 ORDER BY s.org_code, st.sort_order, s.period;
-- section: League position
-- column: period_type | Table
-- column: period | Period
-- column: peer_group | Peer group
-- column: domain | League
-- column: rank | Rank
-- column: of | Of
-- column: segment | Segment
-- column: average_score | Average score | score
-- column: scored | Metrics scored
-- column: note | Note
-- footnote: The newest month and quarter tables of the NOF league that list the organisation. Of: the organisations ranked in that table; an organisation scored on too few metrics is not ranked (the reason is given).
WITH org_period AS (
    SELECT org_code, max(period) AS period FROM nof.standard_performance WHERE org_level = 'provider' GROUP BY org_code
), latest AS (
    SELECT t.org_code, t.period_type, max(t.period) AS period
      FROM nof.league_table t JOIN org_period op ON op.org_code = t.org_code
     WHERE t.league = 'nof' AND t.period <= op.period
     GROUP BY t.org_code, t.period_type
), sizes AS (
    SELECT l.period_type, l.period, l.peer_group, l.domain, count(*) FILTER (WHERE l.ranked) AS organisations
      FROM nof.league_table l
     WHERE l.league = 'nof' AND (l.period_type, l.period) IN (SELECT period_type, period FROM latest)
     GROUP BY 1, 2, 3, 4
)
SELECT t.org_code AS page_key, t.period_type, t.period_label AS period, t.peer_group, t.domain, t.league_rank AS rank,
       s.organisations AS of, t.segment, t.average_score, t.metrics_scored || ' of ' || t.metrics_expected AS scored,
       coalesce(t.not_ranked_reason, t.note, '') AS note
  FROM latest
  JOIN nof.league_table t ON t.league = 'nof' AND t.period_type = latest.period_type AND t.period = latest.period
                         AND t.org_code = latest.org_code
  JOIN sizes s ON s.period_type = t.period_type AND s.period = t.period AND s.peer_group = t.peer_group AND s.domain = t.domain
 ORDER BY t.org_code, t.period_type, t.domain = 'overall' DESC, t.domain;
-- section: League history
-- column: quarter | Quarter
-- column: table_scope | League
-- column: rank | Rank
-- column: of | Of
-- column: segment | Segment
-- column: average_score | Average score | score
-- column: note | Note
-- footnote: Each quarter's rank and segment in the NOF league tables that rank the organisation: the overall table (only when its metrics span two domains) and the domain leagues, which are not overall rankings. Segments 1 (best) to 4 among the ranked.
SELECT t.org_code AS page_key, t.period_label AS quarter,
       CASE WHEN t.domain = 'overall' THEN 'overall' ELSE replace(t.domain, '_', ' ') || ' league' END AS table_scope,
       t.league_rank AS rank, sc.organisations_ranked AS of, t.segment, t.average_score,
       CASE WHEN t.domain <> 'overall' THEN 'not an overall ranking' ELSE '' END AS note
  FROM nof.league_table t
  JOIN nof.league_scope sc ON sc.league = t.league AND sc.period_type = t.period_type AND sc.period = t.period
                          AND sc.peer_group = t.peer_group AND sc.domain = t.domain
 WHERE t.league = 'nof' AND t.period_type = 'quarter' AND t.ranked
 ORDER BY t.org_code, t.period DESC, t.domain = 'overall' DESC, t.domain;
-- section: The data behind its league position
-- column: quarter | Quarter
-- column: peer_group | Peer group
-- column: metric | Metric
-- column: standard | Standard
-- column: standard_code | Code | | wide
-- column: domain | Domain
-- column: value | Value | unit
-- column: unit | Unit
-- column: better | Better
-- column: percentile | Percentile rank (0 best)
-- column: score | Score (1 best, 4 worst) | score
-- column: compared_with | Compared with
-- column: peer_median | Peer median | unit
-- footnote: The NOF league metrics of the organisation's newest quarter with a score: its value for the quarter, its percentile rank among the peer group's organisations scored on the metric (0 is the best), and the score that rank gives (1.00 best to 4.00). The average of its scores places it in a segment in each table that ranks it. A metric without a score says why (not reported, an incomplete quarter, or too few organisations reporting it to compare).
WITH newest AS (
    SELECT org_code, max(period) AS period
      FROM nof.league_metric_score
     WHERE league = 'nof' AND period_type = 'quarter' AND score IS NOT NULL
     GROUP BY org_code
), peers AS (
    SELECT s.period, s.peer_group, s.standard_code, count(*) FILTER (WHERE s.score IS NOT NULL) AS scored,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY s.value) FILTER (WHERE s.score IS NOT NULL) AS median
      FROM nof.league_metric_score s
     WHERE s.league = 'nof' AND s.period_type = 'quarter' AND s.period IN (SELECT period FROM newest)
     GROUP BY 1, 2, 3
)
SELECT s.org_code AS page_key, s.period_label AS quarter, s.peer_group, coalesce(s.metric_id, s.standard_code) AS metric,
       st.short_name AS standard, s.standard_code, replace(s.domain, '_', ' ') AS domain, round(s.value, 2) AS value, s.unit,
       CASE WHEN st.higher_is_better THEN 'higher' ELSE 'lower' END AS better,
       round(s.percentile, 2) AS percentile, s.score,
       CASE WHEN s.score IS NOT NULL
            THEN p.scored || ' ' || s.peer_group || ' organisations scored on it in ' || s.period_label
            ELSE 'not scored: ' || replace(s.status, '_', ' ') END AS compared_with,
       CASE WHEN s.score IS NOT NULL THEN round(p.median::numeric, 2) END AS peer_median
  FROM nof.league_metric_score s
  JOIN newest n ON n.org_code = s.org_code AND n.period = s.period
  JOIN nof.standard st ON st.standard_code = s.standard_code
  LEFT JOIN peers p ON p.period = s.period AND p.peer_group = s.peer_group AND p.standard_code = s.standard_code
 WHERE s.league = 'nof' AND s.period_type = 'quarter'
 ORDER BY s.org_code, s.domain, st.sort_order;
-- section: Predecessors
-- column: predecessor | Predecessor
-- column: name | Name
-- column: merged_on | Merged on
-- column: chain | Chain
-- footnote: Trusts that merged into this one (ODS successions, chains followed). The figures on this page are this trust's own; each predecessor's are on its own page (nofdb report trust ORG --merged sums them in).
SELECT current_code AS page_key, old_code AS predecessor, old_name AS name, to_char(effective_from, 'YYYY-MM-DD') AS merged_on,
       array_to_string(chain, ' → ') AS chain
  FROM nof.organisation_successor
 WHERE EXISTS (SELECT 1 FROM nof.standard_performance m WHERE m.org_code = old_code AND m.org_level = 'provider')
 ORDER BY current_code, effective_from, old_code;
