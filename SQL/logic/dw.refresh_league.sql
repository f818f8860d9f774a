-- Recomputes both league tables (nof and operational, dw.league_metric) for the given months
-- and the quarters holding them. NOF 2025/26 method (../shared/docs/NOF_METHOD.md §1.3-1.6):
-- each metric scored 1 (best) to 4 by percentile rank among the peer group (ties take the best
-- score); for the operational table, meeting the target in force scores 1.00 and the rest
-- spread over 2.00-4.00. Peer groups come from trust types (dw.v_organisation_peer); an
-- organisation no source types falls back to its activity (A&E or a sizeable RTT list: acute;
-- AmbSYS: ambulance), flagged 'activity'. An organisation is ranked when scored on at least
-- two metrics (one in a domain table) and at least half of the metrics its peer group has
-- data for in the period; averages of the ranked only are cut into segments: quartiles, or the
-- defined thresholds of the period's method year (dw.nof_method_for). A metric that fewer than
-- half of the peer group (or fewer than 3 organisations) report in the period is scored for
-- nobody (status too_few_reporting). An overall table ranks an organisation only when its
-- scored metrics come from at least two domains (urgent and emergency care, elective, cancer,
-- diagnostics): a "league" of cancer metrics alone is the cancer league, not an overall one.
-- The same months' peer comparison (dw.mart_peer: each provider's rank and its peer group's
-- median for every standard but counts) is refreshed here too, from the same peer groups.
CREATE OR REPLACE FUNCTION dw.refresh_league(p_periods date[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_quarters date[];
BEGIN
    SELECT coalesce(array_agg(DISTINCT quarter_start), '{}') INTO v_quarters
      FROM dw.dim_period WHERE period = ANY (p_periods);

    DELETE FROM dw.mart_league_score
     WHERE (period_type = 'month' AND period = ANY (p_periods)) OR (period_type = 'quarter' AND period = ANY (v_quarters));
    DELETE FROM dw.mart_league
     WHERE (period_type = 'month' AND period = ANY (p_periods)) OR (period_type = 'quarter' AND period = ANY (v_quarters));

    IF to_regclass('pg_temp.nofdb_league_input') IS NULL THEN
        CREATE TEMP TABLE nofdb_league_input (period_type text, period date, target_month date, org_code text,
            standard_code text, value numeric, status text, denominator numeric) ON COMMIT DROP;
        CREATE TEMP TABLE nofdb_league_peer (period_type text, period date, org_code text, peer_group text, source text) ON COMMIT DROP;
    END IF;
    DELETE FROM nofdb_league_input;
    DELETE FROM nofdb_league_peer;
    INSERT INTO nofdb_league_input
    SELECT 'month', m.period, m.period, m.org_code, m.standard_code, m.value, m.status, m.denominator
      FROM dw.mart_standard m
     WHERE m.org_level = 'provider' AND m.breakdown = '' AND m.period = ANY (p_periods)
    UNION ALL
    SELECT 'quarter', q.period, (q.period + interval '2 months')::date, q.org_code, q.standard_code, q.value, q.status, q.denominator
      FROM dw.v_standard_quarter_provider q
     WHERE q.breakdown = '' AND q.period = ANY (v_quarters);

    INSERT INTO nofdb_league_peer
    WITH evidence AS (
        SELECT period_type, period, org_code,
               bool_or((standard_code = 'ae_12h_dta_share' AND denominator >= 100)
                       OR (standard_code = 'rtt_18w' AND denominator >= 1000)) AS acute,
               bool_or(standard_code LIKE 'amb\_%') AS ambulance
          FROM nofdb_league_input GROUP BY period_type, period, org_code
    )
    SELECT e.period_type, e.period, e.org_code,
           coalesce(v.peer_group, CASE WHEN e.ambulance THEN 'ambulance' WHEN o.org_kind = 'nhs_trust' AND e.acute THEN 'acute' END),
           coalesce(v.source, 'activity')
      FROM evidence e
      JOIN dw.dim_organisation o ON o.org_code = e.org_code
      LEFT JOIN dw.v_organisation_peer v ON v.org_code = e.org_code AND v.peer_group IS NOT NULL;
    -- Temp tables have no statistics until analysed; without them the planner takes each for
    -- one row and nests loops over a rebuild's ~10^6 inputs (minutes instead of seconds).
    ANALYZE nofdb_league_input;
    ANALYZE nofdb_league_peer;

    -- Peers: every standard's rank among the peer group that month (1 = best, ties share a
    -- rank) and the peer group's median; counts are not compared (they follow a trust's size).
    DELETE FROM dw.mart_peer WHERE period = ANY (p_periods);
    INSERT INTO dw.mart_peer (period, standard_code, org_code, peer_group, peer_rank, peers_ranked, peer_median)
    WITH reported AS (
        SELECT i.period, i.standard_code, i.org_code, p.peer_group,
               CASE WHEN s.higher_is_better THEN -i.value ELSE i.value END AS sort_value, i.value
          FROM nofdb_league_input i
          JOIN nofdb_league_peer p ON p.period_type = i.period_type AND p.period = i.period AND p.org_code = i.org_code
          JOIN dw.dim_standard s ON s.standard_code = i.standard_code
         WHERE i.period_type = 'month' AND p.peer_group IS NOT NULL AND i.status = 'reported' AND i.value IS NOT NULL
           AND s.unit <> 'count'
    ), medians AS (
        SELECT period, standard_code, peer_group, percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median
          FROM reported GROUP BY period, standard_code, peer_group
    )
    SELECT r.period, r.standard_code, r.org_code, r.peer_group,
           rank() OVER w, count(*) OVER (PARTITION BY r.period, r.standard_code, r.peer_group), m.median
      FROM reported r
      JOIN medians m USING (period, standard_code, peer_group)
    WINDOW w AS (PARTITION BY r.period, r.standard_code, r.peer_group ORDER BY r.sort_value);

    INSERT INTO dw.mart_league_score
        (league, period_type, period, peer_group, org_code, standard_code, metric_id, value, status, threshold, comparator,
         target_kind, met, percentile, score)
    WITH targeted AS (
        SELECT lm.league, i.period_type, i.period, p.peer_group, i.org_code, i.standard_code, lm.metric_id, i.value, i.status,
               lm.scoring, s.higher_is_better,
               CASE WHEN lm.scoring = 'target_in_force' THEN t.target END AS threshold,
               CASE WHEN lm.scoring = 'target_in_force' THEN t.comparator END AS comparator,
               CASE WHEN lm.scoring = 'target_in_force' THEN t.target_kind END AS target_kind,
               CASE WHEN i.value IS NULL OR i.status <> 'reported' THEN 'missing'
                    WHEN lm.scoring = 'target_in_force' AND t.target IS NOT NULL AND dw.meets(i.value, t.target, t.comparator) THEN 'met'
                    ELSE 'ranked' END AS grp
          FROM nofdb_league_input i
          JOIN nofdb_league_peer p ON p.period_type = i.period_type AND p.period = i.period AND p.org_code = i.org_code
          JOIN dw.league_metric lm ON lm.standard_code = i.standard_code AND lm.peer_group = p.peer_group
          JOIN dw.dim_standard s ON s.standard_code = i.standard_code
          LEFT JOIN dw.v_target_in_force t ON t.standard_code = i.standard_code AND t.period = i.target_month
    ), reporting AS (
        -- A metric reported by fewer than half of the peer group's organisations that report anything
        -- in the period (or by fewer than 3) is scored for nobody: a percentile among one or two
        -- trusts, or among the few in a one-trust file, ranks nothing.
        SELECT t.*,
               count(*) FILTER (WHERE t.grp <> 'missing') OVER (PARTITION BY t.league, t.period_type, t.period, t.peer_group, t.standard_code) AS n_metric,
               coalesce(pc.n, 0) AS n_peer
          FROM targeted t
          LEFT JOIN (SELECT league, period_type, period, peer_group, count(DISTINCT org_code) AS n
                       FROM targeted WHERE grp <> 'missing' GROUP BY league, period_type, period, peer_group) pc
            USING (league, period_type, period, peer_group)
    ), sparse AS (
        SELECT league, period_type, period, peer_group, org_code, standard_code, metric_id, value, scoring, higher_is_better,
               threshold, comparator, target_kind,
               CASE WHEN grp <> 'missing' AND (n_metric < 3 OR 2 * n_metric < n_peer) THEN 'too_few_reporting' ELSE status END AS status,
               CASE WHEN grp <> 'missing' AND (n_metric < 3 OR 2 * n_metric < n_peer) THEN 'missing' ELSE grp END AS grp
          FROM reporting
    ), ranked AS (
        SELECT *, percent_rank() OVER (
                      PARTITION BY league, period_type, period, peer_group, standard_code, grp
                      ORDER BY CASE WHEN higher_is_better THEN -value ELSE value END) AS pr
          FROM sparse
    )
    SELECT league, period_type, period, peer_group, org_code, standard_code, metric_id, value, status, threshold, comparator,
           target_kind,
           CASE WHEN grp = 'met' THEN true WHEN grp = 'ranked' AND threshold IS NOT NULL THEN false END,
           CASE WHEN grp = 'ranked' THEN round(pr::numeric, 4) END,
           CASE grp WHEN 'missing' THEN NULL
                    WHEN 'met' THEN 1.00
                    ELSE round(CASE WHEN threshold IS NOT NULL THEN 2 + 2 * pr ELSE 1 + 3 * pr END::numeric, 2) END
      FROM ranked;

    INSERT INTO dw.mart_league
        (league, period_type, period, peer_group, domain, org_code, peer_group_source, average_score, metrics_scored,
         metrics_expected, metrics_missing, ranked, not_ranked_reason, segment, method_year, four_hour_not_reported,
         domains_scored, league_rank)
    WITH scores AS (
        SELECT sc.league, sc.period_type, sc.period, sc.peer_group, sc.org_code, sc.standard_code, sc.score, sc.status, d.domain,
               s.league_domain AS metric_domain
          FROM dw.mart_league_score sc
          JOIN dw.dim_standard s ON s.standard_code = sc.standard_code
          CROSS JOIN LATERAL (VALUES ('overall'), (s.league_domain)) AS d(domain)
         WHERE (sc.period_type = 'month' AND sc.period = ANY (p_periods))
            OR (sc.period_type = 'quarter' AND sc.period = ANY (v_quarters))
    ), expected AS (
        SELECT league, period_type, period, peer_group, domain, count(DISTINCT standard_code)::integer AS n
          FROM scores WHERE score IS NOT NULL
         GROUP BY league, period_type, period, peer_group, domain
    ), per_domain AS (
        SELECT league, period_type, period, peer_group, domain, org_code,
               dw.average_score(array_agg(score)) AS average_score,
               count(score)::integer AS metrics_scored,
               count(DISTINCT metric_domain) FILTER (WHERE score IS NOT NULL)::integer AS domains_scored,
               coalesce(array_agg(standard_code ORDER BY standard_code) FILTER (WHERE score IS NULL), '{}') AS missing,
               min(metric_domain) FILTER (WHERE score IS NOT NULL) AS only_domain,
               bool_or(standard_code IN ('ae_4h_all', 'ae_4h_type1') AND status = 'not_reported_field_test') AS field_test
          FROM scores
         GROUP BY league, period_type, period, peer_group, domain, org_code
    ), judged AS (
        SELECT p.*, coalesce(e.n, 0) AS metrics_expected,
               CASE WHEN p.domain = 'overall' THEN 2 ELSE 1 END AS minimum,
               p.metrics_scored >= CASE WHEN p.domain = 'overall' THEN 2 ELSE 1 END
                   AND 2 * p.metrics_scored >= coalesce(e.n, 0)
                   AND (p.domain <> 'overall' OR p.domains_scored >= 2) AS ranked
          FROM per_domain p
          LEFT JOIN expected e USING (league, period_type, period, peer_group, domain)
    ), cuts AS (
        SELECT league, period_type, period, peer_group, domain,
               percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY average_score) AS cuts
          FROM judged WHERE ranked AND average_score IS NOT NULL
         GROUP BY league, period_type, period, peer_group, domain
    )
    -- The rank among the ranked is stored (partitioned by whether a row is ranked, so only the
    -- ranked count): readers of one trust or one period need no window over all of history.
    SELECT x.*,
           CASE WHEN x.ranked AND x.segment IS NOT NULL THEN
                rank() OVER (PARTITION BY x.league, x.period_type, x.period, x.peer_group, x.domain,
                                          x.ranked AND x.segment IS NOT NULL
                             ORDER BY x.segment, x.average_score)
           END
      FROM (
    SELECT j.league, j.period_type, j.period, j.peer_group, j.domain, j.org_code, coalesce(pe.source, 'activity'),
           j.average_score, j.metrics_scored, j.metrics_expected, j.missing, j.ranked,
           CASE WHEN j.ranked THEN NULL
                WHEN j.metrics_scored = 0 THEN 'no metric scored: no data, or not reported'
                WHEN j.metrics_scored < j.minimum
                    THEN 'scored on ' || j.metrics_scored || ' metric; at least ' || j.minimum || ' are needed'
                WHEN j.domain = 'overall' AND j.domains_scored < 2
                    THEN 'scored in one domain only (' || replace(j.only_domain, '_', ' ')
                         || '): an overall ranking needs metrics from at least two; the ' || replace(j.only_domain, '_', ' ') || ' league ranks it'
                ELSE 'scored on ' || j.metrics_scored || ' of the ' || j.metrics_expected || ' metrics its peer group has data for; at least half are needed'
           END,
           CASE WHEN j.ranked THEN
                CASE m.segmentation WHEN 'threshold' THEN dw.threshold_segment(j.average_score, m.thresholds)
                                    ELSE dw.quartile_segment(j.average_score, c.cuts) END
           END,
           m.financial_year, coalesce(j.field_test, false), j.domains_scored
      FROM judged j
      LEFT JOIN cuts c USING (league, period_type, period, peer_group, domain)
      LEFT JOIN nofdb_league_peer pe ON pe.period_type = j.period_type AND pe.period = j.period AND pe.org_code = j.org_code
      CROSS JOIN LATERAL dw.nof_method_for(j.period) m
           ) AS x(league, period_type, period, peer_group, domain, org_code, peer_group_source, average_score, metrics_scored,
                  metrics_expected, metrics_missing, ranked, not_ranked_reason, segment, method_year, four_hour_not_reported,
                  domains_scored);
END $$;
COMMENT ON FUNCTION dw.refresh_league(date[]) IS 'Recomputes the nof and operational league tables (scores, averages, who is ranked, segments) for the given months and their quarters.';
