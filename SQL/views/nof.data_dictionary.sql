-- A data dictionary for BI tools that do not read COMMENTs (psqlODBC does not): every column of
-- every nof view with its position, type, description, and the view's description and grain,
-- from the catalog and the comments in SQL/views.
CREATE VIEW nof.data_dictionary AS
SELECT c.relname::text AS view_name, a.attnum::integer AS position, a.attname::text AS column_name,
       format_type(a.atttypid, a.atttypmod) AS data_type,
       col_description(c.oid, a.attnum) AS description,
       obj_description(c.oid, 'pg_class') AS view_description,
       nullif(substring(obj_description(c.oid, 'pg_class') FROM 'Grain: ([^.]*)'), '') AS grain
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE n.nspname = 'nof' AND c.relkind = 'v';
COMMENT ON VIEW nof.data_dictionary IS 'Every column of every public view: position, type and description, with the view''s description and grain (for BI tools that do not show database comments). Grain: view x column.';
COMMENT ON COLUMN nof.data_dictionary.view_name IS 'The view, in schema nof.';
COMMENT ON COLUMN nof.data_dictionary.position IS 'Column position, from 1.';
COMMENT ON COLUMN nof.data_dictionary.column_name IS 'Column name.';
COMMENT ON COLUMN nof.data_dictionary.data_type IS 'PostgreSQL type, e.g. numeric, date, text.';
COMMENT ON COLUMN nof.data_dictionary.description IS 'What the column holds.';
COMMENT ON COLUMN nof.data_dictionary.view_description IS 'What the view holds.';
COMMENT ON COLUMN nof.data_dictionary.grain IS 'One row per ... of the view, from its description.';
