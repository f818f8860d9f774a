-- nofdb query's bound on one row (issue 30): libpq holds a whole row in the client's memory
-- before handing it over, so a row of 500 MB would take 500 MB or more of nofdb's memory.
-- `nofdb query` reads SELECT q.* FROM (the query) q WHERE nof.query_row_fits(pg_column_size(q.*), LIMIT),
-- and this refuses, on the server, the first row over the limit, saying why (SQLSTATE 54000,
-- program_limit_exceeded). In schema nof so the sandbox role nofdb_query can call it.
CREATE OR REPLACE FUNCTION nof.query_row_fits(p_bytes bigint, p_limit bigint) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    IF p_bytes > p_limit THEN
        RAISE EXCEPTION 'a row of the result holds % MB, more than the % MB a row may hold in nofdb query',
                        round(p_bytes / 1048576.0, 1), round(p_limit / 1048576.0, 1)
              USING ERRCODE = 'program_limit_exceeded',
                    HINT = 'nofdb holds one whole row in memory at a time; select less of the large values (left(col, 10000), length(col)) or read them in parts (substr(col, start, n))';
    END IF;
    RETURN true;
END $$;
COMMENT ON FUNCTION nof.query_row_fits(bigint, bigint) IS 'nofdb query''s bound on one row of a result: true, or an error saying the row is too large for the client to hold.';
