-- Recomputes the mart rows of one dataset for the given periods.
CREATE OR REPLACE FUNCTION dw.refresh_standards(p_dataset text, p_periods date[]) RETURNS void
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

    -- England, regions and ICBs from providers: rates from summed numerators and denominators,
    -- never averaged. Sites not reporting (NULL numerator and denominator) drop out of both.
    -- providers counts those with a value, providers_present those in the file. A trust's ICB is
    -- the one it belonged to that month (dw.organisation_icb_month, from the ODS files); an
    -- ambulance trust serves many ICBs, so ambulance standards have no ICB rows.
    INSERT INTO dw.mart_standard
        (period, quarter_start, org_level, org_code, region_code, standard_code, breakdown, numerator, denominator, value, status,
         providers, providers_present)
    SELECT m.period, m.quarter_start, lvl.org_level, lvl.org_code, lvl.region_code, m.standard_code, m.breakdown,
           sum(m.numerator), sum(m.denominator),
           CASE s.aggregation
               WHEN 'pct'  THEN 100.0 * sum(m.numerator) / nullif(sum(m.denominator), 0)
               WHEN 'mean' THEN sum(m.numerator) / nullif(sum(m.denominator), 0)
               WHEN 'sum'  THEN sum(m.value)
           END,
           'reported', count(m.value), count(*)
      FROM dw.mart_standard m
      JOIN dw.dim_standard s ON s.standard_code = m.standard_code
      LEFT JOIN dw.organisation_icb_month om ON om.org_code = m.org_code AND om.period = m.period AND s.dataset <> 'ambulance'
      LEFT JOIN dw.icb i ON i.icb_code = om.icb_code
      CROSS JOIN LATERAL (VALUES ('england', 'ENG', NULL::text), ('region', m.region_code, m.region_code),
                                 ('icb', om.icb_code, i.region_code))
           AS lvl(org_level, org_code, region_code)
     WHERE s.dataset = p_dataset AND m.period = ANY (p_periods) AND m.org_level = 'provider'
       AND s.aggregation IN ('pct', 'mean', 'sum') AND lvl.org_code IS NOT NULL
     GROUP BY m.period, m.quarter_start, lvl.org_level, lvl.org_code, lvl.region_code, m.standard_code, m.breakdown, s.aggregation;

    IF p_dataset = 'rtt' THEN
        -- Median and 92nd percentile for England, regions and ICBs from the summed weekly bands.
        INSERT INTO dw.mart_standard
            (period, quarter_start, org_level, org_code, region_code, standard_code, breakdown, numerator, denominator, value, status,
             providers, providers_present)
        WITH p AS (
            SELECT r.period, lvl.org_level, lvl.org_code, lvl.region_code, r.total_all, r.bands
              FROM dw.fact_rtt_provider r
              LEFT JOIN dw.dim_organisation o ON o.org_code = r.provider_code
              LEFT JOIN dw.organisation_icb_month om ON om.org_code = r.provider_code AND om.period = r.period
              LEFT JOIN dw.icb i ON i.icb_code = om.icb_code
              CROSS JOIN LATERAL (VALUES ('england', 'ENG', NULL::text), ('region', o.region_code, o.region_code),
                                         ('icb', om.icb_code, i.region_code))
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
               dw.band_percentile(a.bands, q.p), 'reported', t.providers, t.providers
          FROM arrays a
          JOIN totals t USING (period, org_level, org_code)
          CROSS JOIN (VALUES ('rtt_median_weeks', 0.5), ('rtt_p92_weeks', 0.92)) AS q(standard_code, p);
    ELSIF p_dataset = 'ambulance' THEN
        -- England and region figures are the ones AmbSYS publishes on its England and region
        -- rows: centiles cannot be made from providers' centiles, and the published means are
        -- the official ones (recomputed from total seconds they differ in the last digit).
        INSERT INTO dw.mart_standard
            (period, quarter_start, org_level, org_code, region_code, standard_code, breakdown, numerator, denominator, value, status,
             providers, providers_present)
        SELECT a.period, dw.quarter_start(a.period), lvl.org_level, lvl.org_code, lvl.region_code,
               x.standard_code, '', x.total_s / 60.0, x.incidents, x.published_s / 60.0,
               CASE WHEN x.published_s IS NULL THEN 'not_submitted' ELSE 'reported' END,
               (SELECT count(p.value)::integer FROM dw.mart_standard p
                 WHERE p.period = a.period AND p.standard_code = x.standard_code AND p.org_level = 'provider'
                   AND (lvl.org_level = 'england' OR p.region_code = lvl.org_code)),
               (SELECT count(*)::integer FROM dw.mart_standard p
                 WHERE p.period = a.period AND p.standard_code = x.standard_code AND p.org_level = 'provider'
                   AND (lvl.org_level = 'england' OR p.region_code = lvl.org_code))
          FROM dw.fact_ambulance a
          CROSS JOIN LATERAL (VALUES
                ('amb_c1_mean', a.c1_total_s, a.c1_incidents, a.c1_mean_s), ('amb_c1_p90', NULL, NULL, a.c1_p90_s),
                ('amb_c2_mean', a.c2_total_s, a.c2_incidents, a.c2_mean_s), ('amb_c2_p90', NULL, NULL, a.c2_p90_s),
                ('amb_c3_p90', NULL, NULL, a.c3_p90_s), ('amb_c4_p90', NULL, NULL, a.c4_p90_s))
               AS x(standard_code, total_s, incidents, published_s)
          CROSS JOIN LATERAL (SELECT CASE a.org_level WHEN 'england' THEN 'england' ELSE 'region' END AS org_level,
                                     CASE a.org_level WHEN 'england' THEN 'ENG' ELSE a.org_code END AS org_code,
                                     CASE a.org_level WHEN 'england' THEN NULL ELSE a.org_code END AS region_code) lvl
         WHERE a.org_level IN ('england', 'region') AND a.period = ANY (p_periods)
           AND (a.org_level = 'england' OR a.org_code ~ '^Y[0-9]{2}$');
    END IF;
END $$;
COMMENT ON FUNCTION dw.refresh_standards(text, date[]) IS 'Recomputes dw.mart_standard for one dataset and the given months (run by the loader).';
