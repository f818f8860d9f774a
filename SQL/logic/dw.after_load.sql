-- The loader's hook, run inside the load's transaction after it swaps in new slices of a
-- dataset: derived organisation attributes, then the marts for the months the load touched,
-- and also every other month that reads an attribute the load changed, so the marts always
-- equal a rebuild from the facts whatever order files come in: a changed region refreshes
-- the RTT and cancer months that take an organisation's region from dim_organisation; a
-- changed peer group (ambulance trust, NOF trust type) refreshes the league months holding
-- the organisation.
CREATE OR REPLACE FUNCTION dw.after_load(p_dataset text, p_periods date[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_league date[] := '{}';
    v_extra date[];
    v_dataset text;
BEGIN
    -- Loads of different datasets refresh the same league months: one at a time, each seeing
    -- the others' committed marts (held to the end of the transaction).
    PERFORM pg_advisory_xact_lock(hashtext('nofdb:marts'));
    PERFORM dw.note_changed_orgs();
    IF p_dataset IN ('ods_trusts', 'ods_successors') THEN
        -- Every month's ICB rows, merged series and peer groups can read the reference files:
        -- rebuild all marts (seconds) rather than track which months changed.
        PERFORM dw.refresh_dimensions(p_dataset, p_periods);
        PERFORM dw.rebuild_marts();
        DELETE FROM nofdb_changed_org;
        RETURN;
    END IF;
    PERFORM dw.refresh_dimensions(p_dataset, p_periods);
    IF p_dataset IN ('ae', 'ambulance', 'rtt', 'cancer', 'diagnostics') THEN
        PERFORM dw.refresh_standards(p_dataset, p_periods);
        v_league := p_periods;
    END IF;
    FOREACH v_dataset IN ARRAY ARRAY['rtt', 'cancer'] LOOP
        SELECT array_agg(DISTINCT m.period) INTO v_extra
          FROM dw.mart_standard m JOIN dw.dim_standard s ON s.standard_code = m.standard_code
         WHERE s.dataset = v_dataset AND m.org_level = 'provider'
           AND m.org_code IN (SELECT org_code FROM nofdb_changed_org WHERE attribute = 'region')
           AND NOT (v_dataset = p_dataset AND m.period = ANY (p_periods));
        IF v_extra IS NOT NULL THEN
            PERFORM dw.refresh_standards(v_dataset, v_extra);
            v_league := v_league || v_extra;
        END IF;
    END LOOP;
    SELECT array_agg(DISTINCT m.period) INTO v_extra
      FROM dw.mart_standard m
     WHERE m.org_level = 'provider' AND m.org_code IN (SELECT org_code FROM nofdb_changed_org WHERE attribute = 'peer');
    IF v_extra IS NOT NULL THEN
        v_league := v_league || v_extra;
    END IF;
    -- The planner's statistics for the standards mart must know the months just written: a
    -- new month is outside the stored histogram (estimated at one row), and a month adds ~1%
    -- of the mart, far below autovacuum's 10% threshold. Without this, queries over the
    -- newest month (the scoped data tests run next in this transaction, and BI tools after
    -- it) chose nested loops whose cost grew with the history held: 4-5 s per load at ten
    -- years. Sampling the one column costs ~60 ms whatever the size.
    IF cardinality(v_league) > 0 THEN
        ANALYZE dw.mart_standard (period);
    END IF;
    IF cardinality(v_league) > 0 THEN
        SELECT array_agg(DISTINCT p) INTO v_league FROM unnest(v_league) AS p;
        PERFORM dw.refresh_league(v_league);
    END IF;
    DELETE FROM nofdb_changed_org;
END $$;
COMMENT ON FUNCTION dw.after_load(text, date[]) IS 'Run by the loader after it swaps in new slices of a dataset (same transaction): derived attributes, then the marts of those months and of every month reading an attribute that changed.';
