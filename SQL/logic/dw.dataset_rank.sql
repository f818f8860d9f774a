-- A fixed order of datasets, for choosing between two files that name an organisation
-- differently in the same month (A&E and DM01 carry regions; RTT and cancer do not).
CREATE OR REPLACE FUNCTION dw.dataset_rank(p_dataset text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE p_dataset WHEN 'ae' THEN 1 WHEN 'diagnostics' THEN 2 WHEN 'ambulance' THEN 3 WHEN 'nof_league' THEN 4
                          WHEN 'nof_data' THEN 5 WHEN 'rtt' THEN 6 WHEN 'cancer' THEN 7 ELSE 9 END
$$;
