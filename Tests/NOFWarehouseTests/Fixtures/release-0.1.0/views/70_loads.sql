-- What is loaded: the load history and the coverage of dataset x month.

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

CREATE VIEW nof.data_coverage AS
SELECT s.dataset, s.period, p.month_name AS period_label, s.rows, s.revision, s.load_id, l.file_name, s.loaded_at
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

-- Which quarters every loaded monthly dataset covers in full: the default quarter of the
-- league and segment reports is the latest complete one, so a league is never scored on the
-- one or two months that have arrived of a new quarter.
CREATE VIEW nof.quarter_completeness AS
WITH loaded AS (
    SELECT DISTINCT dataset FROM audit.load_slice
     WHERE dataset IN ('ae', 'ambulance', 'rtt', 'cancer', 'diagnostics')
), quarters AS (
    SELECT DISTINCT p.quarter_start
      FROM audit.load_slice s JOIN dw.dim_period p ON p.period = s.period
     WHERE s.dataset IN (SELECT dataset FROM loaded)
), months AS (
    SELECT q.quarter_start, d.dataset,
           (SELECT count(*) FROM audit.load_slice s
             WHERE s.dataset = d.dataset AND s.period >= q.quarter_start
               AND s.period < (q.quarter_start + interval '3 months')::date) AS months
      FROM quarters q CROSS JOIN loaded d
)
SELECT m.quarter_start, p.quarter_code, p.quarter_label,
       count(*) FILTER (WHERE m.months = 3) AS datasets_complete,
       count(*) AS datasets_loaded,
       coalesce(string_agg(m.dataset || ' ' || m.months || '/3', ', ' ORDER BY m.dataset) FILTER (WHERE m.months < 3), '') AS incomplete,
       bool_and(m.months = 3) AS complete
  FROM months m JOIN dw.dim_period p ON p.period = m.quarter_start
 GROUP BY m.quarter_start, p.quarter_code, p.quarter_label;
COMMENT ON VIEW nof.quarter_completeness IS 'For each NHS financial quarter with data: whether every loaded monthly dataset (A&E, ambulance, RTT, cancer, diagnostics) has all three months. Reports default to the latest complete quarter. Grain: quarter.';
COMMENT ON COLUMN nof.quarter_completeness.quarter_start IS 'First month of the quarter (first day).';
COMMENT ON COLUMN nof.quarter_completeness.quarter_code IS 'Quarter as nofdb takes it on the command line, e.g. 2024-Q3.';
COMMENT ON COLUMN nof.quarter_completeness.quarter_label IS 'Quarter as the NOF files write it, e.g. Q3 2024/25.';
COMMENT ON COLUMN nof.quarter_completeness.datasets_complete IS 'How many loaded datasets have all three months.';
COMMENT ON COLUMN nof.quarter_completeness.datasets_loaded IS 'How many monthly datasets are loaded at all (any month).';
COMMENT ON COLUMN nof.quarter_completeness.incomplete IS 'The datasets short of three months, with the months they have, e.g. rtt 1/3.';
COMMENT ON COLUMN nof.quarter_completeness.complete IS 'True when every loaded dataset has all three months of the quarter.';

CREATE VIEW nof.sync_history AS
SELECT s.sync_id, s.started_at, s.dataset, s.action, s.reason, s.link_text, s.file_url, s.page_url, s.http_status,
       s.etag, s.last_modified, s.sha256, s.load_id, l.status AS load_status
  FROM audit.sync_log s
  LEFT JOIN audit.load_log l ON l.load_id = s.load_id;
COMMENT ON VIEW nof.sync_history IS 'What nofdb sync found, fetched, loaded, skipped or failed on, and why: the record of the scheduled job. Grain: one row per step per file (or per page when a source could not be reached).';
COMMENT ON COLUMN nof.sync_history.sync_id IS 'Step id (increasing).';
COMMENT ON COLUMN nof.sync_history.started_at IS 'When the step happened.';
COMMENT ON COLUMN nof.sync_history.dataset IS 'Dataset whose sources were read.';
COMMENT ON COLUMN nof.sync_history.action IS 'found, fetched, loaded, skipped, failed or unreachable.';
COMMENT ON COLUMN nof.sync_history.reason IS 'Why: e.g. unchanged on the server (304), same SHA-256 as before, HTTP 404, timed out, truncated download.';
COMMENT ON COLUMN nof.sync_history.link_text IS 'The link text on the NHS England page, e.g. Full CSV data file Mar24 (ZIP, 3832K) revised.';
COMMENT ON COLUMN nof.sync_history.file_url IS 'URL of the file.';
COMMENT ON COLUMN nof.sync_history.page_url IS 'The page the link was found on.';
COMMENT ON COLUMN nof.sync_history.http_status IS 'HTTP status of the download, if one was made.';
COMMENT ON COLUMN nof.sync_history.etag IS 'ETag the server sent (used for conditional requests next time).';
COMMENT ON COLUMN nof.sync_history.last_modified IS 'Last-Modified the server sent.';
COMMENT ON COLUMN nof.sync_history.sha256 IS 'SHA-256 of the downloaded file.';
COMMENT ON COLUMN nof.sync_history.load_id IS 'The load it led to (see nof.load_history), if any.';
COMMENT ON COLUMN nof.sync_history.load_status IS 'That load''s outcome: loaded, loaded_with_rejects, unchanged or failed.';
