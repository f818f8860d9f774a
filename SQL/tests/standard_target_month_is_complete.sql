-- rule: Every standard has a row of targets in force for every calendar month (so no join to it drops a row).
SELECT s.standard_code, p.period
  FROM dw.dim_standard s
  CROSS JOIN dw.dim_period p
 WHERE NOT EXISTS (SELECT 1 FROM dw.standard_target_month t WHERE t.standard_code = s.standard_code AND t.period = p.period)
