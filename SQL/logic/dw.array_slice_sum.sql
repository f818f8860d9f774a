-- Sum of array elements in a 1-based slice [from, to] (NULL elements count 0).
CREATE OR REPLACE FUNCTION dw.array_slice_sum(a anyarray, from_index integer, to_index integer) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT sum(x)::numeric FROM unnest(a[from_index:to_index]) AS x
$$;
