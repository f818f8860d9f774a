CREATE VIEW nof.nof_official_league AS
SELECT l.period, l.quarter_label, l.org_code, o.org_name, l.trust_type, l.trust_subtype, l.region_name, l.average_score,
       l.likely_range_average, l.segment, l.in_financial_deficit, l.rank, l.likely_range_rank
  FROM dw.fact_nof_league l
  LEFT JOIN dw.dim_organisation o ON o.org_code = l.org_code;
COMMENT ON VIEW nof.nof_official_league IS 'The official NOF league table file as published. Grain: trust x quarter.';
COMMENT ON COLUMN nof.nof_official_league.period IS 'First day of the quarter.';
COMMENT ON COLUMN nof.nof_official_league.quarter_label IS 'Quarter.';
COMMENT ON COLUMN nof.nof_official_league.org_code IS 'Trust ODS code.';
COMMENT ON COLUMN nof.nof_official_league.org_name IS 'Trust name.';
COMMENT ON COLUMN nof.nof_official_league.trust_type IS 'Trust type (league).';
COMMENT ON COLUMN nof.nof_official_league.trust_subtype IS 'Trust subtype.';
COMMENT ON COLUMN nof.nof_official_league.region_name IS 'NHS region.';
COMMENT ON COLUMN nof.nof_official_league.average_score IS 'Average metric score.';
COMMENT ON COLUMN nof.nof_official_league.likely_range_average IS 'Likely range of the average score, as published.';
COMMENT ON COLUMN nof.nof_official_league.segment IS 'Segment (the adjusted segment).';
COMMENT ON COLUMN nof.nof_official_league.in_financial_deficit IS 'Trust in financial deficit.';
COMMENT ON COLUMN nof.nof_official_league.rank IS 'League rank.';
COMMENT ON COLUMN nof.nof_official_league.likely_range_rank IS 'Likely range of the rank, as published.';
