CREATE VIEW nof.icb AS
SELECT i.icb_code, i.ons_code, i.icb_name, i.valid_from, i.valid_to, i.region_code, r.region_name,
       (SELECT array_agg(s.successor ORDER BY s.successor) FROM dw.icb_succession s WHERE s.predecessor = i.icb_code) AS successors,
       (SELECT array_agg(s.predecessor ORDER BY s.predecessor) FROM dw.icb_succession s WHERE s.successor = i.icb_code) AS predecessors,
       (SELECT count(DISTINCT m.org_code)::integer FROM dw.organisation_icb_month m
         WHERE m.icb_code = i.icb_code AND m.basis = 'in force'
           AND m.period = (SELECT max(x.period) FROM dw.organisation_icb_month x WHERE x.icb_code = i.icb_code AND x.basis = 'in force')) AS trusts,
       i.source
  FROM dw.icb i
  LEFT JOIN dw.dim_region r ON r.region_code = i.region_code;
COMMENT ON VIEW nof.icb IS 'Integrated care boards with the dates they existed (42 from July 2022; 36 from April 2026) and their mergers. Grain: ICB.';
COMMENT ON COLUMN nof.icb.icb_code IS 'ODS code of the ICB, e.g. QVV.';
COMMENT ON COLUMN nof.icb.ons_code IS 'ONS code (E54...), for the 2022-2026 ICBs.';
COMMENT ON COLUMN nof.icb.icb_name IS 'Name.';
COMMENT ON COLUMN nof.icb.valid_from IS 'First day it existed.';
COMMENT ON COLUMN nof.icb.valid_to IS 'Last day it existed; NULL while it exists.';
COMMENT ON COLUMN nof.icb.region_code IS 'NHS England region most of its trusts are in (from the ODS trusts file).';
COMMENT ON COLUMN nof.icb.region_name IS 'That region''s name.';
COMMENT ON COLUMN nof.icb.successors IS 'The ICBs it became part of (April 2026), if any.';
COMMENT ON COLUMN nof.icb.predecessors IS 'The ICBs it was made from, if any.';
COMMENT ON COLUMN nof.icb.trusts IS 'Trusts in it in the latest month it existed (from the loaded ODS trusts files).';
COMMENT ON COLUMN nof.icb.source IS 'The reference file it comes from.';
