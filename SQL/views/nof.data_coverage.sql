CREATE VIEW nof.data_coverage AS
SELECT s.dataset, s.period, p.month_name AS period_label, s.rows, s.revision, s.load_id, l.file_name, s.loaded_at, l.sample
  FROM audit.load_slice s
  JOIN dw.dim_period p ON p.period = s.period
  JOIN audit.load_log l ON l.load_id = s.load_id;
COMMENT ON VIEW nof.data_coverage IS 'Which dataset-months are loaded and from which file (the current slice). Grain: dataset x month.';
COMMENT ON COLUMN nof.data_coverage.dataset IS 'Dataset.';
COMMENT ON COLUMN nof.data_coverage.period IS 'Month (first day; NOF: quarter start).';
COMMENT ON COLUMN nof.data_coverage.period_label IS 'Month and year.';
COMMENT ON COLUMN nof.data_coverage.rows IS 'Rows in the slice.';
COMMENT ON COLUMN nof.data_coverage.revision IS '1 for the first load of the month, +1 for each replacement (revised publications).';
COMMENT ON COLUMN nof.data_coverage.load_id IS 'Load that provided the current slice.';
COMMENT ON COLUMN nof.data_coverage.file_name IS 'File it came from.';
COMMENT ON COLUMN nof.data_coverage.loaded_at IS 'When the slice was loaded.';
COMMENT ON COLUMN nof.data_coverage.sample IS 'True when the month came from a file written by nofdb sample: synthetic figures, not NHS England''s.';
