-- Whether `value` meets `threshold` under `comparator`.
CREATE OR REPLACE FUNCTION dw.meets(value numeric, threshold numeric, comparator text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE comparator WHEN '>=' THEN value >= threshold WHEN '<=' THEN value <= threshold
                           WHEN '<' THEN value < threshold WHEN '>' THEN value > threshold END
$$;
