-- The NOF raw delivery score: the mean of the non-zero, non-missing metric scores, 2 dp
-- (zero means "not scored" in the official files).
CREATE OR REPLACE FUNCTION dw.average_score(scores numeric[]) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT round(avg(s), 2) FROM unnest(scores) AS s WHERE s IS NOT NULL AND s <> 0
$$;
