-- 009 the SQL tree: from here on functions and views live in SQL/logic and SQL/views, one
-- object per file, re-applied by checksum. Release 0.1.0 defined the target in force three
-- times; dw.target_in_force was one of them and is replaced by dw.standard_target_month
-- (rebuilt by dw.rebuild_standard_target_month) read through dw.v_target_in_force.
DROP FUNCTION IF EXISTS dw.target_in_force(text, date, text);
-- The view checksum release 0.1.0 kept for all views together; views are tracked per file now.
DELETE FROM audit.schema_object WHERE name = 'views';
