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
