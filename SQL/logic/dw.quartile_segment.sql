-- Segment 1-4 from the quartile cut points (25th, 50th, 75th percentile) of the averages.
CREATE OR REPLACE FUNCTION dw.quartile_segment(average numeric, cuts double precision[]) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN average IS NULL THEN NULL
                WHEN average <= cuts[1] THEN 1 WHEN average <= cuts[2] THEN 2
                WHEN average <= cuts[3] THEN 3 ELSE 4 END::smallint
$$;
