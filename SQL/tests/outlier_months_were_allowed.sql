-- rule: A stored month far above its providers' own history as it stood when the month was loaded (dw.plausibility_findings over the months of earlier loads says hold) was let in knowingly, by a load run with --allow-outliers.
-- scope: periods
SELECT s.dataset, s.period, f.org_code, f.field, f.value, f.median, s.load_id
  FROM audit.load_slice s
  JOIN audit.load_log l ON l.load_id = s.load_id
  CROSS JOIN LATERAL dw.plausibility_findings(s.dataset, s.period, NULL, s.load_id) f
 WHERE s.dataset IN ('ae', 'ambulance', 'rtt', 'cancer', 'diagnostics')
   AND (:periods IS NULL OR s.period = ANY (:periods))
   AND f.verdict = 'hold' AND NOT l.allow_outliers AND l.kind = 'load'
