CREATE VIEW nof.load_history AS
SELECT l.load_id, l.started_at, l.finished_at, l.file_name, l.member, l.dataset, l.layout, l.periods, l.rows_read,
       l.rows_loaded, l.rows_rejected, l.warnings, l.status, l.message, l.sha256
  FROM audit.load_log l;
COMMENT ON VIEW nof.load_history IS 'Every load attempt: file, dataset, layout, periods, row counts and outcome (details of rejected rows: nofdb report loads). Grain: one row per file or zip member per attempt.';
COMMENT ON COLUMN nof.load_history.load_id IS 'Load id.';
COMMENT ON COLUMN nof.load_history.started_at IS 'When the load started.';
COMMENT ON COLUMN nof.load_history.finished_at IS 'When it finished.';
COMMENT ON COLUMN nof.load_history.file_name IS 'File name (archive!member for zip members).';
COMMENT ON COLUMN nof.load_history.member IS 'Member name inside a zip, if any.';
COMMENT ON COLUMN nof.load_history.dataset IS 'Detected dataset.';
COMMENT ON COLUMN nof.load_history.layout IS 'Detected layout version.';
COMMENT ON COLUMN nof.load_history.periods IS 'Months (or quarter starts) the file held.';
COMMENT ON COLUMN nof.load_history.rows_read IS 'Data rows read.';
COMMENT ON COLUMN nof.load_history.rows_loaded IS 'Rows loaded.';
COMMENT ON COLUMN nof.load_history.rows_rejected IS 'Rows rejected (each explained in the audit log).';
COMMENT ON COLUMN nof.load_history.warnings IS 'Checks that failed without rejecting rows (e.g. TOTAL row mismatch).';
COMMENT ON COLUMN nof.load_history.status IS 'loaded, loaded_with_rejects, unchanged, failed or running.';
COMMENT ON COLUMN nof.load_history.message IS 'Error or note.';
COMMENT ON COLUMN nof.load_history.sha256 IS 'SHA-256 of the file as given.';
