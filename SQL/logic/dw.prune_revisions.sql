-- Keeps the newest `p_keep` archived revisions of a slice and drops the rest (their tables
-- in schema archive and their mart rows).
CREATE OR REPLACE FUNCTION dw.prune_revisions(p_dataset text, p_period date, p_keep integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    r record;
    t text;
    n integer := 0;
BEGIN
    FOR r IN SELECT revision_id, tables FROM audit.slice_revision
              WHERE dataset = p_dataset AND period = p_period
              ORDER BY archived_at DESC, revision_id DESC OFFSET greatest(p_keep, 0) LOOP
        FOREACH t IN ARRAY r.tables LOOP
            EXECUTE format('DROP TABLE IF EXISTS archive.%I', t);
        END LOOP;
        DELETE FROM audit.slice_revision WHERE revision_id = r.revision_id;
        n := n + 1;
    END LOOP;
    RETURN n;
END $$;
COMMENT ON FUNCTION dw.prune_revisions(text, date, integer) IS 'Drops a slice''s archived revisions beyond the newest p_keep.';
