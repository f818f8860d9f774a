CREATE VIEW nof.rtt_detail AS
SELECT r.period, r.provider_code, o.org_name AS provider_name, r.provider_parent_code, r.commissioner_parent_code,
       r.commissioner_code, c.commissioner_name, r.part, p.description AS part_description,
       r.treatment_function_code, t.treatment_function_name, r.bands, r.total, r.unknown_clock_start, r.total_all
  FROM dw.fact_rtt r
  LEFT JOIN dw.dim_organisation o ON o.org_code = r.provider_code
  LEFT JOIN dw.dim_commissioner c ON c.commissioner_code = r.commissioner_code
  LEFT JOIN dw.dim_rtt_part p ON p.part = r.part
  LEFT JOIN dw.dim_treatment_function t ON t.treatment_function_code = r.treatment_function_code;
COMMENT ON VIEW nof.rtt_detail IS 'RTT Full CSV rows as published. C_999 rows are totals: do not add them to specialty rows. Filter on period: a national month is ~180,000 rows. Grain: provider x commissioner x part x treatment function x month.';
COMMENT ON COLUMN nof.rtt_detail.period IS 'Month (first day).';
COMMENT ON COLUMN nof.rtt_detail.provider_code IS 'Provider ODS code.';
COMMENT ON COLUMN nof.rtt_detail.provider_name IS 'Latest provider name.';
COMMENT ON COLUMN nof.rtt_detail.provider_parent_code IS 'Provider''s parent (ICB; earlier STP/region) as reported.';
COMMENT ON COLUMN nof.rtt_detail.commissioner_parent_code IS 'Commissioner''s parent code as reported (blank for hubs).';
COMMENT ON COLUMN nof.rtt_detail.commissioner_code IS 'Commissioner code (NONC = non-English commissioner).';
COMMENT ON COLUMN nof.rtt_detail.commissioner_name IS 'Commissioner name (NULL for NONC).';
COMMENT ON COLUMN nof.rtt_detail.part IS 'RTT part: 1A, 1B (completed), 2, 2A (incomplete), 3 (new periods).';
COMMENT ON COLUMN nof.rtt_detail.part_description IS 'Part description as published.';
COMMENT ON COLUMN nof.rtt_detail.treatment_function_code IS 'Treatment function (C_999 = Total).';
COMMENT ON COLUMN nof.rtt_detail.treatment_function_name IS 'Treatment function name.';
COMMENT ON COLUMN nof.rtt_detail.bands IS 'Weekly bands: element i counts waits of i-1 to i weeks; the last is the open band (104+ or 52+). NULL where the file is blank (Part_3).';
COMMENT ON COLUMN nof.rtt_detail.total IS 'Total (blank for parts 2, 2A and 3).';
COMMENT ON COLUMN nof.rtt_detail.unknown_clock_start IS 'Patients with unknown clock start date (blank for parts 2, 2A and 3).';
COMMENT ON COLUMN nof.rtt_detail.total_all IS 'Total All.';
