-- rule: Each loaded (dataset, month) slice holds the rows the load log says it wrote.
WITH counts AS (
    SELECT 'ae' AS dataset, period, count(*) AS rows FROM dw.fact_ae GROUP BY period
    UNION ALL SELECT 'ambulance', period, count(*) FROM dw.fact_ambulance GROUP BY period
    UNION ALL SELECT 'rtt', period, count(*) FROM dw.fact_rtt GROUP BY period
    UNION ALL SELECT 'cancer', period, count(*) FROM dw.fact_cancer GROUP BY period
    UNION ALL SELECT 'diagnostics', period, count(*) FROM dw.fact_diagnostics GROUP BY period
    UNION ALL SELECT 'nof_data', period, count(*) FROM dw.fact_nof_metric GROUP BY period
    UNION ALL SELECT 'nof_league', period, count(*) FROM dw.fact_nof_league GROUP BY period
    UNION ALL SELECT 'ods_trusts', period, count(*) FROM dw.fact_ods_trust GROUP BY period
    UNION ALL SELECT 'ods_successors', period, count(*) FROM dw.fact_ods_successor GROUP BY period
)
SELECT coalesce(s.dataset, c.dataset) AS dataset, coalesce(s.period, c.period) AS period,
       s.rows AS slice_rows, c.rows AS fact_rows
  FROM audit.load_slice s
  FULL JOIN counts c ON c.dataset = s.dataset AND c.period = s.period
 WHERE s.rows IS DISTINCT FROM c.rows
