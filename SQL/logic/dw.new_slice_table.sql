-- Creates an empty table shaped like `parent` for one period, with a CHECK constraint that
-- lets ATTACH PARTITION skip its validation scan. Returns the new table's name.
CREATE OR REPLACE FUNCTION dw.new_slice_table(parent text, p_period date, p_load_id bigint)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    name text := format('%s_p%s_l%s', parent, to_char(p_period, 'YYYYMM'), p_load_id);
BEGIN
    EXECUTE format('CREATE TABLE dw.%I (LIKE dw.%I INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS)', name, parent);
    EXECUTE format('ALTER TABLE dw.%I ADD CONSTRAINT %I CHECK (period IS NOT NULL AND period = %L::date)',
                   name, name || '_period', p_period);
    RETURN name;
END $$;
