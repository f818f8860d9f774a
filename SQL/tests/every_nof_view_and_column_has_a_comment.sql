-- rule: Every public view in schema nof, and every column of it, carries a COMMENT (BI tools show them).
SELECT c.relname AS view, NULL::text AS column_name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'nof' AND c.relkind IN ('v', 'm') AND obj_description(c.oid, 'pg_class') IS NULL
UNION ALL
SELECT c.relname, a.attname
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE n.nspname = 'nof' AND c.relkind IN ('v', 'm') AND col_description(c.oid, a.attnum) IS NULL
