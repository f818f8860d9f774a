-- A full rebuild of every mart from the facts: organisations' names and regions from their
-- history, derived organisation attributes per dataset,
-- the standards mart for every loaded month of every monthly dataset, then the league marts
-- for all those months and their quarters. Run by `nofdb rebuild`, and by `nofdb init`
-- whenever a migration or a logic file changed (marts made by older logic are stale).
-- Returns the number of dataset-months rebuilt.
CREATE OR REPLACE FUNCTION dw.rebuild_marts() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    r record;
    n integer := 0;
    v_months date[];
BEGIN
    -- Loads of different datasets refresh the same league months: one at a time, each seeing
    -- the others' committed marts (held to the end of the transaction).
    PERFORM pg_advisory_xact_lock(hashtext('nofdb:marts'));
    -- Organisations' current names and regions, from their history.
    UPDATE dw.dim_organisation o SET org_name = coalesce(c.org_name, o.org_name), region_code = c.region_code
      FROM dw.organisation_current() c
     WHERE c.org_code = o.org_code
       AND (o.org_name IS DISTINCT FROM coalesce(c.org_name, o.org_name) OR o.region_code IS DISTINCT FROM c.region_code);
    DELETE FROM dw.mart_league;
    DELETE FROM dw.mart_peer;
    DELETE FROM dw.mart_league_score;
    DELETE FROM dw.mart_standard;
    -- Every dataset's derived attributes first (ICB membership from the ODS files is read by
    -- the standards of every other dataset), then the standards.
    FOR r IN SELECT dataset, array_agg(period ORDER BY period) AS periods
               FROM audit.load_slice GROUP BY dataset ORDER BY dataset LOOP
        PERFORM dw.refresh_dimensions(r.dataset, r.periods);
    END LOOP;
    IF NOT EXISTS (SELECT 1 FROM audit.load_slice WHERE dataset = 'ods_trusts') THEN
        PERFORM dw.refresh_organisation_icb();
    END IF;
    FOR r IN SELECT dataset, array_agg(period ORDER BY period) AS periods
               FROM audit.load_slice GROUP BY dataset ORDER BY dataset LOOP
        IF r.dataset IN ('ae', 'ambulance', 'rtt', 'cancer', 'diagnostics') THEN
            PERFORM dw.refresh_standards(r.dataset, r.periods);
            n := n + cardinality(r.periods);
        END IF;
    END LOOP;
    SELECT coalesce(array_agg(DISTINCT period), '{}') INTO v_months FROM dw.mart_standard;
    PERFORM dw.refresh_league(v_months);
    RETURN n;
END $$;
COMMENT ON FUNCTION dw.rebuild_marts() IS 'Rebuilds every mart from the facts; returns the dataset-months rebuilt.';
