-- report: revisions
-- title: Revisions of loaded months
-- description: Months that a later load replaced, kept so they can be compared and restored (nofdb restore LOAD); with --load, what replacing that load's revision changed, per organisation and standard.
-- param: period date
-- param: dataset text
-- param: load bigint
-- param: limit bigint
-- section: Revisions
-- footnote: load is the load whose data the revision holds: nofdb restore LOAD brings it back (what it replaces is kept in turn).
SELECT revision_id AS revision, dataset, to_char(period, 'YYYY-MM') AS month, load_id AS load, file_name,
       to_char(loaded_at, 'YYYY-MM-DD HH24:MI') AS loaded, to_char(archived_at, 'YYYY-MM-DD HH24:MI') AS replaced,
       replaced_by, rows, CASE WHEN restorable THEN 'yes' ELSE 'no' END AS restorable
  FROM nof.slice_revision
 WHERE (:dataset IS NULL OR dataset = :dataset) AND (:period IS NULL OR period = :period)
   AND (:load IS NULL OR load_id = :load)
 ORDER BY archived_at DESC, dataset, period
 LIMIT coalesce(:limit, 100);
-- section: Changes
-- when: load
-- footnote: old is the value in the revision (load --load); new is the month as loaded now. Providers, regions and England; added and removed rows are organisations present on one side only.
SELECT dataset, to_char(period, 'YYYY-MM') AS month, org_level AS level, org_code, standard_code AS standard,
       nullif(breakdown, '') AS breakdown, round(old_value, 4) AS old, round(new_value, 4) AS new,
       round(change, 4) AS change, change_kind AS kind
  FROM nof.revision_change
 WHERE revision_load_id = :load AND (:period IS NULL OR period = :period)
 ORDER BY period, CASE org_level WHEN 'england' THEN 0 WHEN 'region' THEN 1 ELSE 2 END, org_code, standard_code, breakdown
 LIMIT coalesce(:limit, 500);
