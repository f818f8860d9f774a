CREATE VIEW nof.slice_revision AS
SELECT r.revision_id, r.dataset, r.period, p.month_name AS period_label, r.load_id, l.file_name, l.finished_at AS loaded_at,
       r.archived_at, r.replaced_by, rl.file_name AS replaced_by_file, rl.kind AS replaced_by_kind, r.rows,
       cardinality(r.tables) > 0 AS restorable
  FROM audit.slice_revision r
  JOIN audit.load_log l ON l.load_id = r.load_id
  LEFT JOIN audit.load_log rl ON rl.load_id = r.replaced_by
  LEFT JOIN dw.dim_period p ON p.period = r.period;
COMMENT ON VIEW nof.slice_revision IS 'Earlier revisions of loaded months, kept when a later load (or restore) replaced them: the newest few per month (nofdb load --keep-revisions, default 3). nofdb restore LOAD_ID brings one back; nof.revision_change says what a replacement changed. Grain: dataset x month x the load whose data it is.';
COMMENT ON COLUMN nof.slice_revision.revision_id IS 'Revision id.';
COMMENT ON COLUMN nof.slice_revision.dataset IS 'Dataset.';
COMMENT ON COLUMN nof.slice_revision.period IS 'Month (first day; NOF: quarter start).';
COMMENT ON COLUMN nof.slice_revision.period_label IS 'Month and year.';
COMMENT ON COLUMN nof.slice_revision.load_id IS 'The load whose data this revision holds (what nofdb restore takes).';
COMMENT ON COLUMN nof.slice_revision.file_name IS 'The file that load read.';
COMMENT ON COLUMN nof.slice_revision.loaded_at IS 'When that load finished.';
COMMENT ON COLUMN nof.slice_revision.archived_at IS 'When it was replaced and archived.';
COMMENT ON COLUMN nof.slice_revision.replaced_by IS 'The load or restore that replaced it.';
COMMENT ON COLUMN nof.slice_revision.replaced_by_file IS 'The file that replaced it (a restore names the restored load).';
COMMENT ON COLUMN nof.slice_revision.replaced_by_kind IS 'load or restore.';
COMMENT ON COLUMN nof.slice_revision.rows IS 'Rows in the revision.';
COMMENT ON COLUMN nof.slice_revision.restorable IS 'True when its tables are kept in the archive (nofdb restore can bring it back).';
