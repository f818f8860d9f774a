CREATE VIEW nof.region AS
SELECT region_code, region_name FROM dw.dim_region;
COMMENT ON VIEW nof.region IS 'The seven NHS England regions. Grain: one row per region.';
COMMENT ON COLUMN nof.region.region_code IS 'ODS region code, Y56-Y63.';
COMMENT ON COLUMN nof.region.region_name IS 'Region name, e.g. North East and Yorkshire.';
