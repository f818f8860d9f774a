-- Maps the region names seen in the files (A&E Parent Org over the years, AmbSYS, DM01, NOF)
-- to a region code. Earlier NHS England regions (2018: 'MIDLANDS AND EAST (EAST)', 'NORTH
-- (CHESHIRE AND MERSEYSIDE)', ...) map to the 2020 region that took over their area.
CREATE OR REPLACE FUNCTION dw.region_code_for(name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN n IS NULL OR n = '' THEN NULL
        WHEN n ~ '^Y5[6-9]$|^Y6[0-3]$' THEN n
        WHEN n LIKE '%LONDON%' THEN 'Y56'
        WHEN n LIKE '%SOUTH WEST%' THEN 'Y58'
        WHEN n LIKE '%SOUTH EAST%' THEN 'Y59'
        WHEN n LIKE '%EAST OF ENGLAND%' OR n LIKE '%MIDLANDS AND EAST (EAST)%' OR n = 'EAST' THEN 'Y61'
        WHEN n LIKE '%MIDLANDS%' THEN 'Y60'
        WHEN n LIKE '%NORTH WEST%' OR n LIKE '%CHESHIRE AND MERSEYSIDE%' OR n LIKE '%GREATER MANCHESTER%'
             OR n LIKE '%LANCASHIRE%' THEN 'Y62'
        WHEN n LIKE '%NORTH EAST%' OR n LIKE '%YORKSHIRE%' OR n LIKE '%CUMBRIA AND NORTH EAST%' THEN 'Y63'
        ELSE NULL
    END
    FROM (SELECT upper(btrim(name)) AS n) AS s
$$;
COMMENT ON FUNCTION dw.region_code_for(text) IS 'Region code (Y56-Y63) for a region name or code as written in any NHS England file; NULL when unknown.';
