-- The financial quarter of a month (April-June = Q1), as its first day.
CREATE OR REPLACE FUNCTION dw.quarter_start(p date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (date_trunc('quarter', p - interval '3 months') + interval '3 months')::date
$$;
