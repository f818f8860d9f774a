-- Puts a load's new tables in place as the partitions holding one (dataset, month) slice,
-- inside the load's transaction, so readers see the old slice or the new one, never a mixture.
-- The partitions they replace are detached into schema archive (a revision), with the
-- standards they produced, and the oldest revisions beyond `p_keep` are dropped. Records the
-- slice in audit.load_slice and its history. `p_load_id` is the load whose data this is
-- (a restore passes the restored revision's load); `p_via` the load or restore doing it.
-- Returns the load whose slice was replaced, or NULL for a first load.
CREATE OR REPLACE FUNCTION dw.replace_slice(
    p_dataset text, p_period date, p_parents text[], p_new_tables text[], p_load_id bigint, p_rows bigint,
    p_keep integer, p_via bigint DEFAULT NULL
) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_via bigint := coalesce(p_via, p_load_id);
    v_old_load bigint;
    v_revision bigint;
    v_archived text[] := '{}';
    v_old text;
    v_final text;
    v_name text;
    i integer;
BEGIN
    SELECT load_id INTO v_old_load FROM audit.load_slice WHERE dataset = p_dataset AND period = p_period FOR UPDATE;
    IF v_old_load IS NOT NULL THEN
        INSERT INTO audit.slice_revision (dataset, period, load_id, replaced_by, rows)
        SELECT p_dataset, p_period, v_old_load, v_via, s.rows FROM audit.load_slice s
         WHERE s.dataset = p_dataset AND s.period = p_period
        ON CONFLICT (dataset, period, load_id) DO UPDATE
           SET replaced_by = EXCLUDED.replaced_by, archived_at = now(), rows = EXCLUDED.rows, tables = '{}'
        RETURNING revision_id INTO v_revision;
        DELETE FROM audit.revision_standard WHERE revision_id = v_revision;
        INSERT INTO audit.revision_standard
            (revision_id, period, org_level, org_code, standard_code, breakdown, numerator, denominator, value, status)
        SELECT v_revision, m.period, m.org_level, m.org_code, m.standard_code, m.breakdown, m.numerator, m.denominator,
               m.value, m.status
          FROM dw.mart_standard m JOIN dw.dim_standard s ON s.standard_code = m.standard_code
         WHERE s.dataset = p_dataset AND m.period = p_period;
    END IF;
    FOR i IN 1 .. cardinality(p_parents) LOOP
        v_final := format('%s_p%s', p_parents[i], to_char(p_period, 'YYYYMM'));
        v_old := dw.current_partition(p_parents[i], p_period);
        IF v_old IS NOT NULL THEN
            EXECUTE format('ALTER TABLE dw.%I DETACH PARTITION dw.%I', p_parents[i], v_old);
            IF v_revision IS NOT NULL THEN
                v_name := format('%s_p%s_l%s', p_parents[i], to_char(p_period, 'YYYYMM'), v_old_load);
                EXECUTE format('DROP TABLE IF EXISTS archive.%I', v_name);
                EXECUTE format('ALTER TABLE dw.%I SET SCHEMA archive', v_old);
                IF v_old <> v_name THEN
                    EXECUTE format('ALTER TABLE archive.%I RENAME TO %I', v_old, v_name);
                END IF;
                v_archived := v_archived || v_name;
            ELSE
                -- A partition no load recorded (not made by nofdb): nothing to keep it for.
                EXECUTE format('DROP TABLE dw.%I', v_old);
            END IF;
        END IF;
        IF p_new_tables[i] <> v_final THEN
            EXECUTE format('ALTER TABLE dw.%I RENAME TO %I', p_new_tables[i], v_final);
        END IF;
        EXECUTE format('ALTER TABLE dw.%I ATTACH PARTITION dw.%I FOR VALUES IN (%L)', p_parents[i], v_final, p_period);
    END LOOP;
    IF v_revision IS NOT NULL THEN
        UPDATE audit.slice_revision SET tables = v_archived WHERE revision_id = v_revision;
    END IF;
    INSERT INTO audit.load_slice (dataset, period, load_id, rows) VALUES (p_dataset, p_period, p_load_id, p_rows)
    ON CONFLICT (dataset, period) DO UPDATE
       SET load_id = EXCLUDED.load_id, rows = EXCLUDED.rows, loaded_at = now(), revision = audit.load_slice.revision + 1;
    INSERT INTO audit.load_slice_history (dataset, period, load_id, replaced_load, rows, via_load)
    VALUES (p_dataset, p_period, p_load_id, v_old_load, p_rows, v_via);
    PERFORM dw.prune_revisions(p_dataset, p_period, p_keep);
    RETURN v_old_load;
END $$;
COMMENT ON FUNCTION dw.replace_slice(text, date, text[], text[], bigint, bigint, integer, bigint) IS 'Attaches a load''s new tables as a slice''s partitions, archiving the partitions they replace (the load''s transaction).';
