CREATE VIEW nof.organisation AS
WITH ods AS (
    SELECT DISTINCT ON (org_code) org_code, org_name, region_code, open_date, close_date
      FROM dw.fact_ods_trust ORDER BY org_code, period DESC
), codes AS (
    SELECT org_code FROM dw.dim_organisation UNION SELECT org_code FROM ods
)
SELECT c.org_code, coalesce(o.org_name, ods.org_name) AS org_name, coalesce(o.org_kind, 'nhs_trust') AS org_kind,
       coalesce(o.is_ambulance, false) AS is_ambulance, o.nof_trust_type, o.nof_trust_subtype,
       coalesce(o.region_code, CASE WHEN ods.region_code ~ '^Y[0-9]{2}$' THEN ods.region_code END) AS region_code,
       r.region_name, o.first_period, o.last_period, l.current_code AS successor_code,
       ov.peer_group AS peer_group_override, pg.peer_group, pg.source AS peer_group_source,
       (SELECT t.trust_type FROM dw.organisation_type t WHERE t.org_code = c.org_code ORDER BY t.source = 'nof_2025_26_q3' DESC LIMIT 1) AS reference_trust_type,
       (SELECT t.trust_subtype FROM dw.organisation_type t WHERE t.org_code = c.org_code AND t.trust_subtype IS NOT NULL
         ORDER BY t.source = 'nof_2025_26_q3' DESC LIMIT 1) AS reference_trust_subtype,
       ods.org_name AS ods_name, ods.open_date, ods.close_date,
       im.icb_code, i.icb_name,
       (SELECT array_agg(p.org_code ORDER BY p.org_code) FROM dw.v_organisation_lineage p WHERE p.current_code = c.org_code) AS predecessors,
       (SELECT s.new_code FROM dw.v_trust_successor s WHERE s.old_code = c.org_code ORDER BY s.effective_from, s.new_code LIMIT 1) AS merged_into,
       (SELECT s.effective_from FROM dw.v_trust_successor s WHERE s.old_code = c.org_code ORDER BY s.effective_from, s.new_code LIMIT 1) AS merged_on
  FROM codes c
  LEFT JOIN dw.dim_organisation o ON o.org_code = c.org_code
  LEFT JOIN ods ON ods.org_code = c.org_code
  LEFT JOIN dw.v_organisation_peer pg ON pg.org_code = c.org_code
  LEFT JOIN dw.dim_region r ON r.region_code = coalesce(o.region_code, CASE WHEN ods.region_code ~ '^Y[0-9]{2}$' THEN ods.region_code END)
  LEFT JOIN dw.v_organisation_lineage l ON l.org_code = c.org_code
  LEFT JOIN dw.organisation_override ov ON ov.org_code = c.org_code
  LEFT JOIN LATERAL (SELECT m.icb_code FROM dw.organisation_icb_month m WHERE m.org_code = c.org_code
                      ORDER BY m.period DESC LIMIT 1) im ON true
  LEFT JOIN dw.icb i ON i.icb_code = im.icb_code;
COMMENT ON VIEW nof.organisation IS 'Organisations (trusts, independent providers, GP practices) seen in any loaded file, NHS England or ODS, with their latest name, region, ICB, trust type, open and close dates, predecessors and successor (dated attributes: nof.organisation_icb_month, nof.organisation_history). Grain: one row per ODS code.';
COMMENT ON COLUMN nof.organisation.org_code IS 'ODS organisation code, e.g. RBD.';
COMMENT ON COLUMN nof.organisation.org_name IS 'Latest name reported in a file (name history: nof.organisation_history).';
COMMENT ON COLUMN nof.organisation.org_kind IS 'nhs_trust (R.., or in an ODS trusts file), independent, gp_practice or other, from the shape of the ODS code.';
COMMENT ON COLUMN nof.organisation.is_ambulance IS 'True when AmbSYS reports it as an ambulance trust.';
COMMENT ON COLUMN nof.organisation.nof_trust_type IS 'Trust type in the official NOF files (e.g. Acute trust), when loaded.';
COMMENT ON COLUMN nof.organisation.nof_trust_subtype IS 'Trust subtype in the official NOF files, when loaded.';
COMMENT ON COLUMN nof.organisation.region_code IS 'Latest region code (Y56-Y63) reported for it.';
COMMENT ON COLUMN nof.organisation.region_name IS 'Name of that region.';
COMMENT ON COLUMN nof.organisation.first_period IS 'First month it appears in a loaded NHS England file.';
COMMENT ON COLUMN nof.organisation.last_period IS 'Last month it appears in a loaded NHS England file.';
COMMENT ON COLUMN nof.organisation.successor_code IS 'Its organisation today, if it merged (ODS successions, chains followed: RD3 -> R0D).';
COMMENT ON COLUMN nof.organisation.peer_group_override IS 'Manual peer group (acute, specialist, ambulance, mental_health_community, other, excluded) overriding the reference data, if set.';
COMMENT ON COLUMN nof.organisation.peer_group IS 'League peer group from trust types: acute, specialist, ambulance, mental_health_community; NULL when no source types it.';
COMMENT ON COLUMN nof.organisation.peer_group_source IS 'override, nof_2025_26_q3 (NOF Q3 2025/26 trust profiles), eric_2024_25 (ERIC 2024/25) or nof_file (a loaded official NOF file).';
COMMENT ON COLUMN nof.organisation.reference_trust_type IS 'Trust type in the reference data (NOF Q3 2025/26, else ERIC 2024/25).';
COMMENT ON COLUMN nof.organisation.reference_trust_subtype IS 'Trust subtype in the reference data (e.g. Acute - Teaching).';
COMMENT ON COLUMN nof.organisation.ods_name IS 'Name in the newest loaded ODS trusts file (capitals, as ODS publishes).';
COMMENT ON COLUMN nof.organisation.open_date IS 'Open date (ODS).';
COMMENT ON COLUMN nof.organisation.close_date IS 'Close date (ODS); NULL while open.';
COMMENT ON COLUMN nof.organisation.icb_code IS 'ICB in its latest month (nof.organisation_icb_month has every month).';
COMMENT ON COLUMN nof.organisation.icb_name IS 'That ICB''s name.';
COMMENT ON COLUMN nof.organisation.predecessors IS 'Trusts that merged into it, directly or through a chain (e.g. RD3, RDZ for R0D).';
COMMENT ON COLUMN nof.organisation.merged_into IS 'The trust it merged into directly, if it closed by merger.';
COMMENT ON COLUMN nof.organisation.merged_on IS 'The date that successor began.';
