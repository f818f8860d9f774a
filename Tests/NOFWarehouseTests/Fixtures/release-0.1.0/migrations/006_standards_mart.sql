-- 006 standards mart: one row per period x organisation x standard (x breakdown), with
-- England and region rows computed from providers, refreshed by the loader for the periods
-- each load touches. Reports and league tables read this instead of the raw facts.

-- The p-th quantile (0..1) of a distribution given as weekly counts: band i covers weeks
-- [i-1, i); linear interpolation within the band (the NHS England RTT method). NULL when the
-- quantile falls in the open-ended last band (e.g. 'Gt 104 Weeks'), or there is no data.
CREATE FUNCTION dw.band_percentile(bands bigint[], p numeric) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    total numeric := 0;
    cum numeric := 0;
    target numeric;
    n integer := coalesce(cardinality(bands), 0);
    b numeric;
BEGIN
    IF n = 0 THEN RETURN NULL; END IF;
    SELECT sum(x) INTO total FROM unnest(bands) AS x;
    IF total IS NULL OR total = 0 THEN RETURN NULL; END IF;
    target := total * p;
    FOR i IN 1..n LOOP
        b := coalesce(bands[i], 0);
        IF b > 0 AND cum + b >= target THEN
            IF i = n THEN RETURN NULL; END IF;
            RETURN (i - 1) + (target - cum) / b;
        END IF;
        cum := cum + b;
    END LOOP;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION dw.band_percentile(bigint[], numeric) IS 'Quantile p of a distribution of weekly bands, interpolated within the band; NULL in the open last band.';

-- Sum of array elements in a 1-based slice [from, to] (NULL elements count 0).
CREATE FUNCTION dw.array_slice_sum(a anyarray, from_index integer, to_index integer) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT sum(x)::numeric FROM unnest(a[from_index:to_index]) AS x
$$;

-- Provider-level rows of every standard, computed from the facts (not materialised: the
-- refresh below reads it for the periods a load touched; each branch reads its fact once,
-- so a filter on dataset and period prunes to the partitions concerned). The A&E
-- field-test sites' four-hour measures are NULL with status not_reported_field_test.
CREATE VIEW dw.v_standard_provider AS
SELECT 'ae'::text AS dataset, f.period, f.org_code, f.region_code, x.standard_code, ''::text AS breakdown,
       x.numerator, x.denominator, x.value, x.status
  FROM dw.fact_ae f
 CROSS JOIN LATERAL (
        SELECT f.att_type1 + f.att_type2 + f.att_other + coalesce(f.att_booked_type1, 0)
                   + coalesce(f.att_booked_type2, 0) + coalesce(f.att_booked_other, 0) AS att_all,
               f.over4_type1 + f.over4_type2 + f.over4_other + coalesce(f.over4_booked_type1, 0)
                   + coalesce(f.over4_booked_type2, 0) + coalesce(f.over4_booked_other, 0) AS over4_all,
               f.att_type1 + coalesce(f.att_booked_type1, 0) AS att_t1,
               f.over4_type1 + coalesce(f.over4_booked_type1, 0) AS over4_t1,
               f.emadm_type1 + f.emadm_type2 + f.emadm_other_ae AS emadm_ae,
               EXISTS (SELECT 1 FROM dw.ae_field_test_site s
                        WHERE s.org_code = f.org_code
                          AND f.period BETWEEN s.first_month_not_reported AND s.last_month_not_reported) AS field_test
       ) c
 CROSS JOIN LATERAL (VALUES
        ('ae_4h_all', c.att_all > 0,
         CASE WHEN c.field_test THEN NULL ELSE (c.att_all - c.over4_all)::numeric END,
         CASE WHEN c.field_test THEN NULL ELSE c.att_all::numeric END,
         CASE WHEN c.field_test OR c.att_all = 0 THEN NULL ELSE 100.0 * (c.att_all - c.over4_all) / c.att_all END,
         CASE WHEN c.field_test THEN 'not_reported_field_test' ELSE 'reported' END),
        ('ae_4h_type1', c.att_t1 > 0,
         CASE WHEN c.field_test THEN NULL ELSE (c.att_t1 - c.over4_t1)::numeric END,
         CASE WHEN c.field_test THEN NULL ELSE c.att_t1::numeric END,
         CASE WHEN c.field_test OR c.att_t1 = 0 THEN NULL ELSE 100.0 * (c.att_t1 - c.over4_t1) / c.att_t1 END,
         CASE WHEN c.field_test THEN 'not_reported_field_test' ELSE 'reported' END),
        ('ae_12h_dta_count', c.emadm_ae > 0 OR f.dta_12_plus > 0,
         f.dta_12_plus::numeric, NULL::numeric, f.dta_12_plus::numeric, 'reported'),
        ('ae_12h_dta_share', c.emadm_ae > 0,
         f.dta_12_plus::numeric, c.emadm_ae::numeric,
         CASE WHEN c.emadm_ae > 0 THEN 100.0 * f.dta_12_plus / c.emadm_ae END, 'reported')
       ) AS x(standard_code, keep, numerator, denominator, value, status)
 WHERE x.keep
