-- 007 league tables and segments, NOF 2025/26 style, materialised per period by the loader.
-- Method (../shared/docs/NOF_METHOD.md §1.3-1.6): each metric scored 1 (best) to 4; with a
-- standard, sites meeting it score 1.00 and the rest spread over 2.00-4.00 by percentile
-- rank; without one, 1.00-4.00 by percentile rank; ties take the best score; missing data
-- is excluded. Average of available scores (2 dp); segments 1-4 by quartile of the averages;
-- rank by segment then average, standard competition ranking (1, 2, 2, 4).

-- Quarterly figures from the monthly mart: flows pooled over the months (rates from summed
-- numerators and denominators), month-end snapshots from the quarter's last month.
CREATE VIEW dw.v_standard_quarter AS
WITH m AS (
    SELECT m.*, s.aggregation, s.quarter_method,
           (m.period = (m.quarter_start + interval '2 months')::date) AS is_last_month
      FROM dw.mart_standard m
      JOIN dw.dim_standard s ON s.standard_code = m.standard_code
     WHERE s.quarter_method <> 'none'
)
SELECT quarter_start AS period, org_level, org_code, max(region_code) AS region_code, standard_code, breakdown,
       CASE quarter_method WHEN 'last_month' THEN max(numerator) FILTER (WHERE is_last_month) ELSE sum(numerator) END AS numerator,
       CASE quarter_method WHEN 'last_month' THEN max(denominator) FILTER (WHERE is_last_month) ELSE sum(denominator) END AS denominator,
       CASE WHEN quarter_method = 'last_month' THEN max(value) FILTER (WHERE is_last_month)
            WHEN aggregation = 'pct' THEN 100.0 * sum(numerator) / nullif(sum(denominator), 0)
            WHEN aggregation = 'mean' THEN sum(numerator) / nullif(sum(denominator), 0)
            WHEN aggregation = 'sum' THEN sum(value)
       END AS value,
       CASE WHEN bool_or(status = 'reported' AND (quarter_method <> 'last_month' OR is_last_month)) THEN 'reported'
            WHEN bool_or(status = 'not_reported_field_test') THEN 'not_reported_field_test'
            ELSE 'not_submitted' END AS status,
       count(*)::integer AS months
  FROM m
 GROUP BY quarter_start, org_level, org_code, standard_code, breakdown, quarter_method, aggregation
HAVING quarter_method <> 'last_month' OR bool_or(is_last_month);

