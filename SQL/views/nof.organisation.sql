CREATE VIEW nof.organisation AS
SELECT o.org_code, o.org_name, o.org_kind, o.is_ambulance, o.nof_trust_type, o.nof_trust_subtype,
       o.region_code, r.region_name, o.first_period, o.last_period, s.new_code AS successor_code,
       ov.peer_group AS peer_group_override, pg.peer_group, pg.source AS peer_group_source,
       (SELECT t.trust_type FROM dw.organisation_type t WHERE t.org_code = o.org_code ORDER BY t.source = 'nof_2025_26_q3' DESC LIMIT 1) AS reference_trust_type,
       (SELECT t.trust_subtype FROM dw.organisation_type t WHERE t.org_code = o.org_code AND t.trust_subtype IS NOT NULL
         ORDER BY t.source = 'nof_2025_26_q3' DESC LIMIT 1) AS reference_trust_subtype
  FROM dw.dim_organisation o
  LEFT JOIN dw.v_organisation_peer pg ON pg.org_code = o.org_code
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
COMMENT ON COLUMN nof.organisation.peer_group_override IS 'Manual peer group (acute, specialist, ambulance, mental_health_community, other, excluded) overriding the reference data, if set.';
COMMENT ON COLUMN nof.organisation.peer_group IS 'League peer group from trust types: acute, specialist, ambulance, mental_health_community; NULL when no source types it.';
COMMENT ON COLUMN nof.organisation.peer_group_source IS 'override, nof_2025_26_q3 (NOF Q3 2025/26 trust profiles), eric_2024_25 (ERIC 2024/25) or nof_file (a loaded official NOF file).';
COMMENT ON COLUMN nof.organisation.reference_trust_type IS 'Trust type in the reference data (NOF Q3 2025/26, else ERIC 2024/25).';
COMMENT ON COLUMN nof.organisation.reference_trust_subtype IS 'Trust subtype in the reference data (e.g. Acute - Teaching).';