UNION ALL
SELECT 'ambulance', a.period, a.org_code, a.region_code, x.standard_code, '',
       x.total_s / 60.0, x.incidents::numeric,
       CASE WHEN x.p90_s IS NOT NULL THEN x.p90_s / 60.0
            WHEN x.incidents > 0 THEN x.total_s / 60.0 / x.incidents END,
       CASE WHEN coalesce(x.p90_s, x.total_s) IS NULL THEN 'not_submitted' ELSE 'reported' END
  FROM dw.fact_ambulance a
 CROSS JOIN LATERAL (VALUES
        ('amb_c1_mean', a.c1_total_s, a.c1_incidents, NULL::bigint),
        ('amb_c1_p90',  NULL, NULL, a.c1_p90_s),
        ('amb_c2_mean', a.c2_total_s, a.c2_incidents, NULL),
        ('amb_c2_p90',  NULL, NULL, a.c2_p90_s),
        ('amb_c3_p90',  NULL, NULL, a.c3_p90_s),
        ('amb_c4_p90',  NULL, NULL, a.c4_p90_s)) AS x(standard_code, total_s, incidents, p90_s)
 WHERE a.org_level = 'trust'
UNION ALL
SELECT 'rtt', r.period, r.provider_code, o.region_code, x.standard_code, '', x.numerator, r.total_all::numeric,
       x.value, 'reported'
  FROM dw.fact_rtt_provider r
  LEFT JOIN dw.dim_organisation o ON o.org_code = r.provider_code
 CROSS JOIN LATERAL (
        SELECT dw.array_slice_sum(r.bands, 1, 18) AS within_18,
               dw.array_slice_sum(r.bands, 53, cardinality(r.bands)) AS over_52
       ) c
 CROSS JOIN LATERAL (VALUES
        ('rtt_18w', c.within_18, 100.0 * c.within_18 / r.total_all),
        ('rtt_52w_count', c.over_52, c.over_52),
        ('rtt_52w_share', c.over_52, 100.0 * c.over_52 / r.total_all),
        ('rtt_median_weeks', NULL::numeric, dw.band_percentile(r.bands, 0.5)),
        ('rtt_p92_weeks', NULL::numeric, dw.band_percentile(r.bands, 0.92))
       ) AS x(standard_code, numerator, value)
 WHERE r.part = '2' AND r.bands IS NOT NULL AND r.total_all > 0
UNION ALL
SELECT 'diagnostics', d.period, d.org_code, min(d.region_code), 'dm01_6w', '', sum(d.waiting_6plus), sum(d.total_waiting),
       100.0 * sum(d.waiting_6plus) / sum(d.total_waiting), 'reported'
  FROM dw.fact_diagnostics d
 GROUP BY d.period, d.org_code
HAVING sum(d.total_waiting) > 0
UNION ALL
SELECT 'diagnostics', d.period, d.org_code, d.region_code, 'dm01_6w', t.test_name, d.waiting_6plus, d.total_waiting,
       100.0 * d.waiting_6plus / d.total_waiting, 'reported'
  FROM dw.fact_diagnostics d
  JOIN dw.dim_diagnostic_test t ON t.test_id = d.test_id
 WHERE d.total_waiting > 0
