CREATE VIEW nof.organisation AS
SELECT o.org_code, o.org_name, o.org_kind, o.is_ambulance, o.nof_trust_type, o.nof_trust_subtype,
       o.region_code, r.region_name, o.first_period, o.last_period, s.new_code AS successor_code,
       ov.peer_group AS peer_group_override
  FROM dw.dim_organisation o
  LEFT JOIN dw.dim_region r ON r.region_code = o.region_code
  LEFT JOIN dw.organisation_successor s ON s.old_code = o.org_code
  LEFT JOIN dw.organisation_override ov ON ov.org_code = o.org_code;
COMMENT ON VIEW nof.organisation IS 'Organisations (trusts, independent providers, GP practices) seen in any loaded file, with their latest name and region. Grain: one row per ODS code.';
COMMENT ON COLUMN nof.organisation.org_code IS 'ODS organisation code, e.g. RBD.';
COMMENT ON COLUMN nof.organisation.org_name IS 'Latest name reported in a file (name history: nof.organisation_history).';
COMMENT ON COLUMN nof.organisation.org_kind IS 'nhs_trust (R..), independent, gp_practice or other, from the shape of the ODS code.';
COMMENT ON COLUMN nof.organisation.is_ambulance IS 'True when AmbSYS reports it as an ambulance trust.';
COMMENT ON COLUMN nof.organisation.nof_trust_type IS 'Trust type in the official NOF files (e.g. Acute trust), when loaded.';
COMMENT ON COLUMN nof.organisation.nof_trust_subtype IS 'Trust subtype in the official NOF files, when loaded.';
COMMENT ON COLUMN nof.organisation.region_code IS 'Latest region code (Y56-Y63) reported for it.';
COMMENT ON COLUMN nof.organisation.region_name IS 'Name of that region.';
COMMENT ON COLUMN nof.organisation.first_period IS 'First month it appears in a loaded file.';
COMMENT ON COLUMN nof.organisation.last_period IS 'Last month it appears in a loaded file.';
COMMENT ON COLUMN nof.organisation.successor_code IS 'The organisation it merged into, if any (ODS succession).';
COMMENT ON COLUMN nof.organisation.peer_group_override IS 'Manual peer group (acute, ambulance, non_acute, excluded) overriding the rules, if set.';
