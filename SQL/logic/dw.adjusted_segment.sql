-- The finance override: a trust in deficit (or on deficit support) is no better than segment 3.
CREATE OR REPLACE FUNCTION dw.adjusted_segment(segment integer, in_deficit boolean) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN in_deficit AND segment < 3 THEN 3 ELSE segment END::smallint
$$;
