-- report: loads
-- title: Load history
-- description: Load history (newest first) with row and reject counts, and the rejected rows explained.
-- parameters: limit
-- latest: SELECT NULL::date
-- bind: $7 limit
-- section: Loads
SELECT load_id AS load, to_char(started_at, 'YYYY-MM-DD HH24:MI') AS started, file_name, dataset, layout,
       CASE WHEN cardinality(periods) = 1 THEN to_char(periods[1], 'YYYY-MM')
            WHEN cardinality(periods) > 1 THEN to_char(periods[1], 'YYYY-MM') || '..' || to_char(periods[cardinality(periods)], 'YYYY-MM')
       END AS periods,
       rows_read AS read, rows_loaded AS loaded, rows_rejected AS rejected, warnings, status
  FROM nof.load_history
 ORDER BY load_id DESC
 LIMIT coalesce($7::integer, 50);
-- section: Rejected rows
SELECT r.load_id AS load, l.file_name, r.line, r.column_name AS column, r.raw_value AS value, r.reason
  FROM audit.load_reject r JOIN audit.load_log l USING (load_id)
 WHERE r.load_id IN (SELECT load_id FROM audit.load_log ORDER BY load_id DESC LIMIT coalesce($7::integer, 50))
 ORDER BY r.load_id DESC, r.line
 LIMIT 200;
