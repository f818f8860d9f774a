-- rule: A merged-series row (nof.standard_performance_merged) sums the numerators and denominators of exactly the organisations that were that trust or merged into it, month by month, and each provider row is folded into one organisation only.
SELECT g.period, g.org_code, g.standard_code, g.breakdown, g.numerator, x.numerator AS sources_numerator, g.organisations, x.n
  FROM nof.standard_performance_merged g
  JOIN LATERAL (
        SELECT sum(m.numerator) AS numerator, sum(m.denominator) AS denominator, count(*) AS n
          FROM dw.mart_standard m
         WHERE m.org_level = 'provider' AND m.period = g.period AND m.standard_code = g.standard_code
           AND m.breakdown = g.breakdown AND m.org_code = ANY (g.merged_from)) x ON true
 WHERE g.organisations > 1
   AND (g.numerator IS DISTINCT FROM x.numerator OR g.denominator IS DISTINCT FROM x.denominator OR g.organisations <> x.n)
UNION ALL
SELECT a.period, NULL, a.standard_code, a.breakdown, NULL, NULL, a.n, b.n
  FROM (SELECT period, standard_code, breakdown, sum(organisations) AS n FROM nof.standard_performance_merged GROUP BY 1, 2, 3) a
  JOIN (SELECT period, standard_code, breakdown, count(*) AS n FROM dw.mart_standard WHERE org_level = 'provider' GROUP BY 1, 2, 3) b
 USING (period, standard_code, breakdown)
 WHERE a.n <> b.n