UNION ALL
SELECT 'cancer', c.period, c.org_code, min(o.region_code),
       CASE s.short_code WHEN 'FDS28' THEN 'cancer_fds28' WHEN 'D31' THEN 'cancer_31d' ELSE 'cancer_62d' END, '',
       sum(c.within_standard), sum(c.total_treated), 100.0 * sum(c.within_standard) / sum(c.total_treated), 'reported'
  FROM dw.fact_cancer c
  JOIN dw.dim_cancer_standard s ON s.cancer_standard = c.cancer_standard
  LEFT JOIN dw.dim_organisation o ON o.org_code = c.org_code
 WHERE c.cancer_standard = '28-day FDS' OR c.modality = 'ALL MODALITIES'
 GROUP BY c.period, c.org_code, s.short_code
HAVING sum(c.total_treated) > 0;

-- The materialised standards: provider rows plus England ('ENG') and region rows made
-- from them. Refreshed per (dataset, period) by the loader in the load's transaction.
CREATE TABLE dw.mart_standard (
    period         date NOT NULL,
    quarter_start  date NOT NULL,    -- the NHS financial quarter holding `period`
    org_level      text NOT NULL CHECK (org_level IN ('provider', 'region', 'england')),
    org_code       text NOT NULL,
    region_code    text,
    standard_code  text NOT NULL REFERENCES dw.dim_standard,
    breakdown      text NOT NULL DEFAULT '',
    numerator      numeric,
    denominator    numeric,
    value          numeric,
    status         text NOT NULL CHECK (status IN ('reported', 'not_reported_field_test', 'not_submitted')),
    providers      integer,          -- for England/region rows: providers with data
    PRIMARY KEY (period, standard_code, org_level, org_code, breakdown)
);
CREATE INDEX mart_standard_org_idx ON dw.mart_standard (org_code, standard_code, period);
CREATE INDEX mart_standard_quarter_idx ON dw.mart_standard (quarter_start, standard_code);

