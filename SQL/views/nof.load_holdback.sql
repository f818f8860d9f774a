CREATE VIEW nof.load_holdback AS
SELECT h.load_id, l.file_name, l.started_at, h.dataset, h.period, p.month_name AS period_label, h.kind, h.reason,
       h.providers_lost, h.stored_rows, h.new_rows, h.stored_providers, h.new_providers
  FROM audit.load_holdback h
  JOIN audit.load_log l ON l.load_id = h.load_id
  LEFT JOIN dw.dim_period p ON p.period = h.period;
COMMENT ON VIEW nof.load_holdback IS 'Months a load did not commit because a guard held them back: the file''s own total missing or not adding up (kind totals), a replacement with fewer providers or rows than the stored month (kind shrink), a provider over 10x or England over 2x the median of its previous 12 loaded months (kind outlier, thresholds in dw.plausibility_threshold), or two different files of one command carrying the month (kind conflict). The stored month is untouched. Grain: load x dataset x month x kind.';
COMMENT ON COLUMN nof.load_holdback.load_id IS 'The load (see nof.load_history).';
COMMENT ON COLUMN nof.load_holdback.file_name IS 'The file it read.';
COMMENT ON COLUMN nof.load_holdback.started_at IS 'When the load started.';
COMMENT ON COLUMN nof.load_holdback.dataset IS 'Dataset.';
COMMENT ON COLUMN nof.load_holdback.period IS 'The month held back (first day).';
COMMENT ON COLUMN nof.load_holdback.period_label IS 'Month and year.';
COMMENT ON COLUMN nof.load_holdback.kind IS 'totals, shrink, outlier or conflict.';
COMMENT ON COLUMN nof.load_holdback.reason IS 'Why, and how to accept it knowingly (--allow-total-mismatch, --allow-shrink, --allow-outliers).';
COMMENT ON COLUMN nof.load_holdback.providers_lost IS 'Providers in the stored month the new one lacked (kind shrink).';
COMMENT ON COLUMN nof.load_holdback.stored_rows IS 'Rows in the stored month.';
COMMENT ON COLUMN nof.load_holdback.new_rows IS 'Rows the file had for it.';
COMMENT ON COLUMN nof.load_holdback.stored_providers IS 'Providers in the stored month.';
COMMENT ON COLUMN nof.load_holdback.new_providers IS 'Providers the file had for it.';
