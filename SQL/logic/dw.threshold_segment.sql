-- Segment 1-4 from defined thresholds (the NOF 2026/27 method): the largest averages of
-- segments 1, 2 and 3.
CREATE OR REPLACE FUNCTION dw.threshold_segment(average numeric, thresholds numeric[]) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN average IS NULL THEN NULL
                WHEN average <= thresholds[1] THEN 1 WHEN average <= thresholds[2] THEN 2
                WHEN average <= thresholds[3] THEN 3 ELSE 4 END::smallint
$$;
