-- What the load guards compare before a new slice replaces the stored one: the stored
-- slice's rows (from the load log) and providers, the new slice's providers (from its new,
-- not yet attached table; NULL when the new slice has no rows there), the providers that
-- would disappear, and the most providers any stored month of the dataset within six months
-- either side has (for first loads). For the ODS reference files, a file newer than every
-- stored one is compared with the newest stored file.
CREATE OR REPLACE FUNCTION dw.slice_stats(p_dataset text, p_period date, p_new_guard_table text)
RETURNS TABLE (stored_rows bigint, stored_providers integer, new_providers integer, lost text[], neighbour_providers integer)
LANGUAGE plpgsql AS $$
DECLARE
    d record;
    v_current text;
BEGIN
    SELECT * INTO d FROM dw.slice_provider_column(p_dataset);
    v_current := dw.current_partition(d.guard_table, p_period);
    SELECT s.rows INTO stored_rows FROM audit.load_slice s WHERE s.dataset = p_dataset AND s.period = p_period;
    -- A reference file (ODS) is a snapshot, not a month: a newer file is compared with the
    -- newest stored one, so a cut or filtered trusts file cannot pass as a new snapshot.
    IF v_current IS NULL AND p_dataset IN ('ods_trusts', 'ods_successors') THEN
        SELECT s.rows, dw.current_partition(d.guard_table, s.period) INTO stored_rows, v_current
          FROM audit.load_slice s WHERE s.dataset = p_dataset AND s.period < p_period
         ORDER BY s.period DESC LIMIT 1;
    END IF;
    new_providers := 0;
    IF p_new_guard_table IS NOT NULL THEN
        EXECUTE format('SELECT count(DISTINCT %I)::integer FROM dw.%I WHERE %s', d.provider, p_new_guard_table, d.filter)
           INTO new_providers;
    END IF;
    lost := '{}';
    IF v_current IS NOT NULL THEN
        EXECUTE format('SELECT count(DISTINCT %I)::integer FROM dw.%I WHERE %s', d.provider, v_current, d.filter)
           INTO stored_providers;
        IF p_new_guard_table IS NULL THEN
            EXECUTE format('SELECT coalesce(array_agg(DISTINCT %I ORDER BY %I), ''{}'') FROM dw.%I WHERE %s',
                           d.provider, d.provider, v_current, d.filter)
               INTO lost;
        ELSE
            EXECUTE format('SELECT coalesce(array_agg(p ORDER BY p), ''{}'') FROM (SELECT %1$I AS p FROM dw.%2$I WHERE %3$s
                            EXCEPT SELECT %1$I FROM dw.%4$I WHERE %3$s) x', d.provider, v_current, d.filter, p_new_guard_table)
               INTO lost;
        END IF;
    END IF;
    EXECUTE format('SELECT max(n)::integer FROM (SELECT count(DISTINCT %I) AS n FROM dw.%I
                     WHERE period BETWEEN %L::date - interval ''6 months'' AND %L::date + interval ''6 months''
                       AND period <> %L AND %s GROUP BY period) x',
                   d.provider, d.guard_table, p_period, p_period, p_period, d.filter)
       INTO neighbour_providers;
    RETURN NEXT;
END $$;
COMMENT ON FUNCTION dw.slice_stats(text, date, text) IS 'Stored and new row and provider counts of a slice, the providers a replacement would lose, and the neighbouring months'' provider counts (the load guards).';
