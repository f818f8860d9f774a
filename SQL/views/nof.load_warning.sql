CREATE VIEW nof.load_warning AS
SELECT w.load_id, l.file_name, l.dataset, w.period, w.kind, w.message
  FROM audit.load_warning w
  JOIN audit.load_log l USING (load_id);
COMMENT ON VIEW nof.load_warning IS 'Checks that did not stop a load: a provider well above (outlier) or below (fall) the median of its previous 12 loaded months, a month missing inside a monthly file''s range (gap), a first load of a month much thinner than its neighbours (figures from it are partial), a total accepted with --allow-total-mismatch, a shrink accepted with --allow-shrink, an outlier accepted with --allow-outliers. Grain: load x warning.';
COMMENT ON COLUMN nof.load_warning.load_id IS 'The load (nof.load_history).';
COMMENT ON COLUMN nof.load_warning.file_name IS 'File loaded.';
COMMENT ON COLUMN nof.load_warning.dataset IS 'Its dataset.';
COMMENT ON COLUMN nof.load_warning.period IS 'The month the warning is about, if one.';
COMMENT ON COLUMN nof.load_warning.kind IS 'outlier, fall, gap, slice_guard, totals.';
COMMENT ON COLUMN nof.load_warning.message IS 'What was found.';
