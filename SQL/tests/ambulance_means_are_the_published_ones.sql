-- rule: England, region and trust ambulance means and centiles are the values AmbSYS publishes (A25, A26, A31, ...), in minutes, in every view (not total seconds / incidents, which differs in the last digit, and for RYC's Category 2 in December 2017 by more than a second).
SELECT a.period, a.org_code, a.org_level, x.standard_code, x.published_s / 60.0 AS published, p.rate AS shown
  FROM dw.fact_ambulance a
  CROSS JOIN LATERAL (VALUES ('amb_c1_mean', a.c1_mean_s), ('amb_c2_mean', a.c2_mean_s), ('amb_c1_p90', a.c1_p90_s),
                             ('amb_c2_p90', a.c2_p90_s), ('amb_c3_p90', a.c3_p90_s), ('amb_c4_p90', a.c4_p90_s)) AS x(standard_code, published_s)
  JOIN nof.standard_performance p
    ON p.period = a.period AND p.standard_code = x.standard_code AND p.breakdown = ''
   AND p.org_code = CASE a.org_level WHEN 'england' THEN 'ENG' ELSE a.org_code END
   AND p.org_level = CASE a.org_level WHEN 'trust' THEN 'provider' ELSE a.org_level END
 WHERE (a.org_level <> 'region' OR a.org_code ~ '^Y[0-9]{2}$')
   AND p.rate IS DISTINCT FROM x.published_s / 60.0