-- The target in force for a standard in a month: the interim planning target when one is in
-- force, else the constitutional standard. Only targets with a threshold and a comparison.
-- SECURITY DEFINER: the public views call it, and read-only roles cannot read dw tables.
CREATE FUNCTION dw.target_in_force(p_standard text, p_month date, p_kind text DEFAULT NULL)
RETURNS TABLE (threshold numeric, comparator text, target_kind text, measure text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, dw AS $$
    SELECT t.threshold, t.comparator, t.target_kind, t.measure
      FROM dw.standard_target t
     WHERE t.standard_code = p_standard AND t.threshold IS NOT NULL AND t.comparator IN ('>=', '<=', '<', '>')
       AND t.target_kind IN ('constitutional', 'interim')
       AND (t.effective_from IS NULL OR t.effective_from <= p_month)
       AND (t.effective_to IS NULL OR t.effective_to >= p_month)
       AND (p_kind IS NULL OR t.target_kind = p_kind)
     ORDER BY (t.target_kind = 'interim') DESC, t.effective_from DESC NULLS LAST
     LIMIT 1
$$;

-- Whether `value` meets `threshold` under `comparator`.
CREATE FUNCTION dw.meets(value numeric, threshold numeric, comparator text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE comparator WHEN '>=' THEN value >= threshold WHEN '<=' THEN value <= threshold
                           WHEN '<' THEN value < threshold WHEN '>' THEN value > threshold END
$$;

-- The NOF raw delivery score: the mean of the non-zero, non-missing metric scores, 2 dp
-- (zero means "not scored" in the official files).
CREATE FUNCTION dw.average_score(scores numeric[]) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT round(avg(s), 2) FROM unnest(scores) AS s WHERE s IS NOT NULL AND s <> 0
$$;

-- Segment 1-4 from the quartile cut points (25th, 50th, 75th percentile) of the averages.
CREATE FUNCTION dw.quartile_segment(average numeric, cuts double precision[]) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN average IS NULL THEN NULL
                WHEN average <= cuts[1] THEN 1 WHEN average <= cuts[2] THEN 2
                WHEN average <= cuts[3] THEN 3 ELSE 4 END::smallint
$$;

-- The finance override: a trust in deficit (or on deficit support) is no better than segment 3.
CREATE FUNCTION dw.adjusted_segment(segment integer, in_deficit boolean) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN in_deficit AND segment < 3 THEN 3 ELSE segment END::smallint
$$;

CREATE TABLE dw.mart_league_score (
    period_type   text NOT NULL CHECK (period_type IN ('month', 'quarter')),
    period        date NOT NULL,
    peer_group    text NOT NULL,
    org_code      text NOT NULL,
    standard_code text NOT NULL REFERENCES dw.dim_standard,
    value         numeric,
    status        text NOT NULL,
    threshold     numeric,
    comparator    text,
    target_kind   text,
    met           boolean,
    percentile    numeric,
    score         numeric(4,2),
    PRIMARY KEY (period_type, period, peer_group, standard_code, org_code)
);

CREATE TABLE dw.mart_league (
    period_type     text NOT NULL,
    period          date NOT NULL,
    peer_group      text NOT NULL,
    domain          text NOT NULL,
    org_code        text NOT NULL,
    average_score   numeric(4,2),
    metrics_scored  integer NOT NULL,
    metrics_missing text[] NOT NULL,
    segment         smallint,
    four_hour_not_reported boolean NOT NULL DEFAULT false,
    PRIMARY KEY (period_type, period, peer_group, domain, org_code)
);

-- Recomputes scores, averages and segments for the given months and their quarters.
CREATE FUNCTION dw.refresh_league(p_periods date[]) RETURNS void
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
          FROM dw.v_standard_quarter q
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
          LEFT JOIN LATERAL dw.target_in_force(i.standard_code, i.target_month) t ON true
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

-- The loader's hook, now refreshing the marts for the periods a load touched.
CREATE OR REPLACE FUNCTION dw.after_load(p_dataset text, p_periods date[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF p_dataset = 'ambulance' THEN
        UPDATE dw.dim_organisation o SET is_ambulance = true
         WHERE NOT o.is_ambulance
           AND EXISTS (SELECT 1 FROM dw.fact_ambulance a
                        WHERE a.org_code = o.org_code AND a.org_level = 'trust' AND a.period = ANY (p_periods));
    ELSIF p_dataset IN ('nof_data', 'nof_league') THEN
        UPDATE dw.dim_organisation o
           SET nof_trust_type = s.trust_type, nof_trust_subtype = s.trust_subtype
          FROM (SELECT DISTINCT ON (org_code) org_code, trust_type, trust_subtype
                  FROM (SELECT org_code, trust_type, trust_subtype, period FROM dw.fact_nof_league
                         WHERE period = ANY (p_periods)
                        UNION ALL
                        SELECT org_code, trust_type, trust_subtype, period FROM dw.fact_nof_metric
                         WHERE period = ANY (p_periods)) x
                 WHERE trust_type IS NOT NULL
                 ORDER BY org_code, period DESC) s
         WHERE s.org_code = o.org_code;
        RETURN;
    END IF;
    PERFORM dw.refresh_standards(p_dataset, p_periods);
    PERFORM dw.refresh_league(p_periods);
END $$;
