CREATE VIEW nof.revision_change AS
WITH old AS (
    SELECT r.revision_id, r.dataset, r.period, r.load_id, rs.org_level, rs.org_code, rs.standard_code, rs.breakdown,
           rs.value, rs.status
      FROM audit.slice_revision r
      JOIN audit.revision_standard rs ON rs.revision_id = r.revision_id
), new AS (
    SELECT r.revision_id, r.dataset, r.period, r.load_id, m.org_level, m.org_code, m.standard_code, m.breakdown,
           m.value, m.status
      FROM audit.slice_revision r
      JOIN dw.dim_standard s ON s.dataset = r.dataset
      JOIN dw.mart_standard m ON m.standard_code = s.standard_code AND m.period = r.period
), pairs AS (
    SELECT o.revision_id, o.dataset, o.period, o.load_id, o.org_level, o.org_code, o.standard_code, o.breakdown,
           o.value AS old_value, n.value AS new_value, o.status AS old_status, n.status AS new_status
      FROM old o
      LEFT JOIN new n ON n.revision_id = o.revision_id AND n.org_level = o.org_level AND n.org_code = o.org_code
                     AND n.standard_code = o.standard_code AND n.breakdown = o.breakdown
    UNION ALL
    SELECT n.revision_id, n.dataset, n.period, n.load_id, n.org_level, n.org_code, n.standard_code, n.breakdown,
           NULL, n.value, NULL, n.status
      FROM new n
     WHERE NOT EXISTS (SELECT 1 FROM old o WHERE o.revision_id = n.revision_id AND o.org_level = n.org_level
                          AND o.org_code = n.org_code AND o.standard_code = n.standard_code AND o.breakdown = n.breakdown)
)
SELECT x.revision_id, x.dataset, x.period, x.load_id AS revision_load_id, cs.load_id AS current_load_id, x.org_level,
       x.org_code, x.standard_code, x.breakdown, x.old_value, x.new_value, x.new_value - x.old_value AS change,
       x.old_status, x.new_status,
       CASE WHEN x.old_status IS NULL THEN 'added' WHEN x.new_status IS NULL THEN 'removed' ELSE 'changed' END AS change_kind
  FROM pairs x
  LEFT JOIN audit.load_slice cs ON cs.dataset = x.dataset AND cs.period = x.period
 WHERE x.old_value IS DISTINCT FROM x.new_value OR x.old_status IS DISTINCT FROM x.new_status;
COMMENT ON VIEW nof.revision_change IS 'What replacing an archived revision changed: each standard of each organisation (providers, regions, England) whose value or status in the revision differs from the month as loaded now. Grain: revision x organisation level x organisation x standard x breakdown.';
COMMENT ON COLUMN nof.revision_change.revision_id IS 'The archived revision (see nof.slice_revision).';
COMMENT ON COLUMN nof.revision_change.dataset IS 'Dataset.';
COMMENT ON COLUMN nof.revision_change.period IS 'Month (first day).';
COMMENT ON COLUMN nof.revision_change.revision_load_id IS 'The load whose data the revision holds.';
COMMENT ON COLUMN nof.revision_change.current_load_id IS 'The load providing the month now.';
COMMENT ON COLUMN nof.revision_change.org_level IS 'provider, region or england.';
COMMENT ON COLUMN nof.revision_change.org_code IS 'Provider ODS code, region code or ENG.';
COMMENT ON COLUMN nof.revision_change.standard_code IS 'Standard (see nof.standard).';
COMMENT ON COLUMN nof.revision_change.breakdown IS 'Empty for the headline; for diagnostics, the test.';
COMMENT ON COLUMN nof.revision_change.old_value IS 'The value in the revision.';
COMMENT ON COLUMN nof.revision_change.new_value IS 'The value now.';
COMMENT ON COLUMN nof.revision_change.change IS 'New minus old.';
COMMENT ON COLUMN nof.revision_change.old_status IS 'Status in the revision.';
COMMENT ON COLUMN nof.revision_change.new_status IS 'Status now.';
COMMENT ON COLUMN nof.revision_change.change_kind IS 'changed, added (only now) or removed (only in the revision).';
