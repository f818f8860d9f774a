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
       x.total_s / 60.0, x.incidents::numeric, x.published_s / 60.0,
       CASE WHEN x.published_s IS NULL THEN 'not_submitted' ELSE 'reported' END
  FROM dw.fact_ambulance a
 -- Means and centiles as AmbSYS publishes them (A25, A26, A31, ...); the totals (A24, A30) are
 -- kept as numerator and denominator, to pool quarters.
 CROSS JOIN LATERAL (VALUES
        ('amb_c1_mean', a.c1_total_s, a.c1_incidents, a.c1_mean_s),
        ('amb_c1_p90',  NULL, NULL, a.c1_p90_s),
        ('amb_c2_mean', a.c2_total_s, a.c2_incidents, a.c2_mean_s),
        ('amb_c2_p90',  NULL, NULL, a.c2_p90_s),
        ('amb_c3_p90',  NULL, NULL, a.c3_p90_s),
        ('amb_c4_p90',  NULL, NULL, a.c4_p90_s)) AS x(standard_code, total_s, incidents, published_s)
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
