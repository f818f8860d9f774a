-- rule: Every archived revision's tables are in schema archive, holding the rows it says, and every table there belongs to a revision.
WITH tables AS (
    SELECT r.revision_id, r.rows, t.name
      FROM audit.slice_revision r CROSS JOIN LATERAL unnest(r.tables) AS t(name)
), actual AS (
    SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'archive' AND c.relkind = 'r'
)
SELECT t.revision_id, t.name, 'missing from schema archive' AS problem
  FROM tables t WHERE NOT EXISTS (SELECT 1 FROM actual a WHERE a.name = t.name)
UNION ALL
SELECT NULL, a.name, 'in schema archive but no revision lists it'
  FROM actual a WHERE NOT EXISTS (SELECT 1 FROM tables t WHERE t.name = a.name)
UNION ALL
SELECT r.revision_id, NULL, 'a revision with no tables'
  FROM audit.slice_revision r WHERE cardinality(r.tables) = 0
