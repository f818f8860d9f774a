CREATE VIEW nof.load_history AS
SELECT l.load_id, l.started_at, l.finished_at, l.file_name, l.member, l.dataset, l.layout, l.periods, l.rows_read,
       l.rows_loaded, l.rows_rejected, l.warnings,
       -- A load whose backend is gone never finished: its transaction died with it. (A role
       -- that may not see other sessions' details sees backend_start as NULL: pid alone then.)
       CASE WHEN l.status = 'running' AND l.backend_pid IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                                  WHERE a.pid = l.backend_pid
                                    AND (a.backend_start IS NULL OR a.backend_start = l.backend_start))
            THEN 'interrupted' ELSE l.status END AS status,
       l.message, l.sha256, l.kind,
       (SELECT count(*) FROM audit.load_holdback h WHERE h.load_id = l.load_id)::integer AS months_held_back,
       l.sample
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
COMMENT ON COLUMN nof.load_history.status IS 'loaded, loaded_with_rejects, unchanged, failed, held_back (every month held back by a guard), partial (some months held back), restored (nofdb restore), running, or interrupted (its process or connection ended before it finished; nothing was committed).';
COMMENT ON COLUMN nof.load_history.kind IS 'load, or restore (nofdb restore of an archived revision).';
COMMENT ON COLUMN nof.load_history.months_held_back IS 'Months the guards did not let in (see nof.load_holdback).';
COMMENT ON COLUMN nof.load_history.message IS 'Error or note.';
COMMENT ON COLUMN nof.load_history.sha256 IS 'SHA-256 of the file as given.';
COMMENT ON COLUMN nof.load_history.sample IS 'True for a file written by nofdb sample: synthetic figures under real trust names, for trying nofdb out; never NHS England''s.';