-- The financial quarter of a month (April-June = Q1), as its first day.
CREATE FUNCTION dw.quarter_start(p date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (date_trunc('quarter', p - interval '3 months') + interval '3 months')::date
$$;

-- Recomputes the mart rows of one dataset for the given periods.
CREATE FUNCTION dw.refresh_standards(p_dataset text, p_periods date[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM dw.mart_standard m
     USING dw.dim_standard s
     WHERE s.standard_code = m.standard_code AND s.dataset = p_dataset AND m.period = ANY (p_periods);

    INSERT INTO dw.mart_standard
        (period, quarter_start, org_level, org_code, region_code, standard_code, breakdown, numerator, denominator, value, status)
    SELECT period, dw.quarter_start(period), 'provider', org_code, region_code, standard_code, breakdown, numerator,
           denominator, value, status
      FROM dw.v_standard_provider
     WHERE dataset = p_dataset AND period = ANY (p_periods);

    -- England and regions from providers: rates from summed numerators and denominators,
    -- never averaged. Sites not reporting (NULL numerator and denominator) drop out of both.
    INSERT INTO dw.mart_standard
        (period, quarter_start, org_level, org_code, region_code, standard_code, breakdown, numerator, denominator, value, status, providers)
    SELECT m.period, m.quarter_start, lvl.org_level, lvl.org_code, lvl.region_code, m.standard_code, m.breakdown,
           sum(m.numerator), sum(m.denominator),
           CASE s.aggregation
               WHEN 'pct'  THEN 100.0 * sum(m.numerator) / nullif(sum(m.denominator), 0)
               WHEN 'mean' THEN sum(m.numerator) / nullif(sum(m.denominator), 0)
               WHEN 'sum'  THEN sum(m.value)
           END,
           'reported', count(m.value)
      FROM dw.mart_standard m
      JOIN dw.dim_standard s ON s.standard_code = m.standard_code
      CROSS JOIN LATERAL (VALUES ('england', 'ENG', NULL::text), ('region', m.region_code, m.region_code))
           AS lvl(org_level, org_code, region_code)
     WHERE s.dataset = p_dataset AND m.period = ANY (p_periods) AND m.org_level = 'provider'
       AND s.aggregation IN ('pct', 'mean', 'sum') AND lvl.org_code IS NOT NULL
     GROUP BY m.period, m.quarter_start, lvl.org_level, lvl.org_code, lvl.region_code, m.standard_code, m.breakdown, s.aggregation;

    IF p_dataset = 'rtt' THEN
        -- Median and 92nd percentile for England and regions from the summed weekly bands.
        INSERT INTO dw.mart_standard
            (period, quarter_start, org_level, org_code, region_code, standard_code, breakdown, numerator, denominator, value, status, providers)
        WITH p AS (
            SELECT r.period, lvl.org_level, lvl.org_code, lvl.region_code, r.total_all, r.bands
              FROM dw.fact_rtt_provider r
              LEFT JOIN dw.dim_organisation o ON o.org_code = r.provider_code
              CROSS JOIN LATERAL (VALUES ('england', 'ENG', NULL::text), ('region', o.region_code, o.region_code))
                   AS lvl(org_level, org_code, region_code)
             WHERE r.part = '2' AND r.period = ANY (p_periods) AND r.bands IS NOT NULL AND lvl.org_code IS NOT NULL
        ), totals AS (
            SELECT period, org_level, org_code, min(region_code) AS region_code,
                   sum(total_all) AS total, count(*)::integer AS providers
              FROM p GROUP BY period, org_level, org_code
        ), summed AS (
            SELECT p.period, p.org_level, p.org_code, u.i, sum(u.b) AS s
              FROM p CROSS JOIN LATERAL unnest(p.bands) WITH ORDINALITY AS u(b, i)
             GROUP BY p.period, p.org_level, p.org_code, u.i
        ), arrays AS (
            SELECT period, org_level, org_code, array_agg(s ORDER BY i)::bigint[] AS bands
              FROM summed GROUP BY period, org_level, org_code
        )
        SELECT a.period, dw.quarter_start(a.period), a.org_level, a.org_code, t.region_code, q.standard_code, '', NULL, t.total,
               dw.band_percentile(a.bands, q.p), 'reported', t.providers
          FROM arrays a
          JOIN totals t USING (period, org_level, org_code)
          CROSS JOIN (VALUES ('rtt_median_weeks', 0.5), ('rtt_p92_weeks', 0.92)) AS q(standard_code, p);
    ELSIF p_dataset = 'ambulance' THEN
        -- Centiles cannot be made from providers' centiles: England and region centiles are
        -- the ones AmbSYS publishes for them (its England and region rows).
        INSERT INTO dw.mart_standard
            (period, quarter_start, org_level, org_code, region_code, standard_code, breakdown, numerator, denominator, value, status)
        SELECT a.period, dw.quarter_start(a.period), CASE a.org_level WHEN 'england' THEN 'england' ELSE 'region' END,
               CASE a.org_level WHEN 'england' THEN 'ENG' ELSE a.org_code END,
               CASE a.org_level WHEN 'england' THEN NULL ELSE a.org_code END,
               x.standard_code, '', NULL, NULL, x.p90_s / 60.0,
               CASE WHEN x.p90_s IS NULL THEN 'not_submitted' ELSE 'reported' END
          FROM dw.fact_ambulance a
          CROSS JOIN LATERAL (VALUES ('amb_c1_p90', a.c1_p90_s), ('amb_c2_p90', a.c2_p90_s),
                                     ('amb_c3_p90', a.c3_p90_s), ('amb_c4_p90', a.c4_p90_s)) AS x(standard_code, p90_s)
         WHERE a.org_level IN ('england', 'region') AND a.period = ANY (p_periods)
           AND (a.org_level = 'england' OR a.org_code ~ '^Y[0-9]{2}$');
    END IF;
END $$;
COMMENT ON FUNCTION dw.refresh_standards(text, date[]) IS 'Recomputes dw.mart_standard for one dataset and the given months (run by the loader).';
