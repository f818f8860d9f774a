-- report: syncs
-- title: Sync history
-- description: What nofdb sync found, fetched, loaded and skipped (newest first), and why: the scheduled job's record.
-- param: limit bigint
-- section: Sync steps
SELECT sync_id AS step, to_char(started_at, 'YYYY-MM-DD HH24:MI') AS at, dataset, action,
       coalesce(nullif(link_text, ''), file_url, page_url) AS file, reason, http_status AS http, load_id AS load, load_status
  FROM nof.sync_history
 ORDER BY sync_id DESC
 LIMIT coalesce(:limit, 50);
