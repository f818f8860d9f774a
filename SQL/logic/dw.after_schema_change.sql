-- Run by `nofdb init` in its transaction after it applied a migration or changed a logic or
-- dw view file: derived reference tables first, then every mart, so nothing computed by older
-- SQL survives an upgrade. Returns the number of dataset-months whose marts were rebuilt.
CREATE OR REPLACE FUNCTION dw.after_schema_change() RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM dw.rebuild_standard_target_month();
    RETURN dw.rebuild_marts();
END $$;
COMMENT ON FUNCTION dw.after_schema_change() IS 'Rebuilds derived reference tables and every mart after a schema change (run by nofdb init).';
