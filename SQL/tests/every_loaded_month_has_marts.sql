-- rule: Every loaded month of a monthly dataset has its standards in the mart, and no mart row outlives its slice.
WITH marts AS (
    SELECT DISTINCT s.dataset, m.period
      FROM dw.mart_standard m JOIN dw.dim_standard s ON s.standard_code = m.standard_code
)
SELECT coalesce(l.dataset, m.dataset) AS dataset, coalesce(l.period, m.period) AS period,
       CASE WHEN m.period IS NULL THEN 'loaded, no mart rows' ELSE 'mart rows, nothing loaded' END AS problem
  FROM (SELECT dataset, period FROM audit.load_slice
         WHERE dataset IN ('ae', 'ambulance', 'rtt', 'cancer', 'diagnostics')) l
  FULL JOIN marts m ON m.dataset = l.dataset AND m.period = l.period
 WHERE l.period IS NULL OR m.period IS NULL
