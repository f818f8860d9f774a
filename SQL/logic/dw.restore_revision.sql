-- Brings back every archived slice holding load `p_load_id`'s data, in the caller's
-- transaction: the archived tables return to dw and replace the current partitions, which are
-- archived in turn (replaced by the restore `p_via`). Returns the restored slices.
CREATE OR REPLACE FUNCTION dw.restore_revision(p_load_id bigint, p_via bigint, p_keep integer)
RETURNS TABLE (dataset text, period date, rows bigint)
LANGUAGE plpgsql AS $$
DECLARE
    r record;
    t text;
    v_parents text[];
BEGIN
    FOR r IN SELECT * FROM audit.slice_revision s WHERE s.load_id = p_load_id ORDER BY s.dataset, s.period LOOP
        v_parents := '{}';
        FOREACH t IN ARRAY r.tables LOOP
            EXECUTE format('ALTER TABLE archive.%I SET SCHEMA dw', t);
            v_parents := v_parents || regexp_replace(t, '_p[0-9]{6}_l[0-9]+$', '');
        END LOOP;
        DELETE FROM audit.slice_revision WHERE revision_id = r.revision_id;
        PERFORM dw.replace_slice(r.dataset, r.period, v_parents, r.tables, p_load_id, r.rows, p_keep, p_via);
        dataset := r.dataset;
        period := r.period;
        rows := r.rows;
        RETURN NEXT;
    END LOOP;
END $$;
COMMENT ON FUNCTION dw.restore_revision(bigint, bigint, integer) IS 'Restores the archived slices of one load as the current ones, archiving what they replace.';
