-- The session's scratch list of organisations whose attributes a load changed (region, peer
-- group), read by dw.after_load and emptied by it; created on first use, dropped at commit.
CREATE OR REPLACE FUNCTION dw.note_changed_orgs() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF to_regclass('pg_temp.nofdb_changed_org') IS NULL THEN
        CREATE TEMP TABLE nofdb_changed_org (org_code text, attribute text) ON COMMIT DROP;
    END IF;
END $$;
