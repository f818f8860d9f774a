-- The partition of dw.<parent> that holds `p_period`, or NULL.
CREATE OR REPLACE FUNCTION dw.current_partition(p_parent text, p_period date) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT c.relname::text
      FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_class p ON p.oid = i.inhparent
      JOIN pg_namespace ns ON ns.oid = p.relnamespace
     WHERE ns.nspname = 'dw' AND p.relname = p_parent
       AND pg_get_expr(c.relpartbound, c.oid) = format('FOR VALUES IN (%L)', p_period)
$$;
COMMENT ON FUNCTION dw.current_partition(text, date) IS 'Name of the partition of dw.<parent> that holds a period, or NULL.';
