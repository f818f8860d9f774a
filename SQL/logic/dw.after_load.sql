-- The loader's hook, run inside the load's transaction after it swaps in new slices of a
-- dataset: derived organisation attributes, then the marts for the periods the load touched.
CREATE OR REPLACE FUNCTION dw.after_load(p_dataset text, p_periods date[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM dw.refresh_dimensions(p_dataset, p_periods);
    IF p_dataset IN ('nof_data', 'nof_league') THEN
        RETURN;
    END IF;
    PERFORM dw.refresh_standards(p_dataset, p_periods);
    PERFORM dw.refresh_league(p_periods);
END $$;
COMMENT ON FUNCTION dw.after_load(text, date[]) IS 'Run by the loader after it swaps in new slices of a dataset (same transaction): derived attributes and marts for those periods.';
