-- report: loads
-- title: Load history
-- description: Load history (newest first) with row and reject counts, and the rejected rows explained.
-- param: limit bigint
-- param: load bigint
-- section: Loads
-- column: load | Load
-- column: started | Started (UTC)
-- column: file_name | File
-- column: dataset | Dataset
-- column: layout | Layout
-- column: periods | Months
-- column: read | Rows read
-- column: loaded | Rows loaded
-- column: rejected | Rows rejected
-- column: warnings | Warnings
-- column: status | Status
SELECT load_id AS load, to_char(started_at, 'YYYY-MM-DD HH24:MI') AS started, file_name, dataset, layout,
       CASE WHEN cardinality(periods) = 1 THEN to_char(periods[1], 'YYYY-MM')
            WHEN cardinality(periods) > 1 THEN to_char(periods[1], 'YYYY-MM') || '..' || to_char(periods[cardinality(periods)], 'YYYY-MM')
       END AS periods,
       rows_read AS read, rows_loaded AS loaded, rows_rejected AS rejected, warnings, status
  FROM nof.load_history
 WHERE :load IS NULL OR load_id = :load
 ORDER BY load_id DESC
 LIMIT coalesce(:limit, 50);
-- section: Held back
-- column: load | Load
-- column: file_name | File
-- column: dataset | Dataset
-- column: month | Month
-- column: kind | Kind
-- column: reason | Reason
-- footnote: A month held back was not committed: the month as stored before is untouched. Kinds: totals (the file's own total missing or wrong), shrink (fewer providers or rows than stored), outlier (a provider over 10x, or England over 2x, the median of its previous 12 loaded months), conflict (two different files of one command carried the month). Accept one knowingly with nofdb load --allow-total-mismatch, --allow-shrink or --allow-outliers; for a conflict, load the right file on its own.
SELECT load_id AS load, file_name, dataset, to_char(period, 'YYYY-MM') AS month, kind, reason
  FROM nof.load_holdback
 WHERE CASE WHEN :load IS NULL
            THEN load_id IN (SELECT load_id FROM nof.load_history ORDER BY load_id DESC LIMIT coalesce(:limit, 50))
            ELSE load_id = :load END
 ORDER BY load_id DESC, period;
-- section: Warnings
-- column: load | Load
-- column: file_name | File
-- column: month | Month
-- column: kind | Kind
-- column: message | Message
-- footnote: Checks that did not stop a load: a provider's count over 3x (outlier) or under a third (fall) of its median over its previous 12 loaded months (England: under half), a month missing inside a file's range (gap), a first load of a month with far fewer providers than its neighbours (figures from it are partial), or a total, shrink or outlier accepted with --allow-total-mismatch, --allow-shrink or --allow-outliers.
SELECT w.load_id AS load, w.file_name, to_char(w.period, 'YYYY-MM') AS month, w.kind, w.message
  FROM nof.load_warning w
 WHERE CASE WHEN :load IS NULL
            THEN w.load_id IN (SELECT load_id FROM nof.load_history ORDER BY load_id DESC LIMIT coalesce(:limit, 50))
            ELSE w.load_id = :load END
 ORDER BY w.load_id DESC, w.period;
-- section: Rejected rows
-- column: load | Load
-- column: file_name | File
-- column: line | Line
-- column: column | Column
-- column: value | Value
-- column: reason | Reason
SELECT r.load_id AS load, r.file_name, r.line, r.column_name AS column, r.raw_value AS value, r.reason
  FROM nof.load_reject r
 WHERE CASE WHEN :load IS NULL
            THEN r.load_id IN (SELECT load_id FROM nof.load_history ORDER BY load_id DESC LIMIT coalesce(:limit, 50))
            ELSE r.load_id = :load END
 ORDER BY r.load_id DESC, r.line
 LIMIT CASE WHEN :load IS NULL THEN 200 END;
