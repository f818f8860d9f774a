-- Replaces the partition of `parent` for `p_period` with `new_table` (made by
-- dw.new_slice_table and filled), dropping the previous one. Runs inside the load's
-- transaction, so readers see the old slice or the new one, never a mixture.
CREATE OR REPLACE FUNCTION dw.swap_slice(parent text, p_period date, new_table text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    old_table text;
    final_name text := format('%s_p%s', parent, to_char(p_period, 'YYYYMM'));
BEGIN
    SELECT c.relname INTO old_table
      FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_class p ON p.oid = i.inhparent
      JOIN pg_namespace ns ON ns.oid = p.relnamespace
     WHERE ns.nspname = 'dw' AND p.relname = parent
       AND pg_get_expr(c.relpartbound, c.oid) = format('FOR VALUES IN (%L)', p_period);
    IF old_table IS NOT NULL THEN
        EXECUTE format('DROP TABLE dw.%I', old_table);
    END IF;
    EXECUTE format('ALTER TABLE dw.%I RENAME TO %I', new_table, final_name);
    EXECUTE format('ALTER TABLE dw.%I ATTACH PARTITION dw.%I FOR VALUES IN (%L)', parent, final_name, p_period);
END $$;
