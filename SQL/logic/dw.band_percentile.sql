-- The p-th quantile (0..1) of a distribution given as weekly counts: band i covers weeks
-- [i-1, i); linear interpolation within the band (the NHS England RTT method). NULL when the
-- quantile falls in the open-ended last band (e.g. 'Gt 104 Weeks'), or there is no data.
CREATE OR REPLACE FUNCTION dw.band_percentile(bands bigint[], p numeric) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    total numeric := 0;
    cum numeric := 0;
    target numeric;
    n integer := coalesce(cardinality(bands), 0);
    b numeric;
BEGIN
    IF n = 0 THEN RETURN NULL; END IF;
    SELECT sum(x) INTO total FROM unnest(bands) AS x;
    IF total IS NULL OR total = 0 THEN RETURN NULL; END IF;
    target := total * p;
    FOR i IN 1..n LOOP
        b := coalesce(bands[i], 0);
        IF b > 0 AND cum + b >= target THEN
            IF i = n THEN RETURN NULL; END IF;
            RETURN (i - 1) + (target - cum) / b;
        END IF;
        cum := cum + b;
    END LOOP;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION dw.band_percentile(bigint[], numeric) IS 'Quantile p of a distribution of weekly bands, interpolated within the band; NULL in the open last band.';
