-- What each league table ranks on: which metrics were scored, out of how many the league
-- defines for the peer group (and how many the NOF method scores it on, where known), from
-- which domains, and whether it is an overall ranking at all: an overall table from one domain
-- ranks nobody (dw.refresh_league), and a domain table is that domain's league, never overall.
-- `scope` says it in a sentence for the reports' title lines.
CREATE VIEW nof.league_scope AS
WITH tables AS (
    SELECT l.league, l.period_type, l.period, l.peer_group, l.domain, max(l.method_year) AS method_year,
           count(*) FILTER (WHERE l.ranked)::integer AS organisations_ranked
      FROM dw.mart_league l
     GROUP BY l.league, l.period_type, l.period, l.peer_group, l.domain
), defined AS (
    SELECT lm.league, lm.peer_group, d.domain, count(*)::integer AS metrics_defined
      FROM dw.league_metric lm
      JOIN dw.dim_standard s ON s.standard_code = lm.standard_code
     CROSS JOIN LATERAL (VALUES ('overall'), (s.league_domain)) AS d(domain)
     GROUP BY lm.league, lm.peer_group, d.domain
), scored AS (
    SELECT sc.league, sc.period_type, sc.period, sc.peer_group, d.domain,
           array_agg(DISTINCT s.short_name ORDER BY s.short_name) AS scored_metrics,
           array_agg(DISTINCT s.league_domain ORDER BY s.league_domain) AS domains
      FROM dw.mart_league_score sc
      JOIN dw.dim_standard s ON s.standard_code = sc.standard_code
     CROSS JOIN LATERAL (VALUES ('overall'), (s.league_domain)) AS d(domain)
     WHERE sc.score IS NOT NULL
     GROUP BY sc.league, sc.period_type, sc.period, sc.peer_group, d.domain
), described AS (
    SELECT t.*, coalesce(df.metrics_defined, 0) AS metrics_defined, coalesce(sc.scored_metrics, '{}') AS scored_metrics,
           coalesce(sc.domains, '{}') AS domains, ms.nof_metrics,
           CASE t.league WHEN 'nof' THEN 'NOF' ELSE 'operational' END AS league_words,
           CASE t.peer_group WHEN 'acute' THEN 'acute trusts' WHEN 'specialist' THEN 'specialist acute trusts'
                             WHEN 'ambulance' THEN 'ambulance trusts' ELSE t.peer_group END AS peer_words,
           (SELECT string_agg(replace(x, '_', ' '), ', ' ORDER BY x) FROM unnest(coalesce(sc.domains, '{}')) AS x) AS domain_words
      FROM tables t
      LEFT JOIN defined df ON df.league = t.league AND df.peer_group = t.peer_group AND df.domain = t.domain
      LEFT JOIN scored sc ON sc.league = t.league AND sc.period_type = t.period_type AND sc.period = t.period
                          AND sc.peer_group = t.peer_group AND sc.domain = t.domain
      LEFT JOIN dw.nof_method_scope ms ON ms.method_year = t.method_year AND ms.peer_group = t.peer_group AND t.league = 'nof'
)
SELECT d.league, d.period_type, d.period,
       CASE d.period_type WHEN 'quarter' THEN p.quarter_label ELSE p.month_name END AS period_label,
       d.peer_group, d.domain, cardinality(d.scored_metrics) AS metrics_scored, d.metrics_defined, d.scored_metrics,
       d.domains, d.nof_metrics, d.organisations_ranked,
       (d.domain = 'overall' AND cardinality(d.domains) >= 2) AS overall_ranking,
       CASE WHEN d.domain = 'overall' AND cardinality(d.domains) >= 2 THEN
                'Overall ' || d.league_words || ' league of ' || d.peer_words || ': ranked on ' || cardinality(d.scored_metrics)
                || ' of the ' || d.metrics_defined || ' ' || d.league_words || ' metrics these datasets provide, from '
                || cardinality(d.domains) || ' domains (' || d.domain_words || ')'
            WHEN d.domain = 'overall' AND cardinality(d.domains) = 1 THEN
                'No overall ranking: the only ' || d.league_words || ' metrics scored for ' || d.peer_words || ' in ' || p2.label
                || ' are ' || d.domain_words || ' (' || array_to_string(d.scored_metrics, ', ') || '), '
                || cardinality(d.scored_metrics) || ' of the ' || d.metrics_defined || ' these datasets provide; an overall ranking needs two domains'
            WHEN d.domain = 'overall' THEN
                'No overall ranking: no ' || d.league_words || ' metric was scored for ' || d.peer_words || ' in ' || p2.label
            ELSE
                upper(left(d.domain, 1)) || replace(substr(d.domain, 2), '_', ' ') || ' league (' || d.league_words || ' metrics, ' || d.peer_words || '): ranked on '
                || cardinality(d.scored_metrics) || ' of the ' || d.metrics_defined || ' ' || replace(d.domain, '_', ' ')
                || ' metrics these datasets provide' || CASE WHEN cardinality(d.scored_metrics) > 0
                    THEN ' (' || array_to_string(d.scored_metrics, ', ') || ')' ELSE '' END || '; not an overall ranking'
       END || CASE WHEN d.nof_metrics IS NOT NULL
                   THEN '. NHS England''s NOF scores ' || d.peer_words || ' on about ' || d.nof_metrics || ' metrics' ELSE '' END
       || '.' AS scope
  FROM described d
  JOIN dw.dim_period p ON p.period = d.period
 CROSS JOIN LATERAL (SELECT CASE d.period_type WHEN 'quarter' THEN p.quarter_label ELSE p.month_name END AS label) p2;
COMMENT ON VIEW nof.league_scope IS 'What each league table ranks on: metrics scored out of those the league defines for the peer group, their domains, how many metrics NHS England''s NOF scores the peer group on (where known), whether it is an overall ranking, and a sentence saying so. Grain: league x period x peer group x domain.';
COMMENT ON COLUMN nof.league_scope.league IS 'nof or operational.';
COMMENT ON COLUMN nof.league_scope.period_type IS 'month or quarter.';
COMMENT ON COLUMN nof.league_scope.period IS 'First day of the month or quarter.';
COMMENT ON COLUMN nof.league_scope.period_label IS 'May 2019, or Q1 2019/20.';
COMMENT ON COLUMN nof.league_scope.peer_group IS 'acute, specialist or ambulance.';
COMMENT ON COLUMN nof.league_scope.domain IS 'overall, or the domain of a domain table.';
COMMENT ON COLUMN nof.league_scope.metrics_scored IS 'Metrics scored for the peer group in the period.';
COMMENT ON COLUMN nof.league_scope.metrics_defined IS 'Metrics the league defines for the peer group and domain (nof.league_metric): those these datasets provide.';
COMMENT ON COLUMN nof.league_scope.scored_metrics IS 'Short names of the metrics scored.';
COMMENT ON COLUMN nof.league_scope.domains IS 'Domains of the metrics scored.';
COMMENT ON COLUMN nof.league_scope.nof_metrics IS 'How many metrics NHS England''s NOF method scores the peer group on, where known (dw.nof_method_scope); NULL when not published.';
COMMENT ON COLUMN nof.league_scope.organisations_ranked IS 'Organisations ranked in the table.';
COMMENT ON COLUMN nof.league_scope.overall_ranking IS 'True only for an overall table whose metrics come from at least two domains.';
COMMENT ON COLUMN nof.league_scope.scope IS 'The table''s scope in a sentence, for a report''s title line.';
