-- Recomputes scores, averages and segments for the given months and their quarters.
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

    INSERT INTO dw.mart_league_score
        (period_type, period, peer_group, org_code, standard_code, value, status, threshold, comparator,
         target_kind, met, percentile, score)
    WITH input AS (
        SELECT 'month'::text AS period_type, m.period, m.period AS target_month, m.org_code, m.standard_code,
               m.value, m.status, m.denominator
          FROM dw.mart_standard m
         WHERE m.org_level = 'provider' AND m.breakdown = '' AND m.period = ANY (p_periods)
        UNION ALL
        SELECT 'quarter', q.period, (q.period + interval '2 months')::date, q.org_code, q.standard_code,
               q.value, q.status, q.denominator
          FROM dw.v_standard_quarter_provider q
         WHERE q.org_level = 'provider' AND q.breakdown = '' AND q.period = ANY (v_quarters)
    ), evidence AS (
        -- An acute trust runs an emergency department or a sizeable elective waiting list.
        SELECT period_type, period, org_code,
               bool_or((standard_code = 'ae_12h_dta_share' AND denominator >= 100)
                       OR (standard_code = 'rtt_18w' AND denominator >= 1000)) AS acute
          FROM input GROUP BY period_type, period, org_code
    ), peers AS (
        SELECT e.period_type, e.period, e.org_code,
               coalesce(ov.peer_group,
                        CASE WHEN o.is_ambulance THEN 'ambulance'
                             WHEN o.org_kind = 'nhs_trust' AND coalesce(o.nof_trust_type, 'Acute trust') = 'Acute trust'
                                  AND e.acute THEN 'acute' END) AS peer_group
          FROM evidence e
          JOIN dw.dim_organisation o ON o.org_code = e.org_code
          LEFT JOIN dw.organisation_override ov ON ov.org_code = e.org_code
    ), targeted AS (
        SELECT i.period_type, i.period, p.peer_group, i.org_code, i.standard_code, i.value, i.status,
               t.threshold, t.comparator, t.target_kind, s.higher_is_better,
               CASE WHEN i.value IS NULL OR i.status <> 'reported' THEN 'missing'
                    WHEN t.threshold IS NOT NULL AND dw.meets(i.value, t.threshold, t.comparator) THEN 'met'
                    ELSE 'ranked' END AS grp
          FROM input i
          JOIN peers p ON p.period_type = i.period_type AND p.period = i.period AND p.org_code = i.org_code
          JOIN dw.dim_standard s ON s.standard_code = i.standard_code AND s.in_league AND s.peer_group = p.peer_group
          LEFT JOIN LATERAL (
                SELECT coalesce(tm.interim, tm.constitutional) AS threshold,
                       CASE WHEN tm.interim IS NOT NULL THEN tm.interim_comparator ELSE tm.constitutional_comparator END AS comparator,
                       CASE WHEN tm.interim IS NOT NULL THEN 'interim' WHEN tm.constitutional IS NOT NULL THEN 'constitutional' END AS target_kind
                  FROM dw.standard_target_month tm
                 WHERE tm.standard_code = i.standard_code AND tm.period = i.target_month) t ON true
         WHERE p.peer_group IN ('acute', 'ambulance')
    ), ranked AS (
        SELECT *, percent_rank() OVER (
                      PARTITION BY period_type, period, peer_group, standard_code, grp
                      ORDER BY CASE WHEN higher_is_better THEN -value ELSE value END) AS pr
          FROM targeted
    )
    SELECT period_type, period, peer_group, org_code, standard_code, value, status, threshold, comparator, target_kind,
           CASE WHEN grp = 'met' THEN true WHEN grp = 'ranked' AND threshold IS NOT NULL THEN false END,
           CASE WHEN grp = 'ranked' THEN round(pr::numeric, 4) END,
           CASE grp WHEN 'missing' THEN NULL
                    WHEN 'met' THEN 1.00
                    ELSE round(CASE WHEN threshold IS NOT NULL THEN 2 + 2 * pr ELSE 1 + 3 * pr END::numeric, 2) END
      FROM ranked;

    INSERT INTO dw.mart_league
        (period_type, period, peer_group, domain, org_code, average_score, metrics_scored, metrics_missing,
         segment, four_hour_not_reported)
    WITH per_domain AS (
        SELECT sc.period_type, sc.period, sc.peer_group, d.domain, sc.org_code,
               dw.average_score(array_agg(sc.score)) AS average_score,
               count(sc.score)::integer AS metrics_scored,
               coalesce(array_agg(sc.standard_code ORDER BY sc.standard_code) FILTER (WHERE sc.score IS NULL), '{}') AS missing,
               bool_or(sc.standard_code = 'ae_4h_all' AND sc.status = 'not_reported_field_test') AS field_test
          FROM dw.mart_league_score sc
          JOIN dw.dim_standard s ON s.standard_code = sc.standard_code
          CROSS JOIN LATERAL (VALUES ('overall'), (s.league_domain)) AS d(domain)
         WHERE (sc.period_type = 'month' AND sc.period = ANY (p_periods))
            OR (sc.period_type = 'quarter' AND sc.period = ANY (v_quarters))
         GROUP BY sc.period_type, sc.period, sc.peer_group, d.domain, sc.org_code
    ), cuts AS (
        SELECT period_type, period, peer_group, domain,
               percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY average_score) AS cuts
          FROM per_domain WHERE average_score IS NOT NULL
         GROUP BY period_type, period, peer_group, domain
    )
    SELECT p.period_type, p.period, p.peer_group, p.domain, p.org_code, p.average_score, p.metrics_scored,
           p.missing, dw.quartile_segment(p.average_score, c.cuts), coalesce(p.field_test, false)
      FROM per_domain p
      LEFT JOIN cuts c USING (period_type, period, peer_group, domain);
END $$;
COMMENT ON FUNCTION dw.refresh_league(date[]) IS 'Recomputes league scores, averages and segments for the given months and the quarters holding them.';
